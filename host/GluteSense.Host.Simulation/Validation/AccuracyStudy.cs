using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Threading;
using System;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Analysis;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Validation;

/// <summary>Scores of one scenario x exercise x pattern over many seeded recordings (errors in ms, angles in deg).</summary>
/// <param name="OnsetsOver150Ms">Reported onsets more than 150 ms from the truth.</param>
/// <param name="FalseFastFlags">fast-* flags on a phase whose true duration is 0.8 s or more.</param>
/// <param name="RangePctMedianErrorPct">Median |reported range % - true range fraction x 100| (percentage points).</param>
public sealed record AccuracyRow(
    string Scenario,
    string Exercise,
    string Pattern,
    int Recordings,
    int RecordingsWithExactCount,
    int TruthReps,
    int DetectedReps,
    double BoundaryMedianMs,
    double BoundaryP95Ms,
    int Boundaries,
    double OnsetMedianMs,
    double OnsetP95Ms,
    int OnsetsFound,
    int OnsetsExpected,
    double LumbarRangeMedianErrorDeg,
    double CervicalMedianErrorDeg,
    int OnsetsOver150Ms = 0,
    int FalseFastFlags = 0,
    double RangePctMedianErrorPct = double.NaN)
{
    /// <summary>The issue-15 targets (docs/analysis.md): exact rep count in every recording; boundary error median
    /// &lt;= 40 ms and p95 &lt;= 150 ms; no fast-* flag on a phase of 0.8 s or more; reported onsets within 40 ms median
    /// with no more than 5 % off by over 150 ms. Null when met, else what is missed.</summary>
    public string? TargetMiss()
    {
        var misses = new List<string>();
        if (RecordingsWithExactCount != Recordings) misses.Add($"rep count exact in {RecordingsWithExactCount}/{Recordings}");
        if (!(BoundaryMedianMs <= 40)) misses.Add($"boundary median {BoundaryMedianMs:0.0} ms");
        if (!(BoundaryP95Ms <= 150)) misses.Add($"boundary p95 {BoundaryP95Ms:0.0} ms");
        if (FalseFastFlags > 0) misses.Add($"{FalseFastFlags} false fast flags");
        if (OnsetsFound > 0 && !(OnsetMedianMs <= 40)) misses.Add($"onset median {OnsetMedianMs:0.0} ms");
        if (OnsetsOver150Ms > 0.05 * OnsetsFound) misses.Add($"{OnsetsOver150Ms}/{OnsetsFound} onsets off by > 150 ms");
        return misses.Count == 0 ? null : string.Join("; ", misses);
    }
}

/// <summary>
/// Runs the analysis on simulated recordings with random tempo, pauses, partial repetitions, sensor mountings and
/// with or without a sacrum IMU, under each adversarial scenario, and scores it against the simulator's ground truth
/// (docs/analysis.md).
/// </summary>
public static class AccuracyStudy
{
    /// <summary>Every exercise and pattern the simulator makes (run in the standard scenario).</summary>
    public static readonly (Exercise Exercise, MovementPattern Pattern)[] Cases =
    {
        (Exercise.Bridge, MovementPattern.Good), (Exercise.Bridge, MovementPattern.LumbarDominant),
        (Exercise.PullThrough, MovementPattern.Good), (Exercise.PullThrough, MovementPattern.LumbarFlexion),
        (Exercise.PullThrough, MovementPattern.NeckHyperextension),
    };

    /// <summary>The rows of the accuracy table: every pattern in the standard scenario, then every other scenario
    /// with good form in both exercises.</summary>
    public static IEnumerable<(Scenario Scenario, Exercise Exercise, MovementPattern Pattern)> Rows() =>
        Cases.Select(c => (Scenario.Standard, c.Exercise, c.Pattern)).Concat(
            Scenarios.All.Where(s => s != Scenario.Standard)
                .SelectMany(s => new[] { Exercise.Bridge, Exercise.PullThrough }.Select(e => (s, e, MovementPattern.Good))));

    /// <summary>Settings of recording <paramref name="seed"/>: tempo, pauses, reps, a partial rep, sensors; all drawn from the seed.</summary>
    public static SimulationSettings RandomSettings(Exercise exercise, MovementPattern pattern, int seed)
    {
        var r = new Random(unchecked(seed * 7919 + (int)exercise * 31 + (int)pattern));
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();
        int reps = r.Next(5, 11);
        return new SimulationSettings
        {
            Exercise = exercise,
            Pattern = pattern,
            Seed = seed,
            Reps = reps,
            ConcentricS = U(1.0, 2.5),
            EccentricS = U(1.2, 3.0),
            HoldS = U(0.3, 2.0),
            PauseS = U(1.0, 3.0),
            TempoJitter = 0.15,
            PartialReps = r.NextDouble() < 0.5 ? new[] { r.Next(reps) } : Array.Empty<int>(),
            SacrumImu = r.NextDouble() < 0.7,
            RandomMounting = true,
        };
    }

    /// <summary>Scores one case over seeds 1..<paramref name="recordings"/>; <paramref name="progress"/> gets each finished count.</summary>
    public static AccuracyRow Run(Exercise exercise, MovementPattern pattern, int recordings, Action<int>? progress = null) =>
        Run(Scenario.Standard, exercise, pattern, recordings, progress);

    /// <summary>Scores one scenario and case over seeds 1..<paramref name="recordings"/>.</summary>
    public static AccuracyRow Run(Scenario scenario, Exercise exercise, MovementPattern pattern, int recordings, Action<int>? progress = null,
        RecordingMode mode = RecordingMode.Raw)
    {
        var results = new RecordingScore[recordings];
        int done = 0;
        Parallel.For(0, recordings, i =>
        {
            SimulationSettings settings = Scenarios.Apply(scenario, RandomSettings(exercise, pattern, i + 1), i + 1);
            SimulatedRecording rec = Simulator.Run(settings);
            RecordingData data = SimulationExport.ToRecording(rec, mode);
            results[i] = Score(RecordingAnalyzer.Analyze(data, Normalisation.None), rec.Truth);
            progress?.Invoke(Interlocked.Increment(ref done));
        });

        double[] boundaries = results.SelectMany(s => s.BoundaryErrorsMs).Select(Math.Abs).ToArray();
        double[] onsets = results.SelectMany(s => s.OnsetErrorsMs).Select(Math.Abs).ToArray();
        return new AccuracyRow(Scenarios.Name(scenario), exercise.Name(), Simulator.Name(pattern), recordings, results.Count(s => s.ExactCount),
            results.Sum(s => s.TruthReps), results.Sum(s => s.DetectedReps),
            Percentile(boundaries, 50), Percentile(boundaries, 95), boundaries.Length,
            Percentile(onsets, 50), Percentile(onsets, 95), onsets.Length, results.Sum(s => s.OnsetsExpected),
            Percentile(results.SelectMany(s => s.LumbarErrorsDeg).Select(Math.Abs).ToArray(), 50),
            Percentile(results.SelectMany(s => s.CervicalErrorsDeg).Select(Math.Abs).ToArray(), 50),
            onsets.Count(e => e > 150), results.Sum(s => s.FalseFastFlags),
            Percentile(results.SelectMany(s => s.RangePctErrors).Select(Math.Abs).ToArray(), 50));
    }

    private static double Percentile(double[] x, double p) => x.Length == 0 ? double.NaN : Descriptive.Percentile(x, p);

    /// <summary>A phase that lasts this long (s) or more must never be flagged fast (issue 15's target).</summary>
    public const double SlowPhaseS = 0.8;

    private sealed record RecordingScore(bool ExactCount, int TruthReps, int DetectedReps, List<double> BoundaryErrorsMs,
        List<double> OnsetErrorsMs,
        int OnsetsExpected, List<double> LumbarErrorsDeg, List<double> CervicalErrorsDeg, int FalseFastFlags, List<double> RangePctErrors);

    /// <summary>Matches detected repetitions to true ones (largest overlap) and collects the errors.</summary>
    private static RecordingScore Score(AnalysisResult result, SimulationTruth truth)
    {
        bool exact = result.Reps.Count(r => !r.Partial) == truth.Reps.Count(r => !r.Partial)
            && result.Reps.Count(r => r.Partial) == truth.Reps.Count(r => r.Partial);
        var boundaries = new List<double>();
        var onsets = new List<double>();
        var lumbar = new List<double>();
        var cervical = new List<double>();
        int expected = 0, falseFast = 0;
        var rangeErrors = new List<double>();
        foreach (RepTruth t in truth.Reps)
        {
            RepResult? d = result.Reps.Where(r => Overlap(r, t) > 0).OrderByDescending(r => Overlap(r, t)).FirstOrDefault();
            if (d == null || d.Partial != t.Partial) continue;
            double[] truthBoundaries = { t.Phases[0].StartS, t.Phases[0].EndS, t.Phases[1].EndS, t.Phases[2].EndS };
            double[] found = { d.Phases[0].StartS, d.Phases[0].EndS, d.Phases[1].EndS, d.Phases[2].EndS };
            foreach (FormFlag flag in d.Flags.Where(f => f is FormFlag.FastEccentric or FormFlag.FastConcentric))
            {
                PhaseKind kind = flag == FormFlag.FastEccentric ? PhaseKind.Eccentric : PhaseKind.Concentric;
                if (t.Phases.Any(p => p.Kind == kind && p.EndS - p.StartS >= SlowPhaseS)) falseFast++;
            }

            rangeErrors.Add(d.RangePct - 100 * t.RangeFraction);
            if (d.Phases.Select(p => p.Kind).SequenceEqual(t.Phases.Select(p => p.Kind)))
            {
                boundaries.AddRange(found.Zip(truthBoundaries, (f, s) => (f - s) * 1000));
            }
            else
            {
                boundaries.Add(double.PositiveInfinity);   // wrong phase order counts as a miss
            }

            if (t.Partial) continue;
            foreach ((string channel, double onset) in t.OnsetS)
            {
                expected++;
                if (d.OnsetsS.GetValueOrDefault(channel) is double o) onsets.Add((o - onset) * 1000);
            }

            if (d.LumbarRangeDeg is double l) lumbar.Add(l - t.LumbarRangeDeg);
            if (d.CervicalExtensionDeg is double c) cervical.Add(c - t.CervicalExtensionDeg);
        }

        return new RecordingScore(exact, truth.Reps.Count, result.Reps.Count, boundaries, onsets, expected, lumbar, cervical, falseFast,
            rangeErrors);
    }

    /// <summary>The truth of a recording written by the simulator (truth.json).</summary>
    public static SimulationTruth ReadTruth(string json) =>
        JsonSerializer.Deserialize<SimulationTruth>(json, RecordingFolder.Json) ?? throw new ArgumentException("truth.json is empty");

    private static double Overlap(RepResult r, RepTruth t) => Math.Min(r.EndS, t.EndS) - Math.Max(r.StartS, t.StartS);
}
