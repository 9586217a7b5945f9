using System;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Recording;

public sealed class RecordingFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-recording-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SimulatedRecording Simulated() => Simulator.Run(new SimulationSettings
    {
        Exercise = Exercise.PullThrough, Reps = 2, Seed = 5, HeadImu = true,
        Contamination = new Contamination { LiftOffRep = 1 },
    });

    [Fact]
    public void WriteThenReadLosesNothingBeyondTheWrittenResolution()
    {
        SimulatedRecording rec = Simulated();
        RecordingData written = SimulationExport.ToRecording(rec, RecordingMode.Both, "p-017");
        RecordingFolder.Write(_dir, written);
        RecordingData read = RecordingFolder.Read(_dir);

        Assert.Equal(Exercise.PullThrough, read.Meta.Exercise);
        Assert.Equal("p-017", read.Meta.Subject);
        Assert.Equal(new[] { "gmax_l", "gmax_r", "es_l", "es_r" }, read.Meta.Channels.Select(c => c.Name));
        Assert.Equal(new[] { "lumbar", "sacrum", "head" }, read.Meta.Imus.Select(i => i.Name));
        Assert.Equal(written.Meta.Gaps, read.Meta.Gaps);
        Assert.Contains(read.Meta.Gaps, g => g.Reason == "lead-off");
        Assert.Equal(written.Meta.EnvelopeChain!.Sections.SelectMany(s => s), read.Meta.EnvelopeChain!.Sections.SelectMany(s => s));

        // EMG and envelope are written to 0.001 uV (the AFE's LSB is 0.048 uV); time to 1 us; IMU to 7 digits.
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(rec.Emg[c].Length, read.Emg!.Count);
            Assert.All(rec.Emg[c].Zip(read.Emg.Values[c]), p => Assert.True(Math.Abs(p.First - p.Second) <= 0.0005));
            Assert.All(written.Envelope!.Values[c].Zip(read.Envelope!.Values[c]), p => Assert.True(Math.Abs(p.First - p.Second) <= 0.0005));
        }

        Assert.All(written.Emg!.TimeS.Zip(read.Emg!.TimeS), p => Assert.True(Math.Abs(p.First - p.Second) <= 5e-7));
        foreach (string name in written.Imus.Keys)
        {
            for (int a = 0; a < 6; a++)
            {
                Assert.All(written.Imus[name].Values[a].Zip(read.Imus[name].Values[a]),
                    p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-6 * Math.Max(1, Math.Abs(p.First))));
            }
        }

        Assert.Contains("\"phases\"", read.TruthJson);
    }

    [Fact]
    public void RawOnlyAndEnvelopeOnlyFoldersAreReadable()
    {
        SimulatedRecording rec = Simulated();
        RecordingFolder.Write(Path.Combine(_dir, "raw"), SimulationExport.ToRecording(rec, RecordingMode.Raw));
        RecordingFolder.Write(Path.Combine(_dir, "env"), SimulationExport.ToRecording(rec, RecordingMode.Envelope));
        RecordingData raw = RecordingFolder.Read(Path.Combine(_dir, "raw")), env = RecordingFolder.Read(Path.Combine(_dir, "env"));
        Assert.Null(raw.Envelope);
        Assert.NotNull(raw.Emg);
        Assert.Null(env.Emg);
        Assert.Equal(100, env.Meta.EnvelopeRateHz);
        Assert.Equal(0.049, env.Envelope!.TimeS[0], 9);
    }

    [Theory]
    [InlineData("meta.json", "\"exercise\": \"pull-through\"", "\"exercise\": \"squat\"", "unknown exercise 'squat'")]
    [InlineData("meta.json", "glutesense-recording/1", "glutesense-recording/9", "is not glutesense-recording/1")]
    [InlineData("emg.csv", "time_s,gmax_l", "time_s,gmax_x", "emg.csv line 1: missing column(s) gmax_l")]
    [InlineData("imu_lumbar.csv", "\n0.01,", "\n0.01,abc", "imu_lumbar.csv line 3: 'abc")]
    public void DamagedFoldersGiveOneLineErrorsNamingFileAndLine(string file, string find, string replace, string expected)
    {
        RecordingFolder.Write(_dir, SimulationExport.ToRecording(Simulated(), RecordingMode.Both));
        string path = Path.Combine(_dir, file);
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));
        InputException e = Assert.Throws<InputException>(() => RecordingFolder.Read(_dir));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        Assert.Contains("not found", Assert.Throws<InputException>(() => RecordingFolder.Read(Path.Combine(_dir, "nope"))).Message);
        RecordingFolder.Write(_dir, SimulationExport.ToRecording(Simulated(), RecordingMode.Both));
        File.Delete(Path.Combine(_dir, "imu_head.csv"));
        Assert.Contains("imu_head.csv is missing", Assert.Throws<InputException>(() => RecordingFolder.Read(_dir)).Message);
        File.Delete(Path.Combine(_dir, "meta.json"));
        Assert.Contains("meta.json is missing", Assert.Throws<InputException>(() => RecordingFolder.Read(_dir)).Message);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
