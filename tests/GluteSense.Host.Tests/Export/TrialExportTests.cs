using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Export;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Export;

/// <summary>
/// EDF+ export of a whole recording folder (raw EMG, board envelope, three IMUs with magnetometers) read back by an
/// independent reader, MNE-Python: every channel, at its own rate, equals the CSV column it came from to within the
/// EDF's 16-bit quantisation step; gaps are annotated where meta.json puts them.
/// </summary>
public sealed class TrialExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-trialexport-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement ReadWithMne(string edf) => FixtureScripts.RunJson("read_edf_mne.py", edf);

    [Fact]
    public void EveryEdfChannelEqualsItsCsvColumn_RawEmgEnvelopeAndEveryImuAxis()
    {
        var settings = new SimulationSettings { Exercise = Exercise.Bridge, Reps = 2, Seed = 7, HeadImu = true, Magnetometer = true, LeadS = 1, PauseS = 1 };
        RecordingData simulated = SimulationExport.ToRecording(Simulator.Run(settings), RecordingMode.Both);
        simulated = simulated with { Meta = simulated.Meta with { Gaps = new[] { new GapMeta("all", 1.25, 1.5, "link") } } };
        string folder = Path.Combine(_dir, "trial");
        RecordingFolder.Write(folder, simulated);
        RecordingData csv = RecordingFolder.Read(folder);
        string edf = Path.Combine(_dir, "trial.edf");
        TrialExport.WriteEdf(csv, edf, new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc));
        JsonElement mne = ReadWithMne(edf);

        var expected = new List<(string Label, int RateHz, double[] Values)>();
        RecordingMeta meta = csv.Meta;
        expected.AddRange(meta.Channels.Select(c => (c.Name, meta.EmgRateHz, csv.Emg!.Column(c.Name))));
        expected.AddRange(meta.Channels.Select(c => (c.Name + " RMS", meta.EnvelopeRateHz, csv.Envelope!.Column(c.Name))));
        foreach (ImuMeta imu in meta.Imus)
        {
            SampleTable t = csv.Imus[imu.Name];
            expected.AddRange(t.Columns.Select(col => ($"{imu.Name} {col}", meta.ImuRateHz, t.Column(col))));
        }

        string[] channels = mne.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(expected.Select(e => e.Label), channels);
        Assert.Equal(3, meta.Imus.Count);
        Assert.Equal(4 + 4 + 3 * 9, channels.Length);   // raw + RMS, 3 IMUs x (gyro, accel, magnetometer)
        foreach ((string label, int rateHz, double[] values) in expected)
        {
            Assert.Equal(rateHz, mne.GetProperty("rates").GetProperty(label).GetDouble());
            double[] read = mne.GetProperty("data").GetProperty(label).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.True(read.Length >= values.Length, $"{label}: {read.Length} samples in the EDF, {values.Length} in the CSV");
            // One 16-bit step of the channel's physical range (widened by the writer's 8-character limits), the
            // largest rounding error of an EDF sample: half a step, plus slack for the outward rounding.
            double step = (values.Max() - values.Min()) / 65535;
            for (int i = 0; i < values.Length; i++)
            {
                if (Math.Abs(read[i] - values[i]) > step + 1e-9)
                {
                    Assert.Fail($"{label}[{i}]: EDF {read[i]} vs CSV {values[i]} (step {step})");
                }
            }
        }

        JsonElement gap = mne.GetProperty("annotations").EnumerateArray().Single(a => a.GetProperty("description").GetString() == "gap: all link");
        Assert.Equal(1.25, gap.GetProperty("onset").GetDouble(), 1e-9);
        Assert.Equal(0.25, gap.GetProperty("duration").GetDouble(), 1e-9);
        string[] notes = mne.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("description").GetString()!).ToArray();
        Assert.Equal(new[] { "rep 1", "rep 2" }, notes.Where(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^rep \d+( partial)?( excluded)?$")).Select(n => n.Split(' ')[0] + " " + n.Split(' ')[1]));
    }
}
