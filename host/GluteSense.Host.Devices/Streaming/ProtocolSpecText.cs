using System.Collections.Generic;
using System.Globalization;
using System.Text;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>
/// Human-readable views of ProtocolSpec: the summary printed by <c>glutesense protocol spec</c> and the bandwidth
/// table that docs/PROTOCOL.md must contain verbatim (a test compares them).
/// </summary>
public static class ProtocolSpecText
{
    /// <summary>The ATT MTUs the budget is computed for.</summary>
    public static readonly int[] BudgetMtus = { ProtocolSpec.AttMtuDefault, ProtocolSpec.AttMtu185, ProtocolSpec.AttMtu247 };

    /// <summary>Markdown table of the bandwidth budget (envelope and raw mode at each MTU).</summary>
    public static string BandwidthTableMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| mode | ATT MTU | EMG samples/frame | IMU samples/frame | frame bytes/s | notifications/s | ATT bytes/s |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (bool raw in new[] { false, true })
        {
            foreach (int mtu in BudgetMtus)
            {
                BandwidthBudget b = raw ? BandwidthBudget.RawMode(mtu) : BandwidthBudget.EnvelopeMode(mtu);
                sb.Append(CultureInfo.InvariantCulture, $"| {(raw ? "raw 2000 Hz x 4 + IMU 200 Hz" : "envelope 100 Hz x 4 + IMU 100 Hz")} | {mtu} | {b.EmgSamplesPerFrame} | {b.ImuSamplesPerFrame} | {b.FrameBytesPerSecond} | {b.NotificationsPerSecond} | {b.AttBytesPerSecond} |\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>Lines printed by <c>glutesense protocol spec</c>.</summary>
    public static IEnumerable<string> SummaryLines()
    {
        var inv = CultureInfo.InvariantCulture;
        yield return string.Format(inv, "GluteSense wire protocol v{0}.{1} (version byte 0x{2:x2}, little-endian)", ProtocolSpec.VersionMajor, ProtocolSpec.VersionMinor, ProtocolSpec.VersionByte);
        yield return "";
        yield return "GATT";
        yield return "  service (primary)          " + ProtocolSpec.ServiceUuid;
        yield return "  data (notify)              " + ProtocolSpec.DataCharacteristicUuid;
        yield return "  control (write, response)  " + ProtocolSpec.ControlCharacteristicUuid;
        yield return ("  response (" + ProtocolSpec.ResponseProperty + ")").PadRight(29) + ProtocolSpec.ResponseCharacteristicUuid;
        yield return "  info (read)                " + ProtocolSpec.InfoCharacteristicUuid;
        yield return "  Battery Service            " + ProtocolSpec.BatteryServiceUuid + " (Battery Level " + ProtocolSpec.BatteryLevelCharacteristicUuid + ")";
        yield return "  Device Information Service " + ProtocolSpec.DeviceInformationServiceUuid;
        yield return "";
        yield return string.Format(inv, "Frame: header {0} B + payload (<= {1} B) + CRC-16/CCITT-FALSE {2} B; max frame {3} B",
            ProtocolSpec.HeaderLength, ProtocolSpec.MaxPayloadLength, ProtocolSpec.CrcLength, ProtocolSpec.MaxFrameLength);
        yield return "Frame types (id, payload)";
        yield return string.Format(inv, "  0x{0:x2} envelope          {1} B prefix + samples x channels x {2} B (uint16, LSB {3} nV)", ProtocolSpec.FrameTypeEnvelope, ProtocolSpec.BlockPrefixLength, ProtocolSpec.EnvelopeBytesPerValue, ProtocolSpec.EnvelopeLsbNanovolts);
        yield return string.Format(inv, "  0x{0:x2} raw_emg           {1} B prefix + samples x channels x {2} B (int24 counts)", ProtocolSpec.FrameTypeRawEmg, ProtocolSpec.BlockPrefixLength, ProtocolSpec.RawBytesPerValue);
        yield return string.Format(inv, "  0x{0:x2} imu               {1} B prefix + samples x 3 axes x sensors x {2} B (int16)", ProtocolSpec.FrameTypeImu, ProtocolSpec.BlockPrefixLength, ProtocolSpec.ImuBytesPerValue);
        yield return string.Format(inv, "  0x{0:x2} status            {1} B + {2} B per channel (saturation u16, powerline ratio u8) + "
            + "{3} B flat-line mask",
            ProtocolSpec.FrameTypeStatus, ProtocolSpec.StatusFixedLength,
            ProtocolSpec.StatusSaturationBytesPerChannel + ProtocolSpec.StatusPowerlineBytesPerChannel, ProtocolSpec.StatusFlatLineMaskLength);
        yield return string.Format(inv, "  0x{0:x2} event             {1} B", ProtocolSpec.FrameTypeEvent, ProtocolSpec.EventPayloadLength);
        yield return string.Format(inv, "  0x{0:x2} command_response  {1} B + data (<= {2} B)", ProtocolSpec.FrameTypeCommandResponse, ProtocolSpec.ResponsePrefixLength, ProtocolSpec.MaxResponseDataLength);
        yield return "";
        yield return string.Format(inv, "Fragments: {0} B header (sequence low byte, index | 0x80 on the last); frame bytes per "
            + "notification = MTU - {1}",
            ProtocolSpec.FragmentHeaderLength, ProtocolSpec.AttNotificationHeaderLength + ProtocolSpec.FragmentHeaderLength);
        foreach (int mtu in BudgetMtus)
        {
            yield return string.Format(inv, "  MTU {0,3}: {1,3} B per notification, {2,3} frame bytes", mtu, ProtocolSpec.NotificationPayloadLength(mtu), ProtocolSpec.FragmentDataLength(mtu));
        }

        yield return string.Format(inv, "Retransmit ring: {0} B, {1} frames indexed", ProtocolSpec.RingBufferBytes, ProtocolSpec.RingIndexSlots);
        yield return "";
        yield return string.Format(inv, "Commands: packet = version, opcode, token, length, payload (<= {0} B), CRC-16", ProtocolSpec.MaxCommandPayloadLength);
        for (int op = 1; op <= ProtocolSpec.CmdLast; op++)
        {
            yield return string.Format(inv, "  0x{0:x2} {1}", op, ProtocolNames.CommandName(op));
        }

        yield return "Errors: " + string.Join(", ", EnumerateErrors());
        yield return "";
        yield return "Bandwidth budget";
        foreach (string line in BandwidthTableMarkdown().TrimEnd('\n').Split('\n'))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> EnumerateErrors()
    {
        for (int e = ProtocolSpec.ErrOk; e <= ProtocolSpec.ErrLast; e++)
        {
            yield return e.ToString(CultureInfo.InvariantCulture) + " " + ProtocolNames.ErrorName(e);
        }
    }
}
