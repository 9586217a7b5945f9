using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GluteSense.Cli.Serve;
using GluteSense.Host;
using GluteSense.Host.Live;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;
using GluteSense.Host.Demo;
using GluteSense.Host.Virtual;
using Microsoft.AspNetCore.Builder;

namespace GluteSense.Cli.Tests;

/// <summary>
/// The dashboard's recording path through its HTTP API (what the page's buttons post), on the virtual board: a signal
/// check, a set recorded after it, the folder's meta.json protocol fields (condition, set, signal check, measured tempo),
/// and the audit listing a set recorded after a failed check. The server pumps the board itself (DashboardPump); most
/// tests here also tick it directly, which is harmless (a tick is thread-safe and brings the board up to now).
/// </summary>
public sealed class DashboardRecordingTests : IDisposable
{
    private const double Speed = 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-sets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int FreePort() => DashboardBrowserTests.FreePort();

    // A virtual patient resting 8 s (the check's 5 s and a settle) before 4 bridges; noiseUv sets the skin-electrode noise.
    private static VirtualLiveSession Patient(double noiseUv) => new(new SimulatedSignalSource(Simulator.Run(new SimulationSettings
    {
        Exercise = Exercise.Bridge, Reps = 4, Seed = 5, LeadS = 8, Contamination = new Contamination { NoiseUv = noiseUv },
    })), RecordingMeta.DefaultChannelNames, GluteSense.Firmware.Core.Protocol.ProtocolSpec.RawRateLowHz, "virtual board", Speed);

    private static void TickUntil(ILiveSource session, Func<bool> done, double maxWallS = 60)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(maxWallS);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < end, "timed out waiting for the virtual board");
            System.Threading.Thread.Sleep(DashboardServer.PushPeriodMs);
            session.Tick();
        }
    }

    private static async Task<JsonObject> Post(HttpClient client, string path, string? json = null)
    {
        HttpResponseMessage r = await client.PostAsync(path, json == null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
        string body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{path}: {(int)r.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    // Check (5 s at rest), then one set of the whole exercise; returns the set's folder.
    // setUp: more protocol fields as the page sends them (",\"load_kg\": 0, ..."); pain: the rating sent with End set.
    private static async Task<string> CheckThenRecord(ILiveSource session, HttpClient client, string condition, int index, bool check, string setUp, int pain)
    {
        if (check)
        {
            await Post(client, "/api/check");
            TickUntil(session, () => session.Monitor.LastCheck != null);
        }

        await Post(client, "/api/set/start", $$"""{ "condition": "{{condition}}", "set": { "index": {{index}}, "label": "{{condition}} set {{index}}" }{{setUp}} }""");
        double start = session.Monitor.TimeS;
        TickUntil(session, () => session.Monitor.TimeS > start + 30);   // the patient's 4 bridges
        JsonObject saved = await Post(client, "/api/set/stop", $$"""{ "pain_nrs": {{pain}} }""");
        return Path.Combine(Path.GetDirectoryName(((SetRecorder)session.Monitor.Recorder!).Sets[^1].Folder)!, (string)saved["folder"]!);
    }

    private async Task<(string Test, string Retest)> Session(double noiseUv, string subdir)
    {
        int port = FreePort();
        VirtualLiveSession session = Patient(noiseUv);
        var recorder = new SetRecorder(Path.Combine(_dir, subdir), "p-001", Exercise.Bridge, RecordingMeta.DefaultChannelNames, session.Description, session.EnvelopeChain);
        WebApplication app = DashboardServer.Build(session, null, $"http://127.0.0.1:{port}", recorder: recorder);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // The page's set-up fields; the re-test bridge is set up at another knee angle, which the audit must flag.
            string test = await CheckThenRecord(session, client, "test", 1, check: true,
                """, "load_kg": 0, "body_mass_kg": 70.5, "knee_angle_deg": 90, "cue": "squeeze", "electrodes_reapplied": false""", pain: 3);
            string retest = await CheckThenRecord(session, client, "retest", 1, check: false,
                """, "load_kg": 0, "body_mass_kg": 70.5, "knee_angle_deg": 100, "cue": "squeeze", "electrodes_reapplied": false""", pain: 1);
            return (test, retest);
        }
        finally
        {
            session.Stop();
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task ASetRecordedAfterAPassedCheckCarriesItsProtocolFieldsAndMeasuredTempo()
    {
        (string test, string retest) = await Session(noiseUv: 2, "good");
        RecordingData data = RecordingFolder.Read(test);
        SetProtocol p = data.Meta.Protocol!;
        Assert.Equal(SetCondition.Test, p.Condition);
        Assert.Equal(new SetIndex(1, "test set 1"), p.Set);
        Assert.NotNull(p.StartedAt);
        Assert.True(p.SignalCheck!.Passed, p.SignalCheck.Summary);
        Assert.StartsWith("go:", p.SignalCheck.Summary);
        // The simulated tempo is eccentric 2 s, hold 1 s, concentric 1.5 s (SimulationSettings defaults, jitter 10 %).
        Assert.InRange(p.MeasuredTempo!.EccentricS!.Value, 1.5, 2.5);
        Assert.InRange(p.MeasuredTempo.ConcentricS!.Value, 1.1, 1.9);
        Assert.NotNull(data.Meta.EnvelopeChain);
        Assert.Equal(4, GluteSense.Host.Analysis.FolderAnalysis.Analyze(test).Reps.Count);

        string json = File.ReadAllText(Path.Combine(test, RecordingFolder.MetaFile));
        Assert.Contains("\"signal_check\"", json);
        Assert.Contains("\"measured_tempo\"", json);
        // The set-up fields the page sent, and the pain rating sent with End set.
        Assert.Equal((0.0, 70.5, 90.0, "squeeze", false, 3), (p.LoadKg!.Value, p.BodyMassKg!.Value, p.KneeAngleDeg!.Value, p.Cue, p.ElectrodesReapplied!.Value, p.PainNrs!.Value));
        foreach (string field in new[] { "load_kg", "body_mass_kg", "knee_angle_deg", "cue", "pain_nrs", "electrodes_reapplied", "started_at" })
            Assert.Contains($"\"{field}\"", json);
        // A set without a check since the previous one carries no check: one check vouches for one set.
        Assert.Null(RecordingFolder.Read(retest).Meta.Protocol!.SignalCheck);
    }

    [Fact]
    public async Task ASetRecordedAfterAFailedCheckIsMarkedSo_AndTheAuditSaysSo()
    {
        (string test, string retest) = await Session(noiseUv: 60, "noisy");
        SignalCheckMeta check = RecordingFolder.Read(test).Meta.Protocol!.SignalCheck!;
        Assert.False(check.Passed);
        Assert.StartsWith("fix this:", check.Summary);
        Assert.Contains("re-prepare the skin", check.Summary);

        (int code, string output, string error) = CliTests.Run("audit", "--design", "control", "--test", test, "--retest", retest,
            "--report", Path.Combine(_dir, "report"));
        Assert.True(code == 0, error);
        Assert.Contains("Signal check failed before test set 1", output);
        // The audit reads the set-up, the pain and the start times from meta.json.
        Assert.Contains("Set-up differed between the bridge sets: knee_angle_deg \"90\" in test set 1; \"100\" in retest set 1.", output);
        Assert.Contains("test set 1 (test): started ", output);
        Assert.Contains("load 0 kg, knee 90 deg, body mass 70.5 kg, cue \"squeeze\", pain 3/10, electrodes kept, signal check FAILED", output);
        Assert.Contains("Pain went from 3 to 1 of 10.", output);
        // The report says it too: the caveat under the verdict and the sets table.
        string html = File.ReadAllText(Path.Combine(_dir, "report", "index.html"));
        Assert.Contains("Signal check failed before test set 1", html);
        Assert.Contains("<td>FAILED</td>", html);
    }

    [Fact]
    public async Task ASetIsRecordedWithNoPageOpen_TheServerPumpsTheBoardItself()
    {
        int port = FreePort();
        VirtualLiveSession session = Patient(2);
        var recorder = new SetRecorder(Path.Combine(_dir, "no-page"), "p-001", Exercise.Bridge, RecordingMeta.DefaultChannelNames,
            session.Description, session.EnvelopeChain);
        WebApplication app = DashboardServer.Build(session, null, $"http://127.0.0.1:{port}", recorder: recorder);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Post(client, "/api/set/start", """{ "condition": "test", "set": { "index": 1, "label": "test set 1" } }""");
            // No page is open and this test does not tick: the tab was closed during the set. The board must move on.
            const double setS = 10;
            double start = session.Monitor.TimeS;
            DateTime end = DateTime.UtcNow.AddSeconds(60);
            while (session.Monitor.TimeS < start + setS)
            {
                Assert.True(DateTime.UtcNow < end, $"board time stayed at {session.Monitor.TimeS:0.0} s with no page open");
                await Task.Delay(DashboardServer.PushPeriodMs);
            }

            await Post(client, "/api/set/stop");
            RecordingData data = RecordingFolder.Read(Assert.Single(recorder.Sets).Folder);
            Assert.InRange(data.Envelope!.TimeS[^1] - data.Envelope.TimeS[0], setS - 0.5, double.MaxValue);
            Assert.Empty(data.Meta.Gaps);
        }
        finally
        {
            session.Stop();
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task TheRecordingEndpointsRefuseWhatTheyCannotDo()
    {
        int port = FreePort();
        VirtualLiveSession session = Patient(2);
        WebApplication app = DashboardServer.Build(session, null, $"http://127.0.0.1:{port}");
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage r = await client.PostAsync("/api/set/start", new StringContent("""{ "condition": "test" }"""));
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("--record", await r.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }

        port = FreePort();
        session = Patient(2);
        var recorder = new SetRecorder(Path.Combine(_dir, "refused"), "p-001", Exercise.Bridge, RecordingMeta.DefaultChannelNames, session.Description, session.EnvelopeChain);
        app = DashboardServer.Build(session, null, $"http://127.0.0.1:{port}", recorder: recorder);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage bad = await client.PostAsync("/api/set/start", new StringContent("""{ "condition": "test", "pain_nrs": 11 }"""));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("pain_nrs must be 0-10", await bad.Content.ReadAsStringAsync());
            Assert.False(recorder.Recording);
            Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/set/stop", null)).StatusCode);
            // A pain rating out of range at the end of a set is refused and the set goes on.
            await Post(client, "/api/set/start", """{ "condition": "test" }""");
            HttpResponseMessage badEnd = await client.PostAsync("/api/set/stop", new StringContent("""{ "pain_nrs": 12 }"""));
            Assert.Equal(HttpStatusCode.BadRequest, badEnd.StatusCode);
            Assert.Contains("pain_nrs must be 0-10, got 12", await badEnd.Content.ReadAsStringAsync());
            Assert.True(recorder.Recording);
        }
        finally
        {
            session.Stop();
            await app.StopAsync();
        }
    }

    [Fact]
    public void TheConsoleLiveViewRecordsOneSetWithItsCheckAndTempo()
    {
        string sets = Path.Combine(_dir, "console");
        (int code, string output, string error) = CliTests.Run("live", "--record", sets, "--subject", "p-002", "--condition", "retest", "--set", "2",
            "--check-s", "2", "--seconds", "2.5", "--speed", "10", "--load-kg", "5", "--body-mass-kg", "81", "--knee-angle-deg", "95",
            "--cue", "ribs down", "--pain-nrs", "4", "--electrodes-reapplied");
        Assert.True(code == 0, error);
        Assert.Contains("Signal check: go:", output);
        Assert.Contains("Saved ", output);
        RecordingData data = RecordingFolder.Read(Path.Combine(sets, "01-retest-2"));
        Assert.Equal("p-002", data.Meta.Subject);
        Assert.Equal(SetCondition.Retest, data.Meta.Protocol!.Condition);
        Assert.Equal(new SetIndex(2, "retest set 2"), data.Meta.Protocol.Set);
        Assert.True(data.Meta.Protocol.SignalCheck!.Passed);
        Assert.NotNull(data.Meta.Protocol.MeasuredTempo?.EccentricS);
        SetProtocol p = data.Meta.Protocol;
        Assert.Equal((5.0, 81.0, 95.0, "ribs down", 4, true), (p.LoadKg!.Value, p.BodyMassKg!.Value, p.KneeAngleDeg!.Value, p.Cue, p.PainNrs!.Value, p.ElectrodesReapplied!.Value));
        Assert.NotNull(p.StartedAt);

        (code, _, error) = CliTests.Run("live", "--condition", "test", "--seconds", "1");
        Assert.NotEqual(0, code);
        Assert.Contains("give --record DIR as well", error);
        (code, _, error) = CliTests.Run("live", "--record", sets, "--condition", "warmup", "--seconds", "1");
        Assert.NotEqual(0, code);
        Assert.Contains("--condition 'warmup' must be one of test, treat, retest, control", error);
        // A set-up value out of range: one line, nothing recorded; set-up options without --record are refused.
        string refused = Path.Combine(_dir, "refused-console");
        (code, _, error) = CliTests.Run("live", "--record", refused, "--condition", "test", "--knee-angle-deg", "200", "--seconds", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal("glutesense live: knee_angle_deg must be 0-180, got 200", error.Trim());
        Assert.False(Directory.Exists(refused) && Directory.EnumerateFileSystemEntries(refused).Any());
        (code, _, error) = CliTests.Run("live", "--cue", "x", "--seconds", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("give --record DIR as well", error);
    }

    /// <summary>Dead-start pull-throughs recorded live carry meta.json firstPhase concentric, which `study` needs to name
    /// their phases (it refuses a concentric-first set without it); a dead start of another exercise, or without
    /// --record, is refused in one line before anything is created.</summary>
    [Fact]
    public void DeadStartSetsRecordedLiveSayTheyStartConcentric()
    {
        string sets = Path.Combine(_dir, "dead-start");
        (int code, _, string error) = CliTests.Run("live", "--exercise", "pull-through", "--dead-start", "--record", sets,
            "--condition", "treat", "--seconds", "1.5", "--speed", "10");
        Assert.True(code == 0, error);
        string folder = Directory.GetDirectories(sets).Single();
        Assert.Equal(PhaseKind.Concentric, RecordingFolder.Read(folder).Meta.FirstPhase);

        string refused = Path.Combine(_dir, "dead-start-bridge");
        (code, _, error) = CliTests.Run("live", "--dead-start", "--record", refused, "--condition", "test", "--seconds", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal("glutesense live: --dead-start is a pull-through start; the exercise is bridge", error.Trim());
        Assert.False(Directory.Exists(refused));
        (code, _, error) = CliTests.Run("live", "--exercise", "pull-through", "--dead-start", "--seconds", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("give --record DIR as well", error);
    }
}
