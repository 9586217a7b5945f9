using System;
using System.IO;
using System.Linq;
using GluteSense.Host.Recording;
using GluteSense.Host.Store;
using Microsoft.Data.Sqlite;

namespace GluteSense.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-demo-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void DemoRecordsTheClinicSessionAndExportReadsItBackWithoutLoss()
    {
        string db = Path.Combine(_dir, "demo.db");
        (int code, string output, string error) = CliTests.Run("demo", "--db", db, "--treat-reps", "4");
        Assert.True(code == ExitCodes.Ok, error);
        foreach (string trial in new[] { "MVC calibration", "Test set 1: bridge", "Test set 2: bridge", "Treat: pull-through", "Re-test set 1: bridge", "Re-test set 2: bridge" })
        {
            Assert.Contains(trial, output);
        }

        Assert.Contains("session 1", output);
        string report = Path.Combine(_dir, "reports", "session-1", "index.html");
        Assert.Contains("Report: " + report, output);
        Assert.Contains("SIMULATED DATA - not a patient. The seed (1) scripted a RESPONDER", output);
        Assert.Contains("Caveats:", output);
        Assert.Contains("Not causal", output);
        // The audit read the set-up from meta.json: the same in every bridge set, so no set-up caveat.
        Assert.Contains("Test set 1 (test): started ", output);
        Assert.Contains("load 0 kg, knee 90 deg, body mass 72 kg, cue \"squeeze the glutes, keep the ribs down\", pain 2/10, electrodes kept", output);
        Assert.DoesNotContain("Set-up differed", output);
        Assert.Contains("SIMULATED DATA", File.ReadAllText(report));
        Assert.True(File.Exists(report));
        Assert.True(Directory.Exists(Path.Combine(_dir, "reports", "session-1", "recordings", "002-bridge-test-set-1-bridge")));

        string exported = Path.Combine(_dir, "export");
        (code, output, error) = CliTests.Run("export", "--session", "1", "--db", db, "--out", exported);
        Assert.True(code == ExitCodes.Ok, error);
        string[] folders = output.Trim().Split('\n');
        Assert.Equal(6, folders.Length);

        using RecordingStore store = RecordingStore.Open(db);
        TrialInfo[] trials = store.Trials(1).ToArray();
        for (int t = 0; t < trials.Length; t++)
        {
            RecordingData folder = RecordingFolder.Read(folders[t]);
            Assert.Equal(trials[t].Exercise, folder.Meta.Exercise);
            Assert.Equal("demo-001", folder.Meta.Subject);
            if (t > 0) Assert.Equal(t is 1 or 2 ? SetCondition.Test : t == 3 ? SetCondition.Treat : SetCondition.Retest, folder.Meta.Protocol!.Condition);
            if (t > 0)
            {
                // Every protocol field the audit reads (the knee angle is the bridge's set-up, absent for the pull-through).
                SetProtocol p = folder.Meta.Protocol!;
                Assert.True(p.Set != null && p.StartedAt != null && p.LoadKg != null && p.BodyMassKg != null && p.Cue != null && p.PainNrs != null
                    && p.ElectrodesReapplied != null && (t == 3 || p.KneeAngleDeg != null), folders[t]);
            }

            // started_at follows the scripted timeline: the previous trial's duration plus the rest after it.
            if (t > 1)
            {
                RecordingData previous = RecordingFolder.Read(folders[t - 1]);
                double gapS = (folder.Meta.Protocol!.StartedAt!.Value - previous.Meta.Protocol!.StartedAt!.Value).TotalSeconds;
                Assert.InRange(gapS - GluteSense.Host.Demo.ClinicDemo.RestBetweenTrialsS, previous.Envelope!.TimeS[^1], previous.Envelope.TimeS[^1] + 5);
            }

            StoredStream stored = store.ReadStream(store.Streams(trials[t].Id).Single(s => s.Kind == "envelope").Id);
            Assert.Equal(stored.Samples, folder.Envelope!.Count);
            Assert.Equal(0.049, folder.Envelope.TimeS[0], 9);
            for (int c = 0; c < 4; c++)
            {
                for (int i = 0; i < stored.Samples; i++)
                {
                    Assert.True(Math.Abs(stored.Interleaved[i * 4 + c] - folder.Envelope.Values[c][i]) <= 0.0005);
                }
            }

            Assert.NotNull(folder.Meta.EnvelopeChain);
            Assert.True(folder.Imus["lumbar"].Count > 0);
        }

        Assert.Equal(4, store.Mvc("demo-001").Count);
        Assert.Null(RecordingFolder.Read(folders[0]).Meta.Protocol);
        Assert.DoesNotContain("protocol", File.ReadAllText(Path.Combine(folders[0], RecordingFolder.MetaFile)));
    }

    [Fact]
    public void TheDemoOnTheDeviceAppTwinEndsLikeTheVirtualBoardDemoWithTheSameNumbers()
    {
        (int code, string twinOutput, string error) = CliTests.Run("demo", "--board", "twin", "--db", Path.Combine(_dir, "twin.db"), "--treat-reps", "2");
        Assert.True(code == ExitCodes.Ok, error);
        (code, string virtualOutput, error) = CliTests.Run("demo", "--db", Path.Combine(_dir, "virtual.db"), "--treat-reps", "2");
        Assert.True(code == ExitCodes.Ok, error);

        // The app's own code on the emulated APIs (AFE register simulator, the native C chain) and the virtual board
        // (the core's C# chain) stream the same simulated session: the same per-trial table, no sample missing.
        static string Summary(string output) => output[output.IndexOf("Per-trial summary", StringComparison.Ordinal)..output.IndexOf("Recorded to", StringComparison.Ordinal)];
        Assert.Equal(Summary(virtualOutput), Summary(twinOutput));
        Assert.Contains("Recorded to " + Path.Combine(_dir, "twin.db"), twinOutput);
        Assert.Contains("SIMULATED DATA - not a patient", twinOutput);
    }

    [Fact]
    public void AnEvenSeedScriptsANonResponder()
    {
        Assert.True(GluteSense.Host.Demo.ClinicDemo.IsResponder(1));
        Assert.False(GluteSense.Host.Demo.ClinicDemo.IsResponder(2));
        Assert.Contains("NON-RESPONDER", GluteSense.Host.Demo.ClinicDemo.TruthSentence(2));
    }

    [Fact]
    public void ExportOfAnUnknownSessionExitsOne()
    {
        string db = Path.Combine(_dir, "empty.db");
        (int code, _, string error) = CliTests.Run("export", "--session", "7", "--db", db, "--out", Path.Combine(_dir, "x"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("no session 7", error);
    }
}
