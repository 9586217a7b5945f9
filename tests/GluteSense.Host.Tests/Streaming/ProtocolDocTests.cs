using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Streaming;

/// <summary>docs/PROTOCOL.md cannot drift from the code: golden vectors, bandwidth table and constants are checked.</summary>
public class ProtocolDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "PROTOCOL.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("protocol_golden.json"))).RootElement;

    [Fact]
    public void DocPrintsEveryGoldenVector()
    {
        var hexes = Golden.GetProperty("frames").EnumerateArray()
            .Concat(Golden.GetProperty("commands").EnumerateArray())
            .Select(e => e.GetProperty("hex").GetString()!)
            .Concat(Golden.GetProperty("fragments").EnumerateArray().SelectMany(f => f.GetProperty("notifications").EnumerateArray().Select(n => n.GetString()!)))
            .ToList();
        Assert.True(hexes.Count >= 15, "golden file looks truncated: " + hexes.Count);
        var missing = hexes.Where(h => !Doc.Contains(h, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "PROTOCOL.md lacks golden hex: " + string.Join(", ", missing));
    }

    [Fact]
    public void DocBandwidthTableIsTheOneComputedFromTheSpec()
    {
        Assert.Contains(ProtocolSpecText.BandwidthTableMarkdown(), Doc, StringComparison.Ordinal);
    }

    [Fact]
    public void DocStatesTheSpecConstants()
    {
        foreach (string uuid in new[]
                 {
                     ProtocolSpec.ServiceUuid, ProtocolSpec.DataCharacteristicUuid, ProtocolSpec.ControlCharacteristicUuid,
                     ProtocolSpec.ResponseCharacteristicUuid, ProtocolSpec.InfoCharacteristicUuid, ProtocolSpec.BatteryServiceUuid,
                     ProtocolSpec.BatteryLevelCharacteristicUuid, ProtocolSpec.DeviceInformationServiceUuid,
                 })
        {
            Assert.Contains(uuid, Doc, StringComparison.Ordinal);
        }

        // Notify vs indicate for responses is decided once, in ProtocolSpec (the app and the mock BlueZ read it too).
        Assert.Contains("| response | `" + ProtocolSpec.ResponseCharacteristicUuid + "` | " + ProtocolSpec.ResponseProperty + " |", Doc, StringComparison.Ordinal);
        Assert.Contains("0x29B1", Doc, StringComparison.Ordinal);
        Assert.Contains("retransmit ring** of " + ProtocolSpec.RingBufferBytes + " bytes indexed by " + ProtocolSpec.RingIndexSlots, Doc, StringComparison.Ordinal);
        Assert.Contains("configuration, " + ProtocolSpec.ConfigLength + " bytes", Doc, StringComparison.Ordinal);
        Assert.Contains("at most " + ProtocolSpec.MaxFrameLength, Doc, StringComparison.Ordinal);
        Assert.Contains("### 7.3 info characteristic (" + ProtocolSpec.DeviceInfoLength + " bytes)", Doc, StringComparison.Ordinal);
        Assert.Contains("**Stream position** (" + ProtocolSpec.StreamPositionLength + " bytes)", Doc, StringComparison.Ordinal);
        Assert.Contains("GLUTESENSE_FUZZ_ITERATIONS=1000000", Doc, StringComparison.Ordinal);
        for (int op = 1; op <= ProtocolSpec.CmdLast; op++)
        {
            Assert.Contains("| 0x" + op.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " | " + ProtocolNames.CommandName(op) + " |", Doc, StringComparison.Ordinal);
        }
    }
}
