using CsCheck;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>CsCheck generators of valid frames of every type (values mapped into their wire ranges).</summary>
internal static class FrameGen
{
    public static readonly Gen<Frame> Any =
        Gen.Select(Gen.Int[ProtocolSpec.FrameTypeEnvelope, ProtocolSpec.FrameTypeLast], Gen.Int[0, ProtocolSpec.FlagsDefinedMask],
                Gen.UShort, Gen.UInt, Gen.Int[1, 255], Gen.UInt, Gen.Int.Array[1, 480])
            .Select((type, flags, seq, ts, shape, index, ints) => Build((byte)type, (byte)flags, seq, ts, shape, index, ints));

    private static Frame Build(byte type, byte flags, ushort seq, uint ts, int shape, uint index, int[] ints)
    {
        var f = new Frame { FrameType = type, Flags = flags, Sequence = seq, TimestampUs = ts };
        if (Frame.IsBlock(type))
        {
            f.ChannelsOrSensors = type == ProtocolSpec.FrameTypeImu ? 1 + shape % 7 : 1 + shape % ProtocolSpec.MaxChannels;
            f.SampleRateHz = 1 + (ints[0] & 0x7FFF);
            f.FirstSampleIndex = index;
            int perSet = f.ValuesPerSample;
            int maxSets = (ProtocolSpec.MaxPayloadLength - ProtocolSpec.BlockPrefixLength) / (perSet * Frame.BytesPerValueOf(type));
            f.SampleCount = 1 + (ints.Length - 1) % System.Math.Min(maxSets, ProtocolSpec.MaxSamplesPerFrame);
            for (int i = 0; i < f.SampleCount * perSet; i++)
            {
                int r = ints[i % ints.Length] ^ (i * 7919);
                f.Values[i] = type switch
                {
                    ProtocolSpec.FrameTypeEnvelope => r & 0xFFFF,
                    ProtocolSpec.FrameTypeRawEmg => (r << 8) >> 8,
                    _ => (short)r,
                };
            }
        }
        else if (type == ProtocolSpec.FrameTypeStatus)
        {
            f.ChannelsOrSensors = shape % (ProtocolSpec.MaxChannels + 1);
            f.BatteryMillivolts = ints[0] & 0xFFFF;
            f.BatteryPercent = (ints[0] >>> 16) % 101;
            f.CpuLoadPercent = (int)(index % 101);
            f.LeadOffMask = (int)(ts & ((1u << (2 * f.ChannelsOrSensors)) - 1));
            f.DroppedSamples = index;
            for (int c = 0; c < f.ChannelsOrSensors; c++) f.SaturationCounts[c] = ints[c % ints.Length] & 0xFFFF;
        }
        else if (type == ProtocolSpec.FrameTypeEvent)
        {
            f.EventKind = 1 + shape % ProtocolSpec.EventStreamingStopped;
            f.MarkerId = ints[0] & 0xFFFF;
        }
        else
        {
            f.CommandOpcode = shape;
            f.CommandToken = ints[0] & 0xFF;
            f.ErrorCode = (int)(index & 0xFF);
            f.ResponseDataLength = (ints.Length - 1) % (ProtocolSpec.MaxResponseDataLength + 1);
            for (int i = 0; i < f.ResponseDataLength; i++) f.ResponseData[i] = (byte)(ints[i % ints.Length] >> (i % 24));
        }

        return f;
    }

    /// <summary>
    /// Runs encoder and decoder once so that one-time costs (JIT, the CRC table built by the static constructor)
    /// are not counted by allocation measurements that follow.
    /// </summary>
    public static void WarmUp()
    {
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton };
        byte[] bytes = Encode(f);
        FrameDecoder.Decode(bytes, 0, bytes.Length, f);
        FrameDecoder.Decode(bytes, 0, 3, f);
    }

    public static byte[] Encode(Frame f)
    {
        byte[] buffer = new byte[FrameEncoder.EncodedLength(f)];
        FrameEncoder.Encode(f, buffer, 0);
        return buffer;
    }
}
