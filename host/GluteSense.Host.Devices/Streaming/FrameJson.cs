using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>Decodes frames with the core <see cref="FrameDecoder"/> and renders them as JSON for people and scripts.</summary>
public static class FrameJson
{
    /// <summary>
    /// Decodes one frame given as hex (spaces and a 0x prefix allowed). Returns the JSON object, or null with a
    /// one-line <paramref name="error"/>.
    /// </summary>
    public static JsonObject? DecodeHex(string hex, out string? error)
    {
        string cleaned = new string((hex ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (cleaned.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) cleaned = cleaned[2..];
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(cleaned);
        }
        catch (FormatException)
        {
            error = "not a hex string (expected pairs of 0-9a-f digits)";
            return null;
        }

        var frame = new Frame();
        DecodeStatus status = FrameDecoder.Decode(bytes, 0, bytes.Length, frame);
        if (status != DecodeStatus.Ok)
        {
            error = Describe(status, frame, bytes.Length);
            return null;
        }

        error = null;
        return ToJson(frame);
    }

    /// <summary>One-line explanation of a decode failure.</summary>
    public static string Describe(DecodeStatus status, Frame frame, int length) => status switch
    {
        DecodeStatus.TooShort => "too short: " + length + " bytes, a frame has at least " + ProtocolSpec.FrameOverhead,
        DecodeStatus.LengthMismatch => "length mismatch: the header's payload length does not match the " + length + " bytes given",
        DecodeStatus.BadCrc => "CRC-16/CCITT-FALSE mismatch: the frame is corrupt",
        DecodeStatus.UnsupportedMajorVersion => "unsupported protocol version v" + frame.VersionMajor + "." + frame.VersionMinor
            + " (this tool decodes v" + ProtocolSpec.VersionMajor + ".x)",
        DecodeStatus.UnknownType => "unknown frame type 0x" + frame.FrameType.ToString("x2", CultureInfo.InvariantCulture)
            + " (from a newer minor version?)",
        DecodeStatus.BadPayload => "payload inconsistent with its header (" + ProtocolNames.FrameTypeName(frame.FrameType) + ")",
        _ => "cannot decode: " + status,
    };

    /// <summary>JSON of a decoded frame: header fields, then the fields of its type.</summary>
    public static JsonObject ToJson(Frame f)
    {
        var o = new JsonObject
        {
            ["version"] = f.VersionMajor + "." + f.VersionMinor,
            ["type"] = ProtocolNames.FrameTypeName(f.FrameType),
            ["type_id"] = f.FrameType,
            ["flags"] = f.Flags,
            ["retransmitted"] = (f.Flags & ProtocolSpec.FlagRetransmitted) != 0,
            ["saturated"] = (f.Flags & ProtocolSpec.FlagSaturated) != 0,
            ["lead_off"] = (f.Flags & ProtocolSpec.FlagLeadOff) != 0,
            ["sequence"] = f.Sequence,
            ["timestamp_us"] = f.TimestampUs,
            ["sample_count"] = f.SampleCount,
        };
        if (Frame.IsBlock(f.FrameType))
        {
            o[f.FrameType == ProtocolSpec.FrameTypeImu ? "sensor_mask" : "channels"] = f.ChannelsOrSensors;
            o["sample_rate_hz"] = f.SampleRateHz;
            o["first_sample_index"] = f.FirstSampleIndex;
            var columns = ProtocolNames.ChannelNames(f.FrameType, f.ChannelsOrSensors);
            o["columns"] = new JsonArray(columns.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
            o["unit"] = f.FrameType switch
            {
                ProtocolSpec.FrameTypeEnvelope => "envelope LSB = " + ProtocolSpec.EnvelopeLsbNanovolts + " nV RMS",
                ProtocolSpec.FrameTypeRawEmg => "ADC counts (scale in get_config)",
                _ => "int16 counts (full scales in get_config)",
            };
            int perSet = f.ValuesPerSample;
            var samples = new JsonArray();
            for (int s = 0; s < f.SampleCount; s++)
            {
                samples.Add(
                    new JsonArray(Enumerable.Range(0, perSet).Select(c => (JsonNode?)JsonValue.Create(f.Values[s * perSet + c]))
                        .ToArray()));
            }

            o["samples"] = samples;
        }
        else if (f.FrameType == ProtocolSpec.FrameTypeStatus)
        {
            o["battery_mv"] = f.BatteryMillivolts;
            o["battery_percent"] = f.BatteryPercent;
            o["cpu_load_percent"] = f.CpuLoadPercent;
            o["lead_off_mask"] = f.LeadOffMask;
            o["dropped_samples"] = f.DroppedSamples;
            o["saturation_counts"] = new JsonArray(f.SaturationCounts.Take(f.ChannelsOrSensors).Select(v => (JsonNode?)JsonValue.Create(v))
                .ToArray());
            o["powerline_ratio_codes"] = new JsonArray(
                f.PowerlineRatioCodes.Take(f.ChannelsOrSensors).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            o["flat_line_mask"] = f.FlatLineMask;
        }
        else if (f.FrameType == ProtocolSpec.FrameTypeEvent)
        {
            o["event"] = ProtocolNames.EventName(f.EventKind);
            o["event_kind"] = f.EventKind;
            o["marker_id"] = f.MarkerId;
        }
        else if (f.FrameType == ProtocolSpec.FrameTypeCommandResponse)
        {
            o["command"] = ProtocolNames.CommandName(f.CommandOpcode);
            o["opcode"] = f.CommandOpcode;
            o["token"] = f.CommandToken;
            o["error"] = ProtocolNames.ErrorName(f.ErrorCode);
            o["error_code"] = f.ErrorCode;
            o["data_hex"] = Convert.ToHexStringLower(f.ResponseData, 0, f.ResponseDataLength);
        }

        return o;
    }
}
