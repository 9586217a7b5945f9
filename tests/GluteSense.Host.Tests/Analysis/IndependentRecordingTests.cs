using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Tests.Common;
using Xunit.Abstractions;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>Recordings this project's simulator did not make: tests/independent/make_recordings.py (written from the
/// issue and first principles, not from the simulator) generates a few seeded recordings per scenario and exercise,
/// the analysis runs on them in process, and tests/independent/score.py scores the result against the generator's own
/// truth with issue 15's targets. docs/analysis.md ("Independent generator") has the same rows over 30 seeds.</summary>
public sealed class IndependentRecordingFixture : IDisposable
{
    /// <summary>Seeds per scenario and exercise: the first ones of the docs table (CI time: about 1 s per recording).</summary>
    public const string Seeds = "1-3";

    /// <summary>Where the recordings are; null when Debian's python is not installed (CI installs it).</summary>
    public string? Root { get; }

    /// <summary>score.py's rows by (scenario, exercise).</summary>
    public Dictionary<(string Scenario, string Exercise), JsonElement> Rows { get; } = new();

    /// <summary>Generates, analyses and scores every row once for the whole class.</summary>
    public IndependentRecordingFixture()
    {
        if (!File.Exists(FixtureScripts.Python)) return;
        Root = Path.Combine(Path.GetTempPath(), "glutesense-independent-" + Guid.NewGuid().ToString("N")[..8]);
        Run("make_recordings.py", "--batch", Root, "--seeds", Seeds);
        var folders = Directory.GetFiles(Root, "independent_truth.json", SearchOption.AllDirectories).Select(Path.GetDirectoryName).ToList();
        System.Threading.Tasks.Parallel.ForEach(folders, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 2 }, dir =>
            File.WriteAllText(Path.Combine(dir!, "analysis.json"), AnalysisJson.Serialize(FolderAnalysis.Analyze(dir!))));
        foreach (string line in Run("score.py", Root, "--json").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            JsonElement row = JsonDocument.Parse(line).RootElement.Clone();
            Rows[(row.GetProperty("scenario").GetString()!, row.GetProperty("exercise").GetString()!)] = row;
        }
    }

    /// <summary>Runs a script of tests/independent with Debian's python; its standard output.</summary>
    internal static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(FixtureScripts.Python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "independent", script));
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{script} failed (are numpy and scipy of scripts/setup.sh installed?): {stderr.Result}");
        return stdout;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Root == null) return;
        foreach (string dir in new[] { Root, Root + "-sets", Root + "-five-percent" })
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>Issue 15's targets on the independent generator's recordings (see <see cref="IndependentRecordingFixture"/>).</summary>
public class IndependentRecordingTests : IClassFixture<IndependentRecordingFixture>
{
    /// <summary>The generator's scenarios (tests/independent/README.md); <see cref="TheGeneratorHasTheseRows"/> keeps
    /// the list equal to the generator's.</summary>
    public static readonly string[] Scenarios =
    {
        "standard", "touch-and-go", "two-stage", "slow-lockout", "unsettled-start", "tonic-baseline", "realistic-ecg",
        "crosstalk", "fatigue", "range-loss", "partial-reps", "skewed-tempo",
    };

    private static readonly string[] Exercises = { "bridge", "pull-through" };

    private readonly IndependentRecordingFixture _fixture;
    private readonly ITestOutputHelper _output;

    public IndependentRecordingTests(IndependentRecordingFixture fixture, ITestOutputHelper output) => (_fixture, _output) = (fixture, output);

    public static IEnumerable<object[]> Rows() => Scenarios.SelectMany(s => Exercises.Select(e => new object[] { s, e }));

    [Fact]
    public void TheGeneratorHasTheseRows()
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        Assert.Equal(Rows().Select(r => ((string)r[0], (string)r[1])).OrderBy(x => x), _fixture.Rows.Keys.OrderBy(x => x));
    }

    // Issue 15's targets. Where a row does not meet one on this generator the test holds the row to its measured state
    // instead, named here, so the limitation is visible and a regression still fails; docs/analysis.md ("Independent
    // generator", 30 seeds per row) has the figures and the causes.
    private const double TargetBoundaryMedianMs = 40, TargetBoundaryP95Ms = 150, TargetOnsetMedianMs = 40, TargetOnsetFarShare = 0.05;

    /// <summary>Rows whose boundaries meet the targets over 30 seeds: held to them here.</summary>
    private static readonly string[] BoundaryTargetMet = { "two-stage" };

    /// <summary>Phase boundaries: met on the bridge rows but skewed tempo, NOT on most standing pull-through rows (30
    /// seeds: median 23-43 ms, p95 95-186 ms). The rest is the sway in the rate around smooth starts and stops.</summary>
    private const double MeasuredBoundaryMedianMs = 50, MeasuredBoundaryP95Ms = 250;

    /// <summary>Skewed tempo (velocity peak at a third or two thirds, phases up to 5 s): boundary p95 434-513 ms (30
    /// seeds): the slow tail of a skewed bell lies in the sway.</summary>
    private const double SkewedBoundaryMedianMs = 60, SkewedBoundaryP95Ms = 600;

    [Theory]
    [MemberData(nameof(Rows))]
    public void EveryRowMeetsTheTargets_OrItsMeasuredLimit(string scenario, string exercise)
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        JsonElement row = _fixture.Rows[(scenario, exercise)];
        _output.WriteLine(row.ToString());
        bool skewed = scenario == "skewed-tempo", twoStage = BoundaryTargetMet.Contains(scenario);

        int recordings = row.GetProperty("recordings").GetInt32();
        Assert.Equal(recordings, row.GetProperty("exact").GetInt32());
        Assert.InRange(row.GetProperty("boundary_median_ms").GetDouble(), 0,
            twoStage ? TargetBoundaryMedianMs : skewed ? SkewedBoundaryMedianMs : MeasuredBoundaryMedianMs);
        Assert.InRange(row.GetProperty("boundary_p95_ms").GetDouble(), 0,
            twoStage ? TargetBoundaryP95Ms : skewed ? SkewedBoundaryP95Ms : MeasuredBoundaryP95Ms);
        Assert.Equal(0, row.GetProperty("false_fast").GetInt32());
        // Onsets meet the targets on every row (tonic baseline and skewed tempo since the level tests of
        // PhaseMetrics.Onset; docs/analysis.md, "Onsets").
        Assert.InRange(row.GetProperty("onset_median_ms").GetDouble(), 0, TargetOnsetMedianMs);
        int reported = row.GetProperty("onsets_reported").GetInt32(), far = row.GetProperty("onsets_far").GetInt32();
        Assert.True(far <= TargetOnsetFarShare * reported, $"{far} of {reported} onsets > 150 ms off");
        // Honest nulls: a rep after a pause under 0.3 s has no still baseline; its onsets are null with `no-baseline`.
        Assert.Equal(0, row.GetProperty("dishonest_onsets").GetInt32());
        Assert.Equal(0, row.GetProperty("unsettled_missed").GetInt32());
        if (scenario == "touch-and-go") Assert.True(row.GetProperty("nulls_required").GetInt32() > 0);
    }

    /// <summary>A set seed (make_recording's set_seed, --set-seed) makes another set of the same person: what stays with
    /// the person and the board between the sets of one visit is equal (range, IMU mounting and biases, MVC, ECG
    /// amplitude and QRS width), what a set draws anew differs (timing, heart rate, gyro warm-up drift). Without it the
    /// generator is the one-stream generator every table was made with (seed 1's truth values pinned from before the
    /// set stream existed, commit e43e3fd).</summary>
    [Fact]
    public void ASetSeedMakesAnotherSetOfTheSamePerson_WithoutOneTheRecordingsAreUnchanged()
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        JsonElement Truth(string name, params string[] extra)
        {
            // Beside the fixture's batch, not in it: the scripts that read the batch take every folder as a row.
            string dir = Path.Combine(_fixture.Root + "-sets", name);
            IndependentRecordingFixture.Run("make_recordings.py", new[] { "--out", dir, "--exercise", "bridge", "--seed", "5", "--reps", "4" }
                .Concat(extra).ToArray());
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "independent_truth.json"))).RootElement.Clone();
        }

        JsonElement a = Truth("a", "--set-seed", "1"), b = Truth("b", "--set-seed", "2");
        Assert.Equal(1, a.GetProperty("set_seed").GetInt32());
        foreach (string person in new[] { "reference_amplitude_deg", "mvc_rms_uv", "emg_rate_hz" })
            Assert.Equal(a.GetProperty(person).GetRawText(), b.GetProperty(person).GetRawText());
        foreach (string ecg in new[] { "ecg_r_uv", "qrs_sigma_s" })
            Assert.Equal(a.GetProperty("ecg").GetProperty(ecg).GetDouble(), b.GetProperty("ecg").GetProperty(ecg).GetDouble());
        foreach (var (imuA, imuB) in a.GetProperty("imus").EnumerateArray().Zip(b.GetProperty("imus").EnumerateArray()))
        {
            foreach (string person in new[] { "mounting_wxyz", "gyro_bias_rad_s", "acc_bias_ms2" })
                Assert.Equal(imuA.GetProperty(person).GetRawText(), imuB.GetProperty(person).GetRawText());
            Assert.NotEqual(imuA.GetProperty("gyro_drift_rad_s").GetRawText(), imuB.GetProperty("gyro_drift_rad_s").GetRawText());
        }

        Assert.NotEqual(a.GetProperty("reps")[0].GetProperty("start_s").GetDouble(), b.GetProperty("reps")[0].GetProperty("start_s").GetDouble());
        Assert.NotEqual(a.GetProperty("ecg").GetProperty("heart_rate_bpm").GetDouble(), b.GetProperty("ecg").GetProperty("heart_rate_bpm").GetDouble());

        // The fixture's own standard bridge, seed 1, made without a set seed: as before the set stream.
        JsonElement one = JsonDocument.Parse(File.ReadAllText(Path.Combine(_fixture.Root, "standard", "bridge", "s1", "independent_truth.json"))).RootElement;
        Assert.False(one.TryGetProperty("set_seed", out _));
        Assert.Equal(24.307, one.GetProperty("reference_amplitude_deg").GetDouble());
        Assert.Equal(3.8973, one.GetProperty("reps")[0].GetProperty("start_s").GetDouble());
        Assert.Equal(540.6340823013842, one.GetProperty("mvc_rms_uv").GetProperty("gmax_l").GetDouble(), 9);
    }

    /// <summary>
    /// Input for the decision the boundary target needs (docs/analysis.md, "Independent generator"): scored against the
    /// instant each phase's true rate reaches 1 % of its peak (tests/independent/observable_boundaries.py), the same
    /// boundaries meet the targets on every row but skewed tempo and the tonic-baseline pull-through (10 seeds: 21 of 24
    /// rows; 13 of 24 against the profile's start). Its 0 % column is score.py's own boundary error.
    /// </summary>
    [Fact]
    public void AgainstTheInstantARateReachesOnePercentOfItsPeak_TheBoundariesMeetTheTargetsButOnSkewedTempo()
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        string json = IndependentRecordingFixture.Run("observable_boundaries.py", _fixture.Root, "--fractions", "0,0.01", "--json");
        int rows = 0;
        foreach (string line in json.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _output.WriteLine(line);
            JsonElement row = JsonDocument.Parse(line).RootElement;
            string scenario = row.GetProperty("scenario").GetString()!, exercise = row.GetProperty("exercise").GetString()!;
            JsonElement atStart = row.GetProperty("fractions")[0], atOnePercent = row.GetProperty("fractions")[1];
            JsonElement scored = _fixture.Rows[(scenario, exercise)];
            Assert.Equal(scored.GetProperty("boundary_median_ms").GetDouble(), atStart.GetProperty("median_ms").GetDouble(), 6);
            Assert.Equal(scored.GetProperty("boundary_p95_ms").GetDouble(), atStart.GetProperty("p95_ms").GetDouble(), 6);
            double p95 = atOnePercent.GetProperty("p95_ms").GetDouble();
            if (scenario == "skewed-tempo") Assert.True(p95 > TargetBoundaryP95Ms, line);
            else if (!(scenario == "tonic-baseline" && exercise == "pull-through"))
            {
                Assert.InRange(atOnePercent.GetProperty("median_ms").GetDouble(), 0, TargetBoundaryMedianMs);
                Assert.InRange(p95, 0, TargetBoundaryP95Ms);
            }

            rows++;
        }

        Assert.Equal(Rows().Count(), rows);
    }

    /// <summary>
    /// The motor-control convention in both places (docs/analysis.md, "Independent generator"): analysed with
    /// <see cref="Host.Analysis.Motion.RepDetectorSettings.BoundaryPeakFraction"/> 0.05 and scored against the instant
    /// the true rate reaches 5 % of the phase's peak, every row but the skewed-tempo pull-through meets both boundary
    /// targets (10 seeds: 23 of 24 rows, p95 32-122 ms; that row 160 ms).
    /// </summary>
    [Fact]
    public void AtFivePercentOfThePeakRateInAnalysisAndTruth_EveryRowButTheSkewedPullThroughMeetsTheBoundaryTargets()
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        string root = _fixture.Root + "-five-percent";
        var settings = new AnalysisSettings { Reps = new Host.Analysis.Motion.RepDetectorSettings { BoundaryPeakFraction = 0.05 } };
        var folders = Directory.GetFiles(_fixture.Root, "independent_truth.json", SearchOption.AllDirectories).Select(Path.GetDirectoryName).ToList();
        System.Threading.Tasks.Parallel.ForEach(folders, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 2 }, dir =>
        {
            string copy = Path.Combine(root, Path.GetRelativePath(_fixture.Root, dir!));
            Directory.CreateDirectory(copy);
            File.Copy(Path.Combine(dir!, "independent_truth.json"), Path.Combine(copy, "independent_truth.json"));
            File.WriteAllText(Path.Combine(copy, "analysis.json"), AnalysisJson.Serialize(FolderAnalysis.Analyze(dir!, settings: settings)));
        });

        int rows = 0;
        foreach (string line in IndependentRecordingFixture.Run("observable_boundaries.py", root, "--fractions", "0.05", "--json")
                     .Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _output.WriteLine(line);
            JsonElement row = JsonDocument.Parse(line).RootElement, atFive = row.GetProperty("fractions")[0];
            rows++;
            if (row.GetProperty("scenario").GetString() == "skewed-tempo" && row.GetProperty("exercise").GetString() == "pull-through") continue;
            Assert.InRange(atFive.GetProperty("median_ms").GetDouble(), 0, TargetBoundaryMedianMs);
            Assert.InRange(atFive.GetProperty("p95_ms").GetDouble(), 0, TargetBoundaryP95Ms);
        }

        Assert.Equal(Rows().Count(), rows);
    }

    /// <summary>
    /// Do people repeat the start of their movement closely enough for a template? tests/independent/profile_spread.py
    /// on real recordings (UCI knee goniometer, tests/data) and on the generator: the shape of the observable start
    /// (time from 2 % to 10 % of the excursion over the time from 10 % to 90 %) varies within a real trial about five
    /// times as much as within a generator recording (docs/analysis.md, "Independent generator"), so the generator's
    /// movements are, if anything, more regular than real ones where a sensor can see them.
    /// </summary>
    [Fact]
    public void RealMovementStartsVaryMoreWithinATrialThanTheGeneratorsDo()
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        JsonElement[] rows = IndependentRecordingFixture.Run("profile_spread.py", "--json")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        Assert.Equal(2, rows.Length);
        foreach (string direction in new[] { "outward", "return" })
        {
            JsonElement real = rows[0].GetProperty(direction), generator = rows[1].GetProperty(direction);
            _output.WriteLine($"{direction}: real {real}, generator {generator}");
            Assert.True(real.GetProperty("trials").GetInt32() >= 15, real.ToString());
            Assert.True(real.GetProperty("within_shape_sd_median").GetDouble() > 3 * generator.GetProperty("within_shape_sd_median").GetDouble());
        }
    }

    /// <summary>
    /// What hides the boundaries that miss: tests/independent/boundary_limit.py on a replica of the analysis's rate
    /// (docs/analysis.md, "Independent generator"). A fit told the exact movement profile places them within the
    /// target under the same sway; the bare threshold crossing does not. So the limit is not knowing the profile, not
    /// the sway's size, and the docs' table says so; the set's own template (its other repetitions' exact profiles)
    /// does not place them either. Two seeds of the two rows the docs discuss (10 there).
    /// </summary>
    [Fact]
    public void TheSwayAloneDoesNotHideTheBoundaries_AFitToldTheProfilePlacesThem()
    {
        if (_fixture.Root == null) return;   // no Debian python here (CI installs it)
        string json = IndependentRecordingFixture.Run("boundary_limit.py", "--seeds", "1-2", "--rows",
            "standard/pull-through,skewed-tempo/pull-through", "--json");
        foreach (string line in json.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _output.WriteLine(line);
            JsonElement row = JsonDocument.Parse(line).RootElement;
            Assert.True(row.GetProperty("boundaries").GetInt32() > 40, line);
            Assert.InRange(row.GetProperty("oracle_p95_ms").GetDouble(), 0, 30);
            Assert.InRange(row.GetProperty("crossing_p95_ms").GetDouble(), TargetBoundaryP95Ms, double.PositiveInfinity);
            // Nor does the set's own template (its other repetitions' exact profiles): this generator draws each anew.
            Assert.InRange(row.GetProperty("template_p95_ms").GetDouble(), TargetBoundaryP95Ms, double.PositiveInfinity);
        }
    }
}
