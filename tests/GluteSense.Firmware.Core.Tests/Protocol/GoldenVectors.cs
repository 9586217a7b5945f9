using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>tests/fixtures/protocol_golden.json, made by tests/fixtures/scripts/make_protocol_golden.py (Python struct + binascii).</summary>
internal static class GoldenVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("protocol_golden.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static IEnumerable<JsonElement> Frames => Root.GetProperty("frames").EnumerateArray();

    /// <summary>True for a vector only decoders must accept (the short status of v1.0 before its extension).</summary>
    public static bool DecodeOnly(JsonElement frame) => frame.TryGetProperty("decode_only", out JsonElement d) && d.GetBoolean();

    public static IEnumerable<JsonElement> Commands => Root.GetProperty("commands").EnumerateArray();

    public static JsonElement FrameNamed(string name) => Frames.Single(f => f.GetProperty("name").GetString() == name);

    public static JsonElement CommandNamed(string name) => Commands.Single(f => f.GetProperty("name").GetString() == name);

    public static byte[] Hex(JsonElement e) => Convert.FromHexString(e.GetProperty("hex").GetString()!);

    public static int Int(JsonElement decoded, string name) => decoded.GetProperty(name).GetInt32();

    public static long Long(JsonElement decoded, string name) => decoded.GetProperty(name).GetInt64();

    /// <summary>Builds the frame the fixture describes, from its decoded values only.</summary>
    public static Frame ToFrame(JsonElement decoded)
    {
        var f = new Frame
        {
            FrameType = (byte)Int(decoded, "type"),
            Flags = (byte)Int(decoded, "flags"),
            Sequence = (ushort)Int(decoded, "sequence"),
            TimestampUs = (uint)Long(decoded, "timestamp_us"),
            SampleCount = Int(decoded, "sample_count"),
        };
        if (decoded.TryGetProperty("values", out JsonElement values))
        {
            f.ChannelsOrSensors = Int(decoded, "channels_or_sensors");
            f.SampleRateHz = Int(decoded, "sample_rate_hz");
            f.FirstSampleIndex = (uint)Long(decoded, "first_sample_index");
            int i = 0;
            foreach (JsonElement v in values.EnumerateArray())
            {
                f.Values[i++] = v.GetInt32();
            }
        }
        else if (f.FrameType == ProtocolSpec.FrameTypeStatus)
        {
            f.BatteryMillivolts = Int(decoded, "battery_mv");
            f.BatteryPercent = Int(decoded, "battery_percent");
            f.CpuLoadPercent = Int(decoded, "cpu_load_percent");
            f.LeadOffMask = Int(decoded, "lead_off_mask");
            f.DroppedSamples = (uint)Long(decoded, "dropped_samples");
            f.ChannelsOrSensors = Int(decoded, "channels_or_sensors");
            int i = 0;
            foreach (JsonElement v in decoded.GetProperty("saturation_counts").EnumerateArray())
            {
                f.SaturationCounts[i++] = v.GetInt32();
            }

            i = 0;
            foreach (JsonElement v in decoded.GetProperty("powerline_ratio_codes").EnumerateArray())
            {
                f.PowerlineRatioCodes[i++] = v.GetInt32();
            }

            f.FlatLineMask = Int(decoded, "flat_line_mask");
        }
        else if (f.FrameType == ProtocolSpec.FrameTypeEvent)
        {
            f.EventKind = Int(decoded, "event_kind");
            f.MarkerId = Int(decoded, "marker_id");
        }
        else
        {
            f.CommandOpcode = Int(decoded, "opcode");
            f.CommandToken = Int(decoded, "token");
            f.ErrorCode = Int(decoded, "error_code");
            byte[] data = Convert.FromHexString(decoded.GetProperty("data_hex").GetString()!);
            data.CopyTo(f.ResponseData, 0);
            f.ResponseDataLength = data.Length;
        }

        return f;
    }

    /// <summary>Asserts that every field a frame type uses is equal.</summary>
    public static void AssertSameContent(Frame expected, Frame actual)
    {
        Assert.Equal(expected.FrameType, actual.FrameType);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.TimestampUs, actual.TimestampUs);
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        Assert.Equal(ProtocolSpec.VersionMajor, actual.VersionMajor);
        Assert.Equal(ProtocolSpec.VersionMinor, actual.VersionMinor);
        if (Frame.IsBlock(expected.FrameType))
        {
            Assert.Equal(expected.ChannelsOrSensors, actual.ChannelsOrSensors);
            Assert.Equal(expected.SampleRateHz, actual.SampleRateHz);
            Assert.Equal(expected.FirstSampleIndex, actual.FirstSampleIndex);
            int n = expected.SampleCount * expected.ValuesPerSample;
            Assert.Equal(expected.Values.Take(n), actual.Values.Take(n));
        }
        else if (expected.FrameType == ProtocolSpec.FrameTypeStatus)
        {
            Assert.Equal(expected.BatteryMillivolts, actual.BatteryMillivolts);
            Assert.Equal(expected.BatteryPercent, actual.BatteryPercent);
            Assert.Equal(expected.CpuLoadPercent, actual.CpuLoadPercent);
            Assert.Equal(expected.LeadOffMask, actual.LeadOffMask);
            Assert.Equal(expected.DroppedSamples, actual.DroppedSamples);
            Assert.Equal(expected.ChannelsOrSensors, actual.ChannelsOrSensors);
            Assert.Equal(expected.SaturationCounts.Take(expected.ChannelsOrSensors), actual.SaturationCounts.Take(actual.ChannelsOrSensors));
            Assert.Equal(expected.PowerlineRatioCodes.Take(expected.ChannelsOrSensors), actual.PowerlineRatioCodes.Take(actual.ChannelsOrSensors));
            Assert.Equal(expected.FlatLineMask, actual.FlatLineMask);
        }
        else if (expected.FrameType == ProtocolSpec.FrameTypeEvent)
        {
            Assert.Equal(expected.EventKind, actual.EventKind);
            Assert.Equal(expected.MarkerId, actual.MarkerId);
        }
        else
        {
            Assert.Equal(expected.CommandOpcode, actual.CommandOpcode);
            Assert.Equal(expected.CommandToken, actual.CommandToken);
            Assert.Equal(expected.ErrorCode, actual.ErrorCode);
            Assert.Equal(expected.ResponseData.Take(expected.ResponseDataLength), actual.ResponseData.Take(actual.ResponseDataLength));
        }
    }
}
