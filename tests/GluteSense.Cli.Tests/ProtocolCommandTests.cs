using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Cli;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Tests.Common;

namespace GluteSense.Cli.Tests;

public class ProtocolCommandTests
{
    private static JsonElement Golden(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("protocol_golden.json")));
        return doc.RootElement.GetProperty("frames").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).Clone();
    }

    [Fact]
    public void DecodeHexPrintsTheGoldenFrameAsJson()
    {
        JsonElement golden = Golden("envelope_4ch_2samples");
        (int exitCode, string output, string error) = CliTests.Run("protocol", "decode", "--hex", golden.GetProperty("hex").GetString()!);
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        JsonElement o = json.RootElement;
        JsonElement d = golden.GetProperty("decoded");
        Assert.Equal("envelope", o.GetProperty("type").GetString());
        Assert.Equal(d.GetProperty("sequence").GetInt32(), o.GetProperty("sequence").GetInt32());
        Assert.Equal(d.GetProperty("timestamp_us").GetInt64(), o.GetProperty("timestamp_us").GetInt64());
        Assert.Equal(d.GetProperty("first_sample_index").GetInt64(), o.GetProperty("first_sample_index").GetInt64());
        int[] values = o.GetProperty("samples").EnumerateArray().SelectMany(s => s.EnumerateArray()).Select(v => v.GetInt32()).ToArray();
        Assert.Equal(d.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()), values);
    }

    [Fact]
    public void DecodeFileDecodesEveryLineIntoAnArray()
    {
        string path = Path.Combine(Path.GetTempPath(), "glutesense-frames-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            File.WriteAllLines(path, new[]
            {
                "# two frames",
                Golden("event_host_marker").GetProperty("hex").GetString()!,
                "",
                Golden("response_time_sync").GetProperty("hex").GetString()!,
            });
            (int exitCode, string output, _) = CliTests.Run("protocol", "decode", "--file", path);
            Assert.Equal(ExitCodes.Ok, exitCode);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(new[] { "event", "command_response" }, json.RootElement.EnumerateArray().Select(f => f.GetProperty("type").GetString()));
            Assert.Equal(513, json.RootElement[0].GetProperty("marker_id").GetInt32());
            Assert.Equal("time_sync", json.RootElement[1].GetProperty("command").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("not-hex", "not a hex string")]
    [InlineData("1001", "too short")]
    [InlineData("1005000a0000145d000003000201021263", "CRC")] // golden event_host_marker with one timestamp nibble changed
    public void BadHexExitsOneWithOneLineAndNoStackTrace(string hex, string expected)
    {
        (int exitCode, string output, string error) = CliTests.Run("protocol", "decode", "--hex", hex);
        Assert.Equal(ExitCodes.Error, exitCode);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMajorVersionIsRefusedClearly()
    {
        byte[] bytes = Convert.FromHexString(Golden("event_host_marker").GetProperty("hex").GetString()!);
        bytes[0] = 0x20;
        ByteIO.WriteUInt16(bytes, bytes.Length - 2, Crc16.Compute(bytes, 0, bytes.Length - 2));
        (int exitCode, _, string error) = CliTests.Run("protocol", "decode", "--hex", Convert.ToHexString(bytes));
        Assert.Equal(ExitCodes.Error, exitCode);
        Assert.Contains("unsupported protocol version v2.0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFileLineAndMissingFileExitOneWithOneLine()
    {
        string path = Path.Combine(Path.GetTempPath(), "glutesense-frames-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            File.WriteAllLines(path, new[] { Golden("event_host_marker").GetProperty("hex").GetString()!, "00ff" });
            (int exitCode, _, string error) = CliTests.Run("protocol", "decode", "--file", path);
            Assert.Equal(ExitCodes.Error, exitCode);
            Assert.Contains("line 2", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }

        (int missingExit, _, string missingError) = CliTests.Run("protocol", "decode", "--file", path);
        Assert.Equal(ExitCodes.Error, missingExit);
        Assert.Single(missingError.TrimEnd().Split('\n'));
        (int neitherExit, _, _) = CliTests.Run("protocol", "decode");
        Assert.Equal(ExitCodes.Error, neitherExit);
    }

    [Fact]
    public void SpecPrintsUuidsFrameTypesAndSizes()
    {
        (int exitCode, string output, _) = CliTests.Run("protocol", "spec");
        Assert.Equal(ExitCodes.Ok, exitCode);
        foreach (string uuid in new[]
                 {
                     ProtocolSpec.ServiceUuid, ProtocolSpec.DataCharacteristicUuid, ProtocolSpec.ControlCharacteristicUuid,
                     ProtocolSpec.ResponseCharacteristicUuid, ProtocolSpec.InfoCharacteristicUuid, ProtocolSpec.BatteryServiceUuid,
                     ProtocolSpec.DeviceInformationServiceUuid,
                 })
        {
            Assert.Contains(uuid, output, StringComparison.Ordinal);
        }

        foreach (string type in new[] { "envelope", "raw_emg", "imu", "status", "event", "command_response" })
        {
            Assert.Contains(type, output, StringComparison.Ordinal);
        }

        Assert.Contains("max frame " + ProtocolSpec.MaxFrameLength + " B", output, StringComparison.Ordinal);
        Assert.Contains("Retransmit ring: " + ProtocolSpec.RingBufferBytes + " B", output, StringComparison.Ordinal);
    }
}
