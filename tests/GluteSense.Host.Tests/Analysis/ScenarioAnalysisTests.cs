using System;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>What the analysis reports, rep by rep, on single recordings of the adversarial scenarios.</summary>
public class ScenarioAnalysisTests
{
    private static (AnalysisResult Result, SimulatedRecording Rec) Run(Scenario scenario, Exercise exercise, int seed = 2, int reps = 6)
    {
        SimulationSettings s = Scenarios.Apply(scenario, new SimulationSettings { Exercise = exercise, Reps = reps, Seed = seed }, seed);
        SimulatedRecording rec = Simulator.Run(s);
        return (RecordingAnalyzer.Analyze(SimulationExport.ToRecording(rec, RecordingMode.Raw), Normalisation.None), rec);
    }

    [Fact]
    public void SagittalSway_MovesTheStillRateButNotTheTruthOrTheOtherDraws()
    {
        // The same seed with and without sway: the schedule (the truth's phases) and every other draw are the same, the
        // sacrum's rate noise in its still windows rises to the sway's (0.15 deg RMS of 0.1-1.5 Hz sines: about 1 deg/s).
        SimulationSettings plain = new() { Exercise = Exercise.PullThrough, Reps = 4, Seed = 5 };
        SimulatedRecording still = Simulator.Run(plain), swaying = Simulator.Run(Scenarios.Apply(Scenario.SagittalSway, plain, 5));
        Assert.Equal(still.Truth.Reps.Select(r => (r.StartS, r.EndS)), swaying.Truth.Reps.Select(r => (r.StartS, r.EndS)));
        static double Noise(SimulatedRecording rec) => GluteSense.Host.Analysis.Motion.SegmentMotion
            .Tracks(SimulationExport.ToRecording(rec, RecordingMode.Raw))["sacrum"].RateNoiseDegPerS;
        Assert.InRange(Noise(swaying), 0.5, 2.0);
        Assert.InRange(Noise(still), 0, 0.5 * Noise(swaying));
    }

    [Fact]
    public void TouchAndGo_OnsetsWithoutAPauseAreNullWithTheReason()
    {
        var (r, rec) = Run(Scenario.TouchAndGo, Exercise.PullThrough);
        Assert.Equal(rec.Truth.Reps.Count, r.Reps.Count);
        Assert.All(r.Reps.Skip(1), x => Assert.All(x.OnsetsS.Values, Assert.Null));
        Assert.All(r.Reps.Skip(1), x => Assert.All(x.OnsetNotes!.Values, n => Assert.StartsWith(PhaseMetrics.NoBaseline + ":", n)));
        Assert.All(r.Reps, x => Assert.DoesNotContain(x.Flags, f => f is FormFlag.FastEccentric or FormFlag.FastConcentric));
    }

    [Fact]
    public void UnsettledStart_IsWarned_AndTheSettlingMovementIsNoRep()
    {
        var (r, rec) = Run(Scenario.UnsettledStart, Exercise.Bridge);
        Assert.Equal(rec.Truth.Reps.Count, r.Reps.Count);
        Assert.Contains(r.Warnings, w => w.StartsWith("unsettled-start: the sacrum IMU", StringComparison.Ordinal));
        Assert.True(r.Reps[0].StartS > 2.5, "the first rep starts after the settling movement");
    }

    [Fact]
    public void TonicBaseline_OnsetsSayTheyAreARiseAboveThePreRepLevel()
    {
        var (r, _) = Run(Scenario.TonicBaseline, Exercise.PullThrough);
        Assert.All(r.Reps, x => Assert.Contains(x.OnsetNotes!.Values, n => n.StartsWith(PhaseMetrics.TonicBaseline + ":", StringComparison.Ordinal)));
        var (quiet, _) = Run(Scenario.Standard, Exercise.PullThrough);
        Assert.All(quiet.Reps, x => Assert.Empty(x.OnsetNotes!));
    }

    [Fact]
    public void RangeLoss_IsReportedPerRep_AndLateRepsArePartial()
    {
        var (r, rec) = Run(Scenario.RangeLoss, Exercise.Bridge, reps: 8);
        Assert.Equal(rec.Truth.Reps.Count, r.Reps.Count);
        foreach (RepResult x in r.Reps)
        {
            RepTruth t = rec.Truth.Reps[x.Index - 1];
            Assert.Equal(100 * t.RangeFraction, x.RangePct, 2.0);
            Assert.Equal(t.Partial, x.Partial);
        }

        Assert.True(r.Reps[^1].Partial);
    }

    [Fact]
    public void TwoStageMove_StaysOneRep_AndTheStopBelongsToItsPhase()
    {
        var (r, rec) = Run(Scenario.TwoStage, Exercise.Bridge);
        Assert.Equal(rec.Truth.Reps.Count, r.Reps.Count);
        foreach (RepResult x in r.Reps)
        {
            RepTruth t = rec.Truth.Reps[x.Index - 1];
            for (int k = 0; k < 3; k++) Assert.Equal(t.Phases[k].EndS - t.Phases[k].StartS, x.Phases[k].DurationS, 0.15);
        }
    }

    [Fact]
    public void LumboPelvicMetrics_MatchTheSimulatedSpine()
    {
        // Good bridge: the lumbar spine extends 3 deg with the pelvis (truth), both segments move together.
        var (r, _) = Run(Scenario.Standard, Exercise.Bridge);
        Assert.All(r.Reps, x => Assert.Equal(3, x.LumboPelvic!.LumbarExtensionAtTopDeg, 1.5));
        Assert.All(r.Reps, x => Assert.Equal("together", x.LumboPelvic!.FirstMoving));
        Assert.All(r.Reps, x => Assert.Equal(0.1, x.Phases[0].LumbarPelvisRatio!.Value, 0.03));
        // Good pull-through: the hinge flexes the lumbar spine 5 deg at the turnaround (negative = flexion).
        var (p, _) = Run(Scenario.Standard, Exercise.PullThrough);
        Assert.All(p.Reps, x => Assert.Equal(-5, x.LumboPelvic!.LumbarExtensionAtTopDeg, 1.5));
    }

    [Fact]
    public void RealisticEcg_IsFoundAndSubtracted_OnTheErectorSpinaeOnly()
    {
        var (r, _) = Run(Scenario.RealisticEcg, Exercise.Bridge, reps: 8);
        Assert.Contains("es_l: template subtraction (", r.Envelope.Ecg);
        Assert.Contains("es_r: template subtraction (", r.Envelope.Ecg);
        Assert.DoesNotContain("gmax", r.Envelope.Ecg);
    }
}

/// <summary>R-peak detection and template subtraction on a synthetic ECG with known beat times.</summary>
public class EcgRemoverTests
{
    private const int RateHz = 1000;

    private static (double[] Signal, int[] Beats) Synthetic(double ecgUv, int seed)
    {
        var random = new Random(seed);
        int n = 20 * RateHz;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 10 * EmgSynthesisGaussian(random) + 3000;
        var beats = new System.Collections.Generic.List<int>();
        for (double t = 0.7; t < 19.5; t += 0.8 + 0.06 * (random.NextDouble() - 0.5)) beats.Add((int)(t * RateHz));
        foreach (int b in beats)
        {
            for (int i = -40; i <= 40; i++) x[b + i] += ecgUv * Math.Exp(-(i / 6.0) * (i / 6.0) / 2);
        }

        return (x, beats.ToArray());
    }

    private static double EmgSynthesisGaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void FindsEveryBeat_WithinTwoSamples()
    {
        (double[] x, int[] beats) = Synthetic(60, 1);
        int[] found = EcgRemover.RPeaks(x, RateHz, out string? reason);
        Assert.Null(reason);
        int[] inside = beats.Where(b => b > RateHz / 2 && b < x.Length - RateHz / 2).ToArray();
        Assert.Equal(inside.Length, found.Length);
        Assert.All(inside.Zip(found), p => Assert.InRange(p.Second - p.First, -2, 2));
    }

    [Fact]
    public void NoiseWithoutAHeartBeat_IsLeftAlone_WithTheReason()
    {
        (double[] x, _) = Synthetic(0, 2);
        (double[] cleaned, string description) = EcgRemover.Apply(x, RateHz, EcgRemoval.Template);
        Assert.StartsWith("template subtraction not applied: no regular heart beat", description);
        Assert.Same(x, cleaned);
    }

    [Fact]
    public void Subtraction_LeavesLessThanATenthOfTheBeat()
    {
        (double[] x, int[] beats) = Synthetic(60, 3);
        (double[] cleaned, _) = EcgRemover.Apply(x, RateHz, EcgRemoval.Template);
        double before = beats.Skip(1).SkipLast(1).Average(b => Math.Abs(x[b] - 3000));
        double after = beats.Skip(1).SkipLast(1).Average(b => Math.Abs(cleaned[b] - 3000));
        Assert.True(after < 0.1 * before + 10, $"R peak {before:0} uV before, {after:0} uV after");
    }

    /// <summary>
    /// Memory, not time: the folder analysis cleans a column it owns in place (an hour of 2 kHz EMG is 58 MB a copy;
    /// docs/performance.md, where copies per channel took `analyze` on an hour to 1123 MB). In place, with the
    /// workspace the channels share, a channel allocates no more than one full-length array, and a second channel none;
    /// the result equals the copying call's.
    /// </summary>
    [Fact]
    public void InPlaceRemoval_AllocatesOneFullLengthArrayForAllChannels_AndGivesTheSameSignal()
    {
        (double[] x, _) = Synthetic(60, 4);
        (double[] copied, _) = EcgRemover.Apply(x, RateHz, EcgRemoval.Template);
        double[] first = (double[])x.Clone(), second = (double[])x.Clone();
        var work = new EcgWorkspace();
        long before = GC.GetAllocatedBytesForCurrentThread();
        (double[] cleaned, _) = EcgRemover.Apply(first, RateHz, EcgRemoval.Template, inPlace: true, work);
        long afterFirst = GC.GetAllocatedBytesForCurrentThread();
        EcgRemover.Apply(second, RateHz, EcgRemoval.Template, inPlace: true, work);
        long afterSecond = GC.GetAllocatedBytesForCurrentThread();
        Assert.Same(first, cleaned);
        Assert.Equal(copied, cleaned);
        long arrayBytes = 8L * x.Length;
        Assert.InRange(afterFirst - before, arrayBytes, 1.25 * arrayBytes);
        Assert.InRange(afterSecond - afterFirst, 0, 0.25 * arrayBytes);
    }
}
