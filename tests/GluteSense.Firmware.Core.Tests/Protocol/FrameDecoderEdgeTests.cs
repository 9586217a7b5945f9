using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// The decoder's field checks one value inside and one just outside each limit of docs/PROTOCOL.md, on frames built
/// byte by byte here (header, payload, CRC-16/CCITT-FALSE), not by the project's encoder: a check that moves by one
/// (a channel count of 9 accepted, a battery of 100 % refused) changes a status.
/// </summary>
public class FrameDecoderEdgeTests
{
    /// <summary>A frame with a valid CRC: version byte, type, flags 0, sequence 0x0102, timestamp 0x0A0B0C0D.</summary>
    internal static byte[] Raw(byte type, int sampleCount, byte[] payload, byte version = ProtocolSpec.VersionByte)
    {
        var b = new byte[ProtocolSpec.FrameOverhead + payload.Length];
        b[0] = version;
        b[1] = type;
        b[3] = 0x02; b[4] = 0x01;
        b[5] = 0x0D; b[6] = 0x0C; b[7] = 0x0B; b[8] = 0x0A;
        b[9] = (byte)sampleCount;
        b[10] = (byte)payload.Length; b[11] = (byte)(payload.Length >> 8);
        payload.CopyTo(b, 12);
        ushort crc = CrcByDefinition(b, b.Length - 2);
        b[^2] = (byte)crc; b[^1] = (byte)(crc >> 8);
        return b;
    }

    // CRC-16/CCITT-FALSE bit by bit (poly 0x1021, init 0xFFFF, no reflection, no final xor): check value of
    // "123456789" is 0x29B1 (asserted below), independent of the table-driven Crc16.
    private static ushort CrcByDefinition(byte[] data, int count)
    {
        int crc = 0xFFFF;
        for (int i = 0; i < count; i++)
        {
            crc ^= data[i] << 8;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
        }

        return (ushort)crc;
    }

    private static DecodeStatus Decode(byte[] b) => FrameDecoder.Decode(b, 0, b.Length, new Frame());

    /// <summary>Block payload: channels or sensor mask, rate (LE 16), first index (LE 32), then the values' bytes.</summary>
    private static byte[] Block(int channels, int rateHz, int valueBytes) =>
        new byte[] { (byte)channels, (byte)rateHz, (byte)(rateHz >> 8), 1, 0, 0, 0 }.Concat(new byte[valueBytes]).ToArray();

    private static byte[] Status(int channels, int batteryPercent, int cpuPercent, int leadOffMask) =>
        new byte[] { 0x10, 0x0E, (byte)batteryPercent, (byte)cpuPercent, (byte)leadOffMask, (byte)(leadOffMask >> 8), 0, 0, 0, 0, (byte)channels }
            .Concat(new byte[2 * channels]).ToArray();

    [Fact]
    public void CrcByDefinitionHasTheCatalogueCheckValue()
    {
        Assert.Equal(0x29B1, CrcByDefinition("123456789"u8.ToArray(), 9));
        byte[] data = Enumerable.Range(0, 300).Select(i => (byte)(i * 37 + 11)).ToArray();
        Assert.Equal(CrcByDefinition(data, 300), Crc16.Compute(data, 0, 300));
        Assert.Equal(CrcByDefinition(data, 300), Crc16.Update(Crc16.Compute(data, 0, 120), data, 120, 180));
    }

    [Fact]
    public void HeaderFieldsAreLittleEndianAndTheVersionSplitsIntoNibbles()
    {
        byte[] b = Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[] { 2, 0x34, 0x12 }, version: 0x13);
        var f = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(b, 0, b.Length, f));
        Assert.Equal((1, 3, 0x0102, 0x0A0B0C0Du, 2, 0x1234), (f.VersionMajor, f.VersionMinor, (int)f.Sequence, f.TimestampUs, (int)f.EventKind, f.MarkerId));
        Assert.Equal(DecodeStatus.UnsupportedMajorVersion, Decode(Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[3], version: 0x20)));
        Assert.Equal(DecodeStatus.UnsupportedMajorVersion, Decode(Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[3], version: 0x00)));
    }

    [Fact]
    public void ArgumentsLengthAndCrcAreCheckedBeforeAnyField()
    {
        byte[] b = Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[3]);
        var f = new Frame();
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.Decode(null!, 0, 17, f));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.Decode(b, 0, b.Length, null!));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.Decode(b, -1, b.Length, f));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.Decode(b, 0, -1, f));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.Decode(b, 1, b.Length, f));
        Assert.Equal(DecodeStatus.TooShort, FrameDecoder.Decode(b, 0, ProtocolSpec.FrameOverhead - 1, f));
        Assert.Equal(DecodeStatus.TooShort, FrameDecoder.Decode(b, 0, 0, f));
        Assert.Equal(DecodeStatus.LengthMismatch, FrameDecoder.Decode(b, 0, ProtocolSpec.FrameOverhead, f));
        byte[] shifted = new byte[] { 0xAA }.Concat(b).ToArray();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(shifted, 1, b.Length, f));   // at an offset
        shifted[^1] ^= 0x01;
        Assert.Equal(DecodeStatus.BadCrc, FrameDecoder.Decode(shifted, 1, b.Length, f));
    }

    [Fact]
    public void FrameTypesOneToSixAreKnown()
    {
        Assert.Equal(DecodeStatus.UnknownType, Decode(Raw(0, 0, new byte[3])));
        Assert.Equal(DecodeStatus.UnknownType, Decode(Raw(7, 0, new byte[3])));
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 1, Block(1, 100, 2))));
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeCommandResponse, 0, new byte[3])));
    }

    [Fact]
    public void BlockLimitsChannelsSensorsRateAndCount()
    {
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 2, Block(8, 100, 2 * 8 * 2))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 2, Block(9, 100, 2 * 9 * 2))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 2, Block(0, 100, 0))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 2, Block(1, 0, 4))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 0, Block(1, 100, 0))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 2, Block(1, 100, 5))));   // one byte too many
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 2, Block(1, 100, 3))));   // one too few
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 1, new byte[6])));        // shorter than the prefix
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 1, new byte[0])));        // no prefix at all
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeImu, 1, Block(8, 100, 0))));         // mask 8: no sensor
        // IMU: a mask of gyro (1), accel (2), mag (4); 7 = all three, 3 axes of 2 bytes each.
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeImu, 1, Block(7, 100, 3 * 3 * 2))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeImu, 1, Block(8, 100, 2 * 3 * 2))));
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeRawEmg, 1, Block(8, 2000, 8 * 3))));
    }

    [Fact]
    public void BlockValuesAreUnsigned16SignedTwentyFourAndSigned16()
    {
        var f = new Frame();
        byte[] env = Block(2, 100, 0).Concat(new byte[] { 0xFF, 0xFF, 0x01, 0x80 }).ToArray();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 1, env), 0, 12 + env.Length + 2, f));
        Assert.Equal(new[] { 65535, 0x8001 }, f.Values[..2]);
        Assert.Equal((2, 100, 1u), (f.ChannelsOrSensors, f.SampleRateHz, f.FirstSampleIndex));
        byte[] raw = Block(2, 1000, 0).Concat(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }).ToArray();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(Raw(ProtocolSpec.FrameTypeRawEmg, 1, raw), 0, 12 + raw.Length + 2, f));
        Assert.Equal(new[] { -1, 0x7FFFFF }, f.Values[..2]);
        byte[] imu = Block(1, 100, 0).Concat(new byte[] { 0x00, 0x80, 0xFF, 0x7F, 0xFE, 0xFF }).ToArray();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(Raw(ProtocolSpec.FrameTypeImu, 1, imu), 0, 12 + imu.Length + 2, f));
        Assert.Equal(new[] { -32768, 32767, -2 }, f.Values[..3]);

        // Only the frame's own values are written: the slot after the last keeps what the caller left there.
        f.Values[3] = 12345;
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(Raw(ProtocolSpec.FrameTypeImu, 1, imu), 0, 12 + imu.Length + 2, f));
        Assert.Equal(12345, f.Values[3]);
        f.Values[2] = 12345;
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(Raw(ProtocolSpec.FrameTypeEnvelope, 1, env), 0, 12 + env.Length + 2, f));
        Assert.Equal(12345, f.Values[2]);
    }

    [Fact]
    public void PayloadOverTheMaximumIsRefusedEvenWithAValidCrc()
    {
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeCommandResponse, 0, new byte[480])));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeCommandResponse, 0, new byte[481])));
    }

    [Fact]
    public void NonBlockFramesCarryNoSamplesAndTheirPayloadLengthsAreExact()
    {
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEvent, 1, new byte[3])));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[2])));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[4])));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeCommandResponse, 0, new byte[2])));
        var f = new Frame();
        byte[] response = Raw(ProtocolSpec.FrameTypeCommandResponse, 0, new byte[] { 0x05, 0x77, 0x02, 9, 8 });
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(response, 0, response.Length, f));
        Assert.Equal((5, 0x77, 2, 2), ((int)f.CommandOpcode, (int)f.CommandToken, (int)f.ErrorCode, f.ResponseDataLength));
        Assert.Equal(new byte[] { 9, 8 }, f.ResponseData[..2]);
    }

    [Fact]
    public void StatusLimitsPercentagesChannelsAndLeadOffBits()
    {
        var f = new Frame();
        byte[] ok = Raw(ProtocolSpec.FrameTypeStatus, 0, Status(2, 100, 100, 0x0F));
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(ok, 0, ok.Length, f));
        Assert.Equal((0x0E10, 100, 100, 0x0F, 2), (f.BatteryMillivolts, f.BatteryPercent, f.CpuLoadPercent, f.LeadOffMask, f.ChannelsOrSensors));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(2, 101, 0, 0))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(2, 0, 101, 0))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(2, 0, 0, 0x10))));   // bit 4: a third channel's
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(8, 0, 0, 0xFFFF))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(9, 0, 0, 0))));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(2, 0, 0, 0).Take(14).ToArray())));   // one saturation count short
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, new byte[10])));
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, new byte[0])));
        Assert.Equal(DecodeStatus.Ok, Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, Status(0, 0, 0, 0))));   // no EMG channels: 11 bytes
        Assert.Equal(DecodeStatus.BadPayload, Decode(Raw(ProtocolSpec.FrameTypeStatus, 1, Status(0, 0, 0, 0))));
        byte[] sat = Status(2, 0, 0, 0);
        sat[11] = 0x34; sat[12] = 0x12; sat[13] = 0xFF; sat[14] = 0xFF;
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(Raw(ProtocolSpec.FrameTypeStatus, 0, sat), 0, 12 + 15 + 2, f));
        Assert.Equal(new[] { 0x1234, 0xFFFF }, f.SaturationCounts[..2]);
    }

    [Fact]
    public void CheckedFrameLengthFindsAFrameAtTheStartOfLongerData()
    {
        byte[] b = Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[3]);
        byte[] longer = new byte[] { 0x55 }.Concat(b).Concat(new byte[] { 1, 2, 3 }).ToArray();
        Assert.Equal(b.Length, FrameDecoder.CheckedFrameLength(longer, 1, longer.Length - 1));
        Assert.Equal(b.Length, FrameDecoder.CheckedFrameLength(longer, 1, b.Length));
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(longer, 1, b.Length - 1));   // the frame does not fit
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(longer, 1, ProtocolSpec.FrameOverhead - 1));
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(null!, 0, 20));
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(longer, -1, 20));
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(longer, 2, longer.Length - 1));
        Assert.Equal(b.Length, FrameDecoder.CheckedFrameLength(b, 0, b.Length));                 // from offset 0, exact fit
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(b, 0, b.Length + 1));                   // a length past the buffer
        byte[] empty = Raw(ProtocolSpec.FrameTypeEvent, 0, Array.Empty<byte>());
        Assert.Equal(ProtocolSpec.FrameOverhead, FrameDecoder.CheckedFrameLength(empty, 0, empty.Length));   // the shortest frame
        longer[5] ^= 0x40;
        Assert.Equal(-1, FrameDecoder.CheckedFrameLength(longer, 1, longer.Length - 1));   // bad CRC
    }
}

/// <summary>
/// The encoder's bytes against frames built byte by byte (<see cref="FrameDecoderEdgeTests.Raw"/>), and its validation
/// one value inside and one just outside each wire range of docs/PROTOCOL.md.
/// </summary>
public class FrameEncoderEdgeTests
{
    private static Frame Header(byte type) => new() { FrameType = type, Sequence = 0x0102, TimestampUs = 0x0A0B0C0D };

    private static byte[] Encode(Frame f)
    {
        var buffer = new byte[FrameEncoder.EncodedLength(f)];
        Assert.Equal(buffer.Length, FrameEncoder.Encode(f, buffer, 0));
        return buffer;
    }

    /// <summary>Refused with an error that names the frame argument and says which field is wrong.</summary>
    private static void Refused(Frame f, string reason)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => FrameEncoder.Encode(f, new byte[600], 0));
        Assert.Equal("frame", e.ParamName);
        Assert.StartsWith(reason, e.Message);
    }

    private static void Accepted(Frame f) => FrameEncoder.Encode(f, new byte[600], 0);

    [Fact]
    public void EncodedBytesAreTheDocumentedLayout()
    {
        Frame e = Header(ProtocolSpec.FrameTypeEvent);
        e.EventKind = 2; e.MarkerId = 0x1234;
        Assert.Equal(FrameDecoderEdgeTests.Raw(ProtocolSpec.FrameTypeEvent, 0, new byte[] { 2, 0x34, 0x12 }), Encode(e));

        Frame r = Header(ProtocolSpec.FrameTypeCommandResponse);
        r.CommandOpcode = 5; r.CommandToken = 0x77; r.ErrorCode = 2; r.ResponseDataLength = 2; r.ResponseData[0] = 9; r.ResponseData[1] = 8;
        Assert.Equal(FrameDecoderEdgeTests.Raw(ProtocolSpec.FrameTypeCommandResponse, 0, new byte[] { 5, 0x77, 2, 9, 8 }), Encode(r));

        Frame s = Header(ProtocolSpec.FrameTypeStatus);
        s.BatteryMillivolts = 0x0E10; s.BatteryPercent = 55; s.CpuLoadPercent = 7; s.LeadOffMask = 0x0009; s.DroppedSamples = 0x01020304;
        s.ChannelsOrSensors = 2; s.SaturationCounts[0] = 0x1234; s.SaturationCounts[1] = 0xFFFF;
        s.PowerlineRatioCodes[0] = 0x7F; s.PowerlineRatioCodes[1] = 0xFF; s.FlatLineMask = 0b10;   // the 3.2 extension
        Assert.Equal(FrameDecoderEdgeTests.Raw(ProtocolSpec.FrameTypeStatus, 0,
            new byte[] { 0x10, 0x0E, 55, 7, 0x09, 0x00, 0x04, 0x03, 0x02, 0x01, 2, 0x34, 0x12, 0xFF, 0xFF, 0x7F, 0xFF, 0x02 }), Encode(s));

        Frame env = Header(ProtocolSpec.FrameTypeEnvelope);
        env.ChannelsOrSensors = 2; env.SampleRateHz = 100; env.FirstSampleIndex = 0x01020304; env.SampleCount = 1;
        env.Values[0] = 0xFFFF; env.Values[1] = 0x8001;
        Assert.Equal(FrameDecoderEdgeTests.Raw(ProtocolSpec.FrameTypeEnvelope, 1,
            new byte[] { 2, 100, 0, 0x04, 0x03, 0x02, 0x01, 0xFF, 0xFF, 0x01, 0x80 }), Encode(env));

        Frame raw = Header(ProtocolSpec.FrameTypeRawEmg);
        raw.ChannelsOrSensors = 1; raw.SampleRateHz = 2000; raw.SampleCount = 2; raw.Values[0] = -1; raw.Values[1] = 0x123456;
        raw.Flags = ProtocolSpec.FlagSaturated;
        byte[] rawBytes = FrameDecoderEdgeTests.Raw(ProtocolSpec.FrameTypeRawEmg, 2,
            new byte[] { 1, 0xD0, 0x07, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x56, 0x34, 0x12 });
        rawBytes[2] = ProtocolSpec.FlagSaturated;
        ushort crc = Crc16.Compute(rawBytes, 0, rawBytes.Length - 2);
        rawBytes[^2] = (byte)crc; rawBytes[^1] = (byte)(crc >> 8);
        Assert.Equal(rawBytes, Encode(raw));

        Frame imu = Header(ProtocolSpec.FrameTypeImu);
        imu.ChannelsOrSensors = 1; imu.SampleRateHz = 100; imu.SampleCount = 1; imu.Values[0] = -32768; imu.Values[1] = 32767; imu.Values[2] = -2;
        Assert.Equal(FrameDecoderEdgeTests.Raw(ProtocolSpec.FrameTypeImu, 1,
            new byte[] { 1, 100, 0, 0, 0, 0, 0, 0x00, 0x80, 0xFF, 0x7F, 0xFE, 0xFF }), Encode(imu));

        var buffer = new byte[40];
        Assert.Equal(17, FrameEncoder.Encode(e, buffer, 23));   // exactly fills the buffer from an offset
        Assert.Equal(Encode(e), buffer[23..]);
        ArgumentException error = Assert.Throws<ArgumentOutOfRangeException>(() => FrameEncoder.Encode(e, buffer, 24));
        Assert.Equal("offset", error.ParamName);
        Assert.StartsWith("buffer too small for the frame", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameEncoder.Encode(e, buffer, -1));
        Assert.Equal("frame", Assert.Throws<ArgumentNullException>(() => FrameEncoder.Encode(null!, buffer, 0)).ParamName);
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => FrameEncoder.Encode(e, null!, 0)).ParamName);
        error = Assert.Throws<ArgumentException>(() => FrameEncoder.PayloadLength(new Frame { FrameType = 9 }));
        Assert.Equal("frame", error.ParamName);
        Assert.StartsWith("unknown frame type", error.Message);
    }

    [Fact]
    public void HeaderAndNonBlockRangesAreInclusive()
    {
        Frame Event(int kind, int marker, byte flags = 0, int samples = 0)
        {
            Frame f = Header(ProtocolSpec.FrameTypeEvent);
            f.EventKind = kind; f.MarkerId = marker; f.Flags = flags; f.SampleCount = samples;
            return f;
        }

        Accepted(Event(1, 0)); Accepted(Event(4, 0xFFFF, flags: ProtocolSpec.FlagsDefinedMask));
        Refused(Event(0, 0), "event kind out of range"); Refused(Event(5, 0), "event kind out of range");
        Refused(Event(1, 0x10000), "marker id out of range"); Refused(Event(1, -1), "marker id out of range");
        Refused(Event(1, 0, flags: 0x08), "reserved flag bits set"); Refused(Event(1, 0, samples: 1), "only blocks carry samples");
        Refused(new Frame { FrameType = 0 }, "unknown frame type"); Refused(new Frame { FrameType = 7 }, "unknown frame type");

        Frame Response(int opcode, int token, int error, int length)
        {
            Frame f = Header(ProtocolSpec.FrameTypeCommandResponse);
            f.CommandOpcode = opcode; f.CommandToken = token; f.ErrorCode = error; f.ResponseDataLength = length;
            return f;
        }

        Accepted(Response(255, 255, 255, ProtocolSpec.MaxResponseDataLength)); Accepted(Response(0, 0, 0, 0));
        Refused(Response(256, 0, 0, 0), "opcode out of range"); Refused(Response(0, 256, 0, 0), "token out of range");
        Refused(Response(0, 0, 256, 0), "error code out of range");
        Refused(Response(-1, 0, 0, 0), "opcode out of range"); Refused(Response(0, -1, 0, 0), "token out of range");
        Refused(Response(0, 0, -1, 0), "error code out of range");
        Refused(Response(0, 0, 0, ProtocolSpec.MaxResponseDataLength + 1), "response length out of range");
        Refused(Response(0, 0, 0, -1), "response length out of range");

        Frame Status(int channels, int mv = 0, int battery = 0, int cpu = 0, int leadOff = 0, int saturation = 0)
        {
            Frame f = Header(ProtocolSpec.FrameTypeStatus);
            f.ChannelsOrSensors = channels; f.BatteryMillivolts = mv; f.BatteryPercent = battery; f.CpuLoadPercent = cpu;
            f.LeadOffMask = leadOff; f.SaturationCounts[0] = saturation;
            return f;
        }

        Accepted(Status(8, mv: 0xFFFF, battery: 100, cpu: 100, leadOff: 0xFFFF, saturation: 0xFFFF)); Accepted(Status(0));
        Refused(Status(9), "status channels out of range"); Refused(Status(-1), "status channels out of range");
        Refused(Status(1, mv: 0x10000), "battery mV out of range"); Refused(Status(1, mv: -1), "battery mV out of range");
        Refused(Status(1, battery: 101), "battery % out of range"); Refused(Status(1, battery: -1), "battery % out of range");
        Refused(Status(1, cpu: 101), "CPU load % out of range"); Refused(Status(1, cpu: -1), "CPU load % out of range");
        Accepted(Status(2, leadOff: 0x0F)); Refused(Status(2, leadOff: 0x10), "lead-off mask out of range");
        Refused(Status(2, leadOff: -1), "lead-off mask out of range");
        Refused(Status(1, saturation: 0x10000), "saturation count out of range"); Refused(Status(1, saturation: -1), "saturation count out of range");
    }

    [Fact]
    public void BlockRangesAreInclusiveAndValuesStayInTheirWireRange()
    {
        Frame Block(byte type, int channels, int rate = 100, int samples = 1, int value = 0)
        {
            Frame f = Header(type);
            f.ChannelsOrSensors = channels; f.SampleRateHz = rate; f.SampleCount = samples;
            for (int i = 0; i < Math.Min(samples * f.ValuesPerSample, f.Values.Length); i++) f.Values[i] = value;
            return f;
        }

        const byte env = ProtocolSpec.FrameTypeEnvelope, raw = ProtocolSpec.FrameTypeRawEmg, imu = ProtocolSpec.FrameTypeImu;
        Accepted(Block(env, 8, rate: 0xFFFF)); Accepted(Block(env, 1, rate: 1));
        Refused(Block(env, 9), "channels out of range"); Refused(Block(env, 0), "channels out of range");
        Refused(Block(env, 1, rate: 0), "sample rate Hz out of range"); Refused(Block(env, 1, rate: 0x10000), "sample rate Hz out of range");
        Accepted(Block(imu, 7)); Refused(Block(imu, 8), "IMU sensor mask out of range"); Refused(Block(imu, 0), "IMU sensor mask out of range");
        Refused(Block(env, 1, samples: 0), "sample count out of range");
        Accepted(Block(env, 1, samples: 236));    // 7 + 236 x 2 = 479 bytes
        Refused(Block(env, 1, samples: 237), "block larger than the maximum payload");     // 481 > 480
        Refused(Block(env, 1, samples: 256), "sample count out of range");     // more than 255 sample sets
        const string wire = "sample value outside the wire range";
        Accepted(Block(env, 1, value: 0xFFFF)); Refused(Block(env, 1, value: 0x10000), wire); Refused(Block(env, 1, value: -1), wire);
        Accepted(Block(raw, 1, value: 8388607)); Accepted(Block(raw, 1, value: -8388608));
        Refused(Block(raw, 1, value: 8388608), wire); Refused(Block(raw, 1, value: -8388609), wire);
        Accepted(Block(imu, 1, value: 32767)); Accepted(Block(imu, 1, value: -32768));
        Refused(Block(imu, 1, value: 32768), wire); Refused(Block(imu, 1, value: -32769), wire);
    }
}
