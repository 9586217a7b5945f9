using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Motion;
using GluteSense.Host.Analysis.Onsets;
using GluteSense.Tests.Common;
using Xunit.Abstractions;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>
/// The onset detector and the turning-point segmentation on recordings this project did not make (docs/analysis.md,
/// "Recordings this project did not make"): gluteus maximus in treadmill walking (tests/data/santuz-gait-emg) and
/// knee goniometer repetitions with rectus femoris and vastus medialis EMG (tests/data/uci-lower-limb-emg), against
/// independent references made with scipy (tests/fixtures/scripts/make_external_reference_fixture.py) and against the
/// physiology.
/// </summary>
public class ExternalRecordingTests
{
    private const string Script = "make_external_reference_fixture.py";

    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("external_reference_scipy.json"))).RootElement.Clone();

    private readonly ITestOutputHelper _output;

    public ExternalRecordingTests(ITestOutputHelper output) => _output = output;

    private static double[][] Csv(string path) => File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
        .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    private static int Index(double[] timeS, double t) => (int)Math.Round((t - timeS[0]) * 1000);

    private static string Join(IEnumerable<double> ms) => string.Join(" ", ms.Select(x => x.ToString("0", CultureInfo.InvariantCulture)));

    /// <summary>Gluteus maximus onsets per gait cycle: ours with the Hodges and Bui definition (no localisation) equal
    /// the scipy reference; ours with the analysis default (TKEO, localised) lie in late swing, before touchdown, as
    /// gluteus maximus does in walking (it brakes the swinging thigh and loads the hip at contact).</summary>
    [Fact]
    public void GaitGluteusMaximusOnsets_MatchTheScipyDoubleThreshold_AndFallInLateSwing()
    {
        double[][] rows = Csv(RepoPaths.Data("santuz-gait-emg", "ID0012_TW_01_gmax.csv"));
        double[] t = rows.Select(r => r[0]).ToArray(), raw = rows.Select(r => r[1]).ToArray();
        var plain = new OnsetSettings { Method = OnsetMethod.DoubleThreshold, LocaliseK = 3 };
        OnsetSettings analysis = new AnalysisSettings().Onsets;
        double[] plainFunction = OnsetDetector.DetectionFunction(raw, 1000, plain);
        double[] function = OnsetDetector.DetectionFunction(raw, 1000, analysis);
        var leadsMs = new List<double>();
        var earlierMs = new List<double>();
        foreach (JsonElement cycle in Fixture.GetProperty("gait").EnumerateArray())
        {
            double touchdownS = cycle.GetProperty("touchdown_s").GetDouble(), referenceS = cycle.GetProperty("onset_s").GetDouble();
            int b0 = Index(t, cycle.GetProperty("baseline_from_s").GetDouble()), b1 = Index(t, cycle.GetProperty("baseline_to_s").GetDouble());
            int end = Index(t, cycle.GetProperty("search_to_s").GetDouble());
            IReadOnlyList<int> same = OnsetDetector.Onsets(plainFunction.AsSpan(0, end), 1000, plain, b0, b1, searchFrom: b1);
            IReadOnlyList<int> ours = OnsetDetector.Onsets(function.AsSpan(0, end), 1000, analysis, b0, b1, searchFrom: b1);
            Assert.NotEmpty(same);
            Assert.NotEmpty(ours);
            _output.WriteLine($"touchdown {touchdownS:0.000}: scipy {referenceS:0.000}, "
                + $"ours (same definition) {t[same[0]]:0.000}, ours (default) {t[ours[0]]:0.000}");
            // The same published definition, two implementations: equal to the sample (a sample of float rounding slack).
            Assert.InRange(t[same[0]] - referenceS, -0.0015, 0.0015);
            leadsMs.Add((touchdownS - t[ours[0]]) * 1000);
            earlierMs.Add((referenceS - t[ours[0]]) * 1000);
        }

        _output.WriteLine("default onsets before the scipy crossing (ms): " + Join(earlierMs));

        _output.WriteLine("default onsets before touchdown (ms): " + Join(leadsMs));
        // Late swing: every onset in the last 200 ms before touchdown (swing lasts about 370 ms here). Measured: 96-190 ms
        // before touchdown, 8-101 ms before the scipy threshold crossing (localisation walks back to where the level left
        // the swing baseline; in 2 of 6 cycles that is within 25 ms of the search start, so the late-swing rise there is
        // gradual or the onset early).
        Assert.All(leadsMs, lead => Assert.InRange(lead, 0, 200));
        Assert.All(earlierMs, ms => Assert.InRange(ms, 0, 110));
    }

    private static (string File, double[] TimeS, SegmentTrack Track) Knee(string file)
    {
        double[][] rows = Csv(RepoPaths.Data("uci-lower-limb-emg", file));
        double[] t = rows.Select(r => r[0]).ToArray();
        return (file, t, SegmentMotion.FromAngle(file, t, 50, rows.Select(r => r[1]).ToArray()));
    }

    /// <summary>Turning points of knee goniometer repetitions: the repetition count agrees with scipy.signal.find_peaks
    /// in all 20 files, and every scipy turning point lies in our turning-point zone (outward end to return start) up to
    /// 100 ms either side. In 1Npie and 7Nsen the knee rests 10-17 deg (13-17 % of the range) away from its starting pose
    /// between repetitions, above the hysteresis band; they were counted as 1 and 3 repetitions (scipy 4 and 5) until
    /// RepDetector split an excursion at a valley as deep as the detection level.</summary>
    [Fact]
    public void KneeRepetitions_CountAndTurningPointsAgreeWithFindPeaks()
    {
        var exact = new List<string>();
        var offsetsMs = new List<double>();
        foreach (JsonProperty file in Fixture.GetProperty("knee").EnumerateObject())
        {
            (_, double[] t, SegmentTrack track) = Knee(file.Name);
            IReadOnlyList<DetectedRep> reps = RepDetector.Detect(track, new RepDetectorSettings());
            double[] peaks = file.Value.GetProperty("peaks_s").EnumerateArray().Select(p => p.GetDouble()).ToArray();
            _output.WriteLine($"{file.Name}: ours {reps.Count} reps, scipy {peaks.Length}");
            if (reps.Count == peaks.Length) exact.Add(file.Name);
            else continue;
            for (int k = 0; k < peaks.Length; k++)
            {
                double from = t[reps[k].OutEnd], to = t[reps[k].BackStart];
                double offset = peaks[k] < from ? peaks[k] - from : peaks[k] > to ? peaks[k] - to : 0;
                offsetsMs.Add(offset * 1000);
            }
        }

        _output.WriteLine($"exact count in {exact.Count} of 20 files; turning points outside our zone (ms): "
            + string.Join(" ", offsetsMs.Where(o => o != 0).Select(o => o.ToString("0", CultureInfo.InvariantCulture))));
        IEnumerable<string> files = Fixture.GetProperty("knee").EnumerateObject().Select(p => p.Name);
        Assert.Equal(files.OrderBy(x => x), exact.OrderBy(x => x));
        Assert.All(offsetsMs, o => Assert.InRange(o, -100, 100));
    }

    /// <summary>Rectus femoris and vastus medialis onsets against the start of each sitting knee extension (the outward
    /// phase of our segmentation): the quadriceps must switch on before the shank moves (electromechanical delay).</summary>
    [Fact]
    public void QuadricepsOnsets_PrecedeTheKneeExtension()
    {
        var settings = new AnalysisSettings();
        var relMs = new List<double>();
        int nulls = 0;
        foreach (string subject in new[] { "1", "3", "4", "5", "6", "7" })
        {
            (_, double[] t, SegmentTrack track) = Knee(subject + "Nsen_knee.csv");
            IReadOnlyList<DetectedRep> reps = RepDetector.Detect(track, settings.Reps);
            double[][] emg = Csv(RepoPaths.Data("uci-lower-limb-emg", subject + "Nsen_rf_vm.csv"));
            for (int c = 0; c < 2; c++)
            {
                double[] function = OnsetDetector.DetectionFunction(emg.Select(r => r[c]).ToArray(), 1000, settings.Onsets);
                double previousEndS = double.NegativeInfinity;
                foreach (DetectedRep rep in reps)
                {
                    double startS = t[rep.Start], endS = t[rep.End];
                    double baselineEndS = startS - settings.PreMovementS;
                    double baselineStartS = Math.Max(previousEndS + settings.SettleS, Math.Max(0, baselineEndS - settings.BaselineS));
                    previousEndS = endS;
                    if (baselineEndS - baselineStartS < settings.MinBaselineS)
                    {
                        nulls++;
                        continue;
                    }

                    int b0 = (int)(baselineStartS * 1000), b1 = (int)(baselineEndS * 1000), end = Math.Min(function.Length, (int)(endS * 1000));
                    IReadOnlyList<int> onsets = OnsetDetector.Onsets(function.AsSpan(0, end), 1000, settings.Onsets, b0, b1, searchFrom: b1);
                    if (onsets.Count == 0) nulls++;
                    else relMs.Add(onsets[0] - startS * 1000);
                }
            }
        }

        double[] sorted = relMs.OrderBy(x => x).ToArray();
        _output.WriteLine($"{relMs.Count} onsets ({nulls} without baseline or onset), relative to movement start (ms): " + Join(sorted));
        // Measured: 22 onsets (28 repetitions had less than 0.2 s of still pause before them: no-baseline), 20 of them
        // before the movement starts, median about -190 ms; 4 sit at the search start (-300 ms: the muscle was already
        // rising when the baseline ended). The physiology holds in the bulk, not in every repetition.
        Assert.True(relMs.Count >= 20, $"only {relMs.Count} onsets");
        Assert.True(sorted[sorted.Length / 2] < 0, $"median onset {sorted[sorted.Length / 2]:0} ms after the movement start");
        Assert.True(relMs.Count(x => x < 0) >= 0.85 * relMs.Count, $"{relMs.Count(x => x < 0)} of {relMs.Count} onsets before the movement");
    }

    [Fact]
    public void PythonReproducesTheFixture()
    {
        if (!FixtureScripts.Available(Script)) return;   // no Debian python here: the committed fixture stands (CI installs it)
        JsonElement fresh = FixtureScripts.RunJson(Script);
        Assert.Equal(Fixture.GetProperty("gait").ToString(), fresh.GetProperty("gait").ToString());
        Assert.Equal(Fixture.GetProperty("knee").ToString(), fresh.GetProperty("knee").ToString());
    }
}
