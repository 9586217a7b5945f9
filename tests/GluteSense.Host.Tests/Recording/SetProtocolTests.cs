using System;
using System.IO;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Recording;

/// <summary>meta.json protocol fields: additive top-level snake_case (absent = the bytes written before), round-trip,
/// validated on read; the older nested camelCase "protocol" object is still read.</summary>
public sealed class SetProtocolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-protocol-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RecordingData Recording() => SimulationExport.ToRecording(
        Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 1, Seed = 3 }), RecordingMode.Envelope);

    [Fact]
    public void AbsentProtocolWritesTheSameBytes_PresentProtocolRoundTrips_BadValuesAreRefused()
    {
        RecordingData data = Recording();
        string plain = Path.Combine(_dir, "plain"), marked = Path.Combine(_dir, "marked");
        RecordingFolder.Write(plain, data);
        string before = File.ReadAllText(Path.Combine(plain, RecordingFolder.MetaFile));
        foreach (string name in SetProtocolJson.FieldNames) Assert.DoesNotContain($"\"{name}\"", before);
        RecordingFolder.Write(plain, RecordingFolder.Read(plain));
        Assert.Equal(before, File.ReadAllText(Path.Combine(plain, RecordingFolder.MetaFile)));

        var protocol = new SetProtocol
        {
            Set = new SetIndex(2, "Re-test set 2"), Condition = SetCondition.Retest, StartedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero),
            LoadKg = 10, BodyMassKg = 72.5, KneeAngleDeg = 90, Cue = "push through the heels", PainNrs = 3, ElectrodesReapplied = false,
            SignalCheck = new SignalCheckMeta(false, "es_r lead-off"), MeasuredTempo = new PhaseDurations(2.1, 0.9, null),
        };
        RecordingFolder.Write(marked, data with { Meta = data.Meta with { Protocol = protocol } });
        string json = File.ReadAllText(Path.Combine(marked, RecordingFolder.MetaFile));
        // The names, top level (additive meta.json fields), snake_case.
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.Equal("retest", (string?)root["condition"]);
        Assert.Equal(2, (int?)root["set"]!["index"]);
        Assert.Equal("Re-test set 2", (string?)root["set"]!["label"]);
        Assert.Equal(10, (double?)root["load_kg"]);
        Assert.Equal(72.5, (double?)root["body_mass_kg"]);
        Assert.Equal(90, (double?)root["knee_angle_deg"]);
        Assert.Equal("push through the heels", (string?)root["cue"]);
        Assert.Equal(3, (int?)root["pain_nrs"]);
        Assert.False((bool?)root["electrodes_reapplied"]);
        Assert.StartsWith("2026-11-30T09:15:00", (string?)root["started_at"]);
        Assert.False((bool?)root["signal_check"]!["passed"]);
        Assert.Equal(2.1, (double?)root["measured_tempo"]!["eccentric_s"]);
        Assert.Null(root["protocol"]);

        Assert.Equal(protocol, RecordingFolder.Read(marked).Meta.Protocol);
        Assert.DoesNotContain("load_kg", SetProtocolJson.Serialize(new SetProtocol { PainNrs = 1 }));

        File.WriteAllText(Path.Combine(marked, RecordingFolder.MetaFile), json.Replace("\"pain_nrs\": 3", "\"pain_nrs\": 12"));
        Assert.Contains("pain_nrs must be 0-10", Assert.Throws<InputException>(() => RecordingFolder.Read(marked)).Message);
    }

    [Fact]
    public void TheOlderNestedCamelCaseFormIsStillRead_AndMixingBothFormsIsRefused()
    {
        RecordingData data = Recording();
        string old = Path.Combine(_dir, "old");
        RecordingFolder.Write(old, data);
        string metaPath = Path.Combine(old, RecordingFolder.MetaFile);
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(metaPath))!.AsObject();
        // Written by the previous version: a nested "protocol" object with camelCase names.
        root["protocol"] = System.Text.Json.Nodes.JsonNode.Parse("""
            { "set": { "index": 1, "label": "Test set 1" }, "condition": "test", "startedAt": "2026-11-29T08:00:00+00:00", "loadKg": 0,
              "bodyMassKg": 80, "kneeAngleDeg": 85, "cue": "squeeze", "painNrs": 2, "electrodesReapplied": true,
              "signalCheck": { "passed": false, "summary": "gmax_l lead-off" } }
            """);
        File.WriteAllText(metaPath, root.ToJsonString());
        SetProtocol read = RecordingFolder.Read(old).Meta.Protocol!;
        Assert.Equal(new SetProtocol
        {
            Set = new SetIndex(1, "Test set 1"), Condition = SetCondition.Test, StartedAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), LoadKg = 0,
            BodyMassKg = 80, KneeAngleDeg = 85, Cue = "squeeze", PainNrs = 2, ElectrodesReapplied = true, SignalCheck = new SignalCheckMeta(false, "gmax_l lead-off"),
        }, read);

        // Rewritten, it takes the current form.
        RecordingFolder.Write(old, RecordingFolder.Read(old));
        string rewritten = File.ReadAllText(metaPath);
        Assert.DoesNotContain("\"protocol\"", rewritten);
        Assert.Contains("\"electrodes_reapplied\": true", rewritten);

        root["pain_nrs"] = 2;
        File.WriteAllText(metaPath, root.ToJsonString());
        Assert.Contains("keep one", Assert.Throws<InputException>(() => RecordingFolder.Read(old)).Message);
    }
}
