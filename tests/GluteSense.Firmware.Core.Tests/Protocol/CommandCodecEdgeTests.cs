using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// The command packet of docs/PROTOCOL.md section 6 (version byte, opcode, token, u8 payload length, payload, CRC-16
/// little-endian) at its limits, and the builders the golden vectors do not cover (capture_calibration, identify,
/// set_calibration) against the payload table of section 6.2, byte by byte.
/// </summary>
public class CommandCodecEdgeTests
{
    private static byte[] Packet(int opcode, int token, byte[] payload, byte version = ProtocolSpec.VersionByte, int? lengthField = null)
    {
        byte[] b = new byte[] { version, (byte)opcode, (byte)token, (byte)(lengthField ?? payload.Length) }.Concat(payload).Concat(new byte[2]).ToArray();
        ushort crc = Crc16.Compute(b, 0, b.Length - 2);   // Crc16 itself is checked against the bit-wise definition elsewhere
        b[^2] = (byte)crc; b[^1] = (byte)(crc >> 8);
        return b;
    }

    private static byte[] Encode(Command c)
    {
        var buffer = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(c, buffer, 0);
        return buffer[..n];
    }

    [Fact]
    public void EncodeAcceptsTheLargestPayloadAndRefusesOutOfRangeFields()
    {
        var c = new Command { Opcode = 0xFF, Token = 0xFF, PayloadLength = ProtocolSpec.MaxCommandPayloadLength };
        for (int i = 0; i < c.PayloadLength; i++) c.Payload[i] = (byte)(i + 1);
        Assert.Equal(Packet(0xFF, 0xFF, c.Payload), Encode(c));
        Assert.Equal(ProtocolSpec.MaxCommandLength, Encode(c).Length);

        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new Command { PayloadLength = ProtocolSpec.MaxCommandPayloadLength + 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new Command { PayloadLength = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new Command { Opcode = 0x100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new Command { Opcode = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new Command { Token = 0x100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(new Command { Token = -1 }));
        Encode(new Command { Opcode = 0, Token = 0 });

        var small = new Command { Opcode = 1, Token = 2 };
        var buffer = new byte[9];
        Assert.Equal(6, CommandCodec.Encode(small, buffer, 3));   // exactly fills the buffer from an offset
        Assert.Equal(Packet(1, 2, Array.Empty<byte>()), buffer[3..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandCodec.Encode(small, buffer, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandCodec.Encode(small, buffer, -1));
    }

    [Fact]
    public void EncodeRefusalsNameTheCommandOrTheOffsetAndSayWhy()
    {
        // A 201-byte payload is the command's fault even where the buffer would hold the packet.
        var roomy = new byte[ProtocolSpec.MaxCommandLength + 8];
        foreach (Command bad in new[]
                 {
                     new Command { PayloadLength = ProtocolSpec.MaxCommandPayloadLength + 1 }, new Command { PayloadLength = -1 },
                     new Command { Opcode = 0x100 }, new Command { Token = -1 },
                 })
        {
            Assert.Equal("command", Assert.Throws<ArgumentOutOfRangeException>(() => CommandCodec.Encode(bad, roomy, 0)).ParamName);
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CommandCodec.Encode(new Command(), new byte[5], 0));
        Assert.Equal("offset", e.ParamName);
        Assert.StartsWith("buffer too small for the command", e.Message);
    }

    [Fact]
    public void AnEmptyPacketIsTooShortAndCarriesNoIdsOfTheCommandDecodedBefore()
    {
        var c = new Command();
        byte[] ok = Packet(0x0A, 0x33, new byte[] { 5 });
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(ok, 0, ok.Length, c));
        Assert.Equal(DecodeStatus.TooShort, CommandCodec.Decode(ok, 0, 0, c));   // an empty write, not a caller's error
        Assert.Equal((0, 0, 0), (c.Opcode, c.Token, c.PayloadLength));
        Assert.Equal(DecodeStatus.TooShort, CommandCodec.Decode(ok, ok.Length, 0, c));   // empty, at the buffer's end
    }

    [Fact]
    public void DecodeChecksArgumentsLengthCrcVersionAndPayloadLimit()
    {
        var c = new Command();
        byte[] ok = Packet(0x0A, 0x33, new byte[] { 5 });
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(ok, 0, ok.Length, c));
        Assert.Equal((0x0A, 0x33, 1, 5, 1), (c.Opcode, c.Token, c.PayloadLength, (int)c.Payload[0], c.VersionMajor));

        Assert.Equal(DecodeStatus.BadArguments, CommandCodec.Decode(null!, 0, 7, c));
        Assert.Equal(DecodeStatus.BadArguments, CommandCodec.Decode(ok, 0, ok.Length, null!));
        Assert.Equal(DecodeStatus.BadArguments, CommandCodec.Decode(ok, -1, ok.Length, c));
        Assert.Equal(DecodeStatus.BadArguments, CommandCodec.Decode(ok, 0, -1, c));
        Assert.Equal(DecodeStatus.BadArguments, CommandCodec.Decode(ok, 1, ok.Length, c));

        // Too short: the opcode and token are still reported when present, so the error response can name them.
        Assert.Equal(DecodeStatus.TooShort, CommandCodec.Decode(ok, 0, 5, c));
        Assert.Equal((0x0A, 0x33, 0), (c.Opcode, c.Token, c.PayloadLength));
        Assert.Equal(DecodeStatus.TooShort, CommandCodec.Decode(ok, 0, 2, c));
        Assert.Equal((0x0A, 0), (c.Opcode, c.Token));
        Assert.Equal(DecodeStatus.TooShort, CommandCodec.Decode(ok, 0, 1, c));
        Assert.Equal((0, 0), (c.Opcode, c.Token));
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(Packet(2, 3, Array.Empty<byte>()), 0, 6, c));   // the shortest packet

        Assert.Equal(DecodeStatus.LengthMismatch, CommandCodec.Decode(Packet(1, 1, new byte[] { 5 }, lengthField: 2), 0, 7, c));
        byte[] bad = (byte[])ok.Clone();
        bad[4] ^= 0x80;
        Assert.Equal(DecodeStatus.BadCrc, CommandCodec.Decode(bad, 0, bad.Length, c));
        Assert.Equal(DecodeStatus.UnsupportedMajorVersion, CommandCodec.Decode(Packet(1, 1, new byte[1], version: 0x20), 0, 7, c));
        Assert.Equal(DecodeStatus.UnsupportedMajorVersion, CommandCodec.Decode(Packet(1, 1, new byte[1], version: 0x0F), 0, 7, c));
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(Packet(1, 1, new byte[1], version: 0x1F), 0, 7, c));   // any minor version

        byte[] largest = Packet(5, 1, new byte[ProtocolSpec.MaxCommandPayloadLength]);
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(largest, 0, largest.Length, c));
        Assert.Equal(ProtocolSpec.MaxCommandPayloadLength, c.PayloadLength);
        byte[] tooLong = Packet(5, 1, new byte[ProtocolSpec.MaxCommandPayloadLength + 1]);
        Assert.Equal(DecodeStatus.BadPayload, CommandCodec.Decode(tooLong, 0, tooLong.Length, c));
        byte[] shifted = new byte[] { 9, 9 }.Concat(ok).ToArray();
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(shifted, 2, ok.Length, c));
    }

    [Fact]
    public void BuildersWriteThePayloadsOfTheOpcodeTable()
    {
        var c = new Command();
        Assert.Equal(Packet(0x06, 4, new byte[] { 0x03 }), Encode(CommandCodec.CaptureCalibration(c, 4, 0x03)));
        Assert.Equal(Packet(0x0A, 5, new byte[] { 60 }), Encode(CommandCodec.Identify(c, 5, 60)));
        Assert.Equal(Packet(0x07, 6, Array.Empty<byte>()), Encode(CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, 6)));

        // set_calibration, IMU: what = 1, then gyro bias xyz, accel offset xyz, accel scale xyz as little-endian f32.
        // 0.25f = 00 00 80 3E, -0.5f = 00 00 00 BF, 1.0f = 00 00 80 3F, 2.0f = 00 00 00 40 (IEEE 754 single).
        byte[] imu = Encode(CommandCodec.SetImuCalibration(c, 7, new[] { 0.25f, -0.5f, 0f }, new[] { 1f, 2f, -0.5f }, new[] { 1f, 1f, 2f }));
        byte[] f25 = { 0, 0, 0x80, 0x3E }, fm5 = { 0, 0, 0, 0xBF }, f0 = { 0, 0, 0, 0 }, f1 = { 0, 0, 0x80, 0x3F }, f2 = { 0, 0, 0, 0x40 };
        byte[] imuPayload = new byte[] { 1 }.Concat(f25).Concat(fm5).Concat(f0).Concat(f1).Concat(f2).Concat(fm5)
            .Concat(f1).Concat(f1).Concat(f2).ToArray();
        Assert.Equal(Packet(0x0C, 7, imuPayload), imu);

        // set_calibration, AFE: what = 2, u8 n, n x f32 offsets.
        byte[] afe = Encode(CommandCodec.SetAfeOffsets(c, 8, new[] { 2f, -0.5f }));
        Assert.Equal(Packet(0x0C, 8, new byte[] { 2, 2 }.Concat(f2).Concat(fm5).ToArray()), afe);
    }
}
