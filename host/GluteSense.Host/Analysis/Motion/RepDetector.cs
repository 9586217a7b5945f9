using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Analysis.Motion;

/// <summary>
/// Repetition and phase detection settings (docs/analysis.md, "Repetitions and phases"). Fractions are of quantities
/// measured in the recording itself, so nothing depends on a particular range, tempo or sensor.
/// </summary>
public sealed record RepDetectorSettings
{
    /// <summary>A repetition is an excursion above this fraction of the trial's largest excursion (hysteresis: it
    /// ends below half of it).</summary>
    public double DetectFraction { get; init; } = 0.25;

    /// <summary>A repetition whose peak excursion is below this fraction of the median repetition's is partial.</summary>
    public double PartialFraction { get; init; } = 0.7;

    /// <summary>A phase moves while the sagittal rate exceeds this fraction of that phase's peak rate (the common
    /// "5 % of peak velocity" movement onset/offset criterion).</summary>
    public double VelocityFraction { get; init; } = 0.05;

    /// <summary>...and exceeds this many robust SDs of the rate's noise when still (whichever is larger).</summary>
    public double NoiseK { get; init; } = 3;

    /// <summary>Excursions shorter than this (s) are fidgets, not repetitions.</summary>
    public double MinRepS { get; init; } = 0.5;
}

/// <summary>One repetition in samples of the movement track: outward phase [Start, OutEnd), hold [OutEnd, BackStart),
/// return phase [BackStart, End]. Outward = away from the start pose.</summary>
public sealed record DetectedRep(int Start, int OutEnd, int BackStart, int End, double PeakDeg, bool Partial);

/// <summary>
/// Finds repetitions in a segment's sagittal angle and splits each into outward movement, hold and return, from the
/// sagittal rate: a phase starts and ends where the rate crosses the larger of 5 % of its peak and the still-noise
/// level. The exercise model (<see cref="MovementModel"/>) names the phases.
/// </summary>
public static class RepDetector
{
    /// <summary>The repetitions and their phases in <paramref name="track"/> (the movement segment's sagittal angle and rate).</summary>
    public static IReadOnlyList<DetectedRep> Detect(SegmentTrack track, RepDetectorSettings settings)
    {
        double[] angle = track.AngleDeg, rate = track.RateDegPerS;
        int n = angle.Length;
        double maxDeg = angle.Max();
        if (!(maxDeg > 0)) return Array.Empty<DetectedRep>();
        double enter = settings.DetectFraction * maxDeg, leave = enter / 2;
        double noise = RobustNoise(angle, rate, leave);
        int minSamples = (int)(settings.MinRepS * track.SampleRateHz);

        var runs = new List<(int From, int To)>();
        for (int i = 0; i < n; i++)
        {
            if (angle[i] <= enter) continue;
            int from = i;
            while (from > 0 && angle[from - 1] > leave) from--;
            int to = i;
            while (to < n - 1 && angle[to + 1] > leave) to++;
            if (runs.Count > 0 && from <= runs[^1].To) runs[^1] = (runs[^1].From, to);
            else runs.Add((from, to));
            i = to;
        }

        var reps = new List<DetectedRep>();
        foreach ((int from, int to) in runs)
        {
            if (to - from < minSamples) continue;
            int peak = ArgMax(angle, from, to);
            int outPeak = ArgMax(rate, from, peak);
            int backPeak = ArgMin(rate, peak, to);
            double outThreshold = Math.Max(settings.VelocityFraction * rate[outPeak], settings.NoiseK * noise);
            double backThreshold = Math.Max(settings.VelocityFraction * -rate[backPeak], settings.NoiseK * noise);

            int start = outPeak;
            while (start > 0 && rate[start - 1] > outThreshold) start--;
            int outEnd = outPeak;
            while (outEnd < backPeak && rate[outEnd] > outThreshold) outEnd++;
            int backStart = backPeak;
            while (backStart > outEnd && rate[backStart - 1] < -backThreshold) backStart--;
            int end = backPeak;
            while (end < n - 1 && rate[end] < -backThreshold) end++;
            if (reps.Count > 0 && start < reps[^1].End) start = reps[^1].End;
            reps.Add(new DetectedRep(start, outEnd, backStart, end, angle[peak], false));
        }

        if (reps.Count == 0) return reps;
        double typical = Descriptive.Median(reps.Select(r => r.PeakDeg).ToArray());
        return reps.Select(r => r with { Partial = r.PeakDeg < settings.PartialFraction * typical }).ToList();
    }

    /// <summary>Robust SD (1.4826 x MAD) of the rate over samples near the start pose (below <paramref name="nearDeg"/>).</summary>
    private static double RobustNoise(double[] angle, double[] rate, double nearDeg)
    {
        double[] still = rate.Where((r, i) => angle[i] < nearDeg).ToArray();
        if (still.Length < 10) still = rate;
        double median = Descriptive.Median(still);
        return 1.4826 * Descriptive.Median(still.Select(r => Math.Abs(r - median)).ToArray());
    }

    private static int ArgMax(double[] x, int from, int to)
    {
        int best = from;
        for (int i = from; i <= to; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static int ArgMin(double[] x, int from, int to)
    {
        int best = from;
        for (int i = from; i <= to; i++) if (x[i] < x[best]) best = i;
        return best;
    }
}
