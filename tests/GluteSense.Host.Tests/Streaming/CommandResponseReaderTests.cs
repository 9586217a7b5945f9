using System;
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
