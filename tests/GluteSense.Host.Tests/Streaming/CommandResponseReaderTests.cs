using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

public class CommandResponseReaderTests
{
    private sealed class Clock : IDeviceClock
    {
        public uint NowUs() => 1_000_000;
    }

    [Fact]
    public void ResponsesCrossTheResponseCharacteristicInFragmentsAndAreMatchedByToken()
    {
        var config = new DeviceConfiguration { Mode = ProtocolSpec.ModeRaw, EmgRateHz = 1000 };
        var publisher = new FramePublisher(new SimulatedLink(new SimulatedLinkSettings()), ProtocolSpec.AttMtuDefault);
        var handler = new CommandHandler(config, publisher, new Clock());
        var responseLink = new SimulatedLink(new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtuDefault, ReorderProbability = 0.3, Seed = 4 });
        var fragmenter = new Fragmenter(ProtocolSpec.AttMtuDefault);
        var reader = new CommandResponseReader();

        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        byte[] response = new byte[ProtocolSpec.MaxFrameLength];
        var command = new Command();
        int n = CommandCodec.Encode(CommandCodec.Simple(command, ProtocolSpec.CmdGetConfig, 21), packet, 0);
        int length = handler.Handle(packet, 0, n, response, 0);
        Assert.Equal(273, length);   // 17 B frame overhead + 256 B configuration
        Assert.Equal(16, fragmenter.Send(response, 0, length, responseLink)); // 18 frame bytes per notification at MTU 23

        n = CommandCodec.Encode(CommandCodec.TimeSync(command, 22, 5_000_000UL), packet, 0);
        fragmenter.Send(response, 0, handler.Handle(packet, 0, n, response, 0), responseLink);
        responseLink.Flush();
        foreach (byte[] note in responseLink.Drain())
        {
            reader.AddNotification(note);
        }

        Assert.True(reader.TryTake(21, out Frame configResponse));
        DeviceConfiguration read = CommandResponseReader.ReadConfiguration(configResponse);
        Assert.Equal((ProtocolSpec.ModeRaw, 1000), (read.Mode, read.EmgRateHz));
        Assert.False(reader.TryTake(21, out _));

        Assert.True(reader.TryTake(22, out Frame sync));
        // Host sent at 5.000 s, got the answer at 5.010 s; the device said 1.000 s: offset = 5.005 - 1.000 s.
        Assert.Equal(4_005_000.0, CommandResponseReader.DeviceToHostOffsetUs(sync, 5_010_000UL));
        Assert.Equal(0, reader.Corrupt);
    }
}

public class CommandResponseRefusalTests
{
    private static byte[] Encode(Frame f)
    {
        byte[] bytes = new byte[FrameEncoder.EncodedLength(f)];
        FrameEncoder.Encode(f, bytes, 0);
        return bytes;
    }

    [Fact]
    public void OnlyCommandResponsesAreKept_AndShortResponsesAreRefusedWithTheirLength()
    {
        var reader = new CommandResponseReader();
        var fragmenter = new Fragmenter(ProtocolSpec.AttMtuDefault);
        var link = new SimulatedLink(new SimulatedLinkSettings());
        // An event frame on the response characteristic is not a response; neither is a frame with a broken CRC.
        byte[] notAResponse = Encode(new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton });
        var response = new Frame { FrameType = ProtocolSpec.FrameTypeCommandResponse, CommandOpcode = ProtocolSpec.CmdGetConfig, CommandToken = 5, ResponseDataLength = 3 };
        byte[] broken = Encode(response);
        broken[^1] ^= 0xFF;
        foreach (byte[] frame in new[] { notAResponse, broken, Encode(response) })
        {
            fragmenter.Send(frame, 0, frame.Length, link);
        }

        link.Flush();
        Frame?[] completed = link.Drain().Select(reader.AddNotification).ToArray();
        Assert.Equal(2, reader.Corrupt);
        Assert.Equal(5, Assert.Single(completed, f => f != null)!.CommandToken);
        Assert.False(reader.TryTake(6, out _));
        Assert.True(reader.TryTake(5, out Frame taken));

        // Three bytes of data: a stream position has 14, a configuration 256, a time-sync answer 12.
        Assert.Equal("response carries 3 bytes, a stream position has 14", Assert.Throws<FormatException>(() => CommandResponseReader.ReadStreamPosition(taken)).Message);
        Assert.Equal($"get_config response has 3 bytes, expected {ProtocolSpec.ConfigLength}", Assert.Throws<FormatException>(() => CommandResponseReader.ReadConfiguration(taken)).Message);
        Assert.Equal("time_sync response has 3 bytes, expected 12", Assert.Throws<FormatException>(() => CommandResponseReader.DeviceToHostOffsetUs(taken, 0)).Message);
        Assert.Equal("notification", Assert.Throws<ArgumentNullException>(() => reader.AddNotification(null!)).ParamName);

        // A 14-byte position: next sequence 0x0102, envelope index 7 (u16, u32 x 3 little-endian).
        var position = new Frame { FrameType = ProtocolSpec.FrameTypeCommandResponse, ResponseDataLength = 14 };
        position.ResponseData[0] = 0x02;
        position.ResponseData[1] = 0x01;
        position.ResponseData[2] = 7;
        StreamPosition p = CommandResponseReader.ReadStreamPosition(position);
        Assert.Equal((0x0102, 7u), (p.NextSequence, p.NextEnvelopeIndex));
    }

    [Fact]
    public void AResponseOfAnotherMajorVersionIsRefused_NotCountedAsCorrupt()
    {
        var response = new Frame { FrameType = ProtocolSpec.FrameTypeCommandResponse, CommandOpcode = ProtocolSpec.CmdGetConfig, CommandToken = 5 };
        byte[] bytes = Encode(response);
        bytes[0] = 0x21;   // v2.1 (PROTOCOL.md: version byte first, major in the high nibble); CRC recomputed
        ByteIO.WriteUInt16(bytes, bytes.Length - 2, Crc16.Compute(bytes, 0, bytes.Length - 2));
        var reader = new CommandResponseReader();
        var link = new SimulatedLink(new SimulatedLinkSettings());
        new Fragmenter(ProtocolSpec.AttMtuDefault).Send(bytes, 0, bytes.Length, link);
        link.Flush();
        byte[] note = Assert.Single(link.Drain());
        var e = Assert.Throws<ProtocolVersionException>(() => reader.AddNotification(note));
        Assert.Equal((2, 1), (e.Major, e.Minor));
        Assert.Equal(0, reader.Corrupt);
    }
}
