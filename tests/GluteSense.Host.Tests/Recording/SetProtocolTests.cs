using System;
using System.IO;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Recording;

/// <summary>meta.json "protocol": additive (absent = the bytes written before), round-trips, validated on read.</summary>
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
        Assert.DoesNotContain("protocol", before);
        RecordingFolder.Write(plain, RecordingFolder.Read(plain));
        Assert.Equal(before, File.ReadAllText(Path.Combine(plain, RecordingFolder.MetaFile)));

        var protocol = new SetProtocol
        {
            Set = new SetIndex(2, "Re-test set 2"), Condition = SetCondition.Retest, StartedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero),
            LoadKg = 10, BodyMassKg = 72.5, KneeAngleDeg = 90, Cue = "push through the heels", PainNrs = 3, ElectrodesReapplied = false,
            SignalCheck = new SignalCheckMeta(false, "es_r lead-off"),
        };
        RecordingFolder.Write(marked, data with { Meta = data.Meta with { Protocol = protocol } });
        string json = File.ReadAllText(Path.Combine(marked, RecordingFolder.MetaFile));
        foreach (string key in new[] { "\"protocol\"", "\"condition\": \"retest\"", "\"startedAt\"", "\"loadKg\"", "\"bodyMassKg\"", "\"kneeAngleDeg\"", "\"cue\"", "\"painNrs\"", "\"electrodesReapplied\"", "\"signalCheck\"" })
        {
            Assert.Contains(key, json);
        }

        Assert.Equal(protocol, RecordingFolder.Read(marked).Meta.Protocol);
        Assert.DoesNotContain("\"loadKg\"", System.Text.Json.JsonSerializer.Serialize(new SetProtocol { PainNrs = 1 }, RecordingFolder.Json));

        File.WriteAllText(Path.Combine(marked, RecordingFolder.MetaFile), json.Replace("\"painNrs\": 3", "\"painNrs\": 12"));
        Assert.Contains("protocol.painNrs must be 0-10", Assert.Throws<InputException>(() => RecordingFolder.Read(marked)).Message);
    }
}
