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

    /// <summary>A repetition whose range is below this fraction of the reference range is partial.</summary>
    public double PartialFraction { get; init; } = 0.7;

    /// <summary>Reference range (deg) that partial repetitions and range loss are judged against (a therapist's
    /// target); null = the largest of the first <see cref="ReferenceReps"/> repetitions.</summary>
    public double? ReferenceRangeDeg { get; init; }

    /// <summary>How many opening repetitions define the reference range when no target is given.</summary>
    public int ReferenceReps { get; init; } = 3;

    /// <summary>A phase moves while the sagittal rate exceeds this many robust SDs of the rate in the still window
    /// (the segment's own noise at rest, sensor and sway together)...</summary>
    public double NoiseK { get; init; } = 3;

    /// <summary>...and this fraction of the phase's peak rate, if set (0 = off; 0.05 = the common "5 % of peak
    /// velocity" criterion, which ends a slow lock-out early)...</summary>
    public double VelocityFraction { get; init; }

    /// <summary>...but the threshold never exceeds this fraction of the phase's peak rate: a noisy still window (or
    /// none) must not lift it above the movement itself.</summary>
    public double ThresholdCapFraction { get; init; } = 0.1;

    /// <summary>Turning-point zone: a hold is only where the angle is within this fraction of the repetition's
    /// excursion from its extremum, and a repetition starts and ends only within it of the start pose. A stop further
    /// away is a stop part-way and belongs to the movement's phase.</summary>
    public double NearFraction { get; init; } = 0.1;

    /// <summary>Excursions shorter than this (s) are fidgets, not repetitions.</summary>
    public double MinRepS { get; init; } = 0.5;

    /// <summary>Where a phase boundary is placed. 0 (default): where the segment's rate leaves rest, localised below
    /// the detection threshold ("detect high, localise low"). A fraction f in (0, <see cref="MaxBoundaryPeakFraction"/>):
    /// where the phase's rate first reaches (start) or last holds (end) f times the phase's peak rate, the
    /// motor-control convention (0.05: "movement onset when velocity first exceeded 5 % of its peak"); a phase then
    /// leaves out the slowest part of its first and last moments, and the output's <c>phase_boundaries</c> says so.</summary>
    public double BoundaryPeakFraction { get; init; }

    /// <summary>The largest <see cref="BoundaryPeakFraction"/>: at half the peak rate a boundary would cut the movement
    /// itself.</summary>
    public const double MaxBoundaryPeakFraction = 0.5;

    /// <summary>True for a <see cref="BoundaryPeakFraction"/> the detector can use: at least 0, below
    /// <see cref="MaxBoundaryPeakFraction"/> (NaN is not).</summary>
    public static bool IsUsableBoundaryPeakFraction(double fraction) => fraction >= 0 && fraction < MaxBoundaryPeakFraction;

    /// <summary>The boundary definition in words, as the analysis output states it.</summary>
    public string BoundaryDefinition => BoundaryPeakFraction > 0
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"where the phase's rate reaches {100 * BoundaryPeakFraction:0.##} % of its peak (start) and last holds it (end)")
        : "where the segment's rate leaves rest (start) and returns to it (end), localised below the detection threshold";

    /// <summary>Refuses settings the detector cannot use, saying why.</summary>
    public void Validate()
    {
        if (!IsUsableBoundaryPeakFraction(BoundaryPeakFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(BoundaryPeakFraction), BoundaryPeakFraction,
                $"the boundary's fraction of the peak rate must be at least 0 and below {MaxBoundaryPeakFraction}");
        }
    }
}

/// <summary>One repetition in samples of the movement track: outward phase [Start, OutEnd), hold [OutEnd, BackStart),
/// return phase [BackStart, End]. Outward = away from the start pose. <paramref name="RangePct"/> = the excursion
/// as % of the reference range. <paramref name="RestStart"/> and <paramref name="RestEnd"/>: where the segment left
/// rest and came back to it (localised low), when the phase boundaries are placed elsewhere
/// (<see cref="RepDetectorSettings.BoundaryPeakFraction"/>); the onset baseline is the stillness before RestStart.</summary>
public sealed record DetectedRep(int Start, int OutEnd, int BackStart, int End, double PeakDeg, bool Partial, double RangePct = 100,
    int? RestStart = null, int? RestEnd = null)
{
    /// <summary>Where the segment left rest: <see cref="RestStart"/>, else the start.</summary>
    public int LeftRest => RestStart ?? Start;

    /// <summary>Where the segment was back at rest: <see cref="RestEnd"/>, else the end.</summary>
    public int BackAtRest => RestEnd ?? End;
}

/// <summary>
/// Finds repetitions in a segment's sagittal angle and splits each at its turning points (docs/analysis.md): the
/// outward phase runs from leaving the start pose to arriving at the extremum, the hold while the segment stays there,
/// the return from leaving the extremum back to the start pose. "Leaving" and "arriving" use the sagittal rate against
/// a threshold (3 SDs of the still window's rate noise, capped at 10 % of the phase's peak rate);
/// a stop anywhere but at the extremum or the start pose belongs to the phase it interrupts.
/// </summary>
public static class RepDetector
{
    /// <summary>The repetitions and their phases in <paramref name="track"/> (the movement segment's sagittal angle and rate).</summary>
    public static IReadOnlyList<DetectedRep> Detect(SegmentTrack track, RepDetectorSettings settings)
    {
        settings.Validate();
        double[] angle = track.AngleDeg, rate = track.RateDegPerS;
        int n = angle.Length;
        int first = Math.Min(n, track.StillTo);
        if (first >= n) return Array.Empty<DetectedRep>();
        double maxDeg = angle[first..].Max();
        if (!(maxDeg > 0)) return Array.Empty<DetectedRep>();
        double enter = settings.DetectFraction * maxDeg, leave = enter / 2;
        double noise = StillNoise(track);
        int minSamples = (int)(settings.MinRepS * track.SampleRateHz);

        var runs = new List<(int From, int To)>();
        for (int i = first; i < n; i++)
        {
            if (angle[i] <= enter) continue;
            int from = i;
            while (from > first && angle[from - 1] > leave) from--;
            int to = i;
            while (to < n - 1 && angle[to + 1] > leave) to++;
            if (runs.Count > 0 && from <= runs[^1].To) runs[^1] = (runs[^1].From, to);
            else if (to - from >= minSamples) runs.Add((from, to));
            i = to;
        }

        runs = runs.SelectMany(r => SplitAtValleys(angle, r.From, r.To, enter, minSamples)).ToList();

        var reps = new List<DetectedRep>();
        for (int k = 0; k < runs.Count; k++)
        {
            (int from, int to) = runs[k];
            int floor = reps.Count > 0 ? reps[^1].End : first;
            int ceiling = k + 1 < runs.Count ? runs[k + 1].From : n - 1;
            int peak = ArgMax(angle, from, to);
            double peakDeg = angle[peak];
            double baseBefore = angle[ArgMin(angle, floor, from)], baseAfter = angle[ArgMin(angle, to, ceiling)];
            double nearTop = settings.NearFraction * (peakDeg - Math.Min(baseBefore, baseAfter));
            int outPeakAt = ArgMax(rate, floor, peak), backPeakAt = ArgMin(rate, peak, ceiling);
            double outThreshold = Threshold(rate[outPeakAt], noise, settings);
            double backThreshold = Threshold(-rate[backPeakAt], noise, settings);
            double fraction = settings.BoundaryPeakFraction;

            // Start: back from where the angle entered the excursion, through any stop part-way, to the last sample
            // at the start pose where the segment was not moving outward.
            int start = from;
            while (start > floor
                && (rate[start - 1] > outThreshold || angle[start - 1] - baseBefore > settings.NearFraction * (peakDeg - baseBefore)))
                start--;
            int leftRest = LocaliseBack(rate, start, floor, +1, Math.Min(noise, outThreshold), outThreshold);
            start = fraction > 0 ? AtLevel(rate, start, +1, fraction * rate[outPeakAt], restAfter: false, floor, outPeakAt) : leftRest;

            // Outward end: the first sample near the extremum where the segment no longer moves outward.
            int outEnd = from;
            while (outEnd < peak && !(rate[outEnd] <= outThreshold && peakDeg - angle[outEnd] <= nearTop)) outEnd++;
            outEnd = fraction > 0 ? AtLevel(rate, outEnd, +1, fraction * rate[outPeakAt], restAfter: true, outPeakAt, to)
                : LocaliseForward(rate, outEnd, to, +1, Math.Min(noise, outThreshold), outThreshold);

            // Return start: back from where the angle left the excursion to the last still sample near the extremum.
            int backStart = to;
            while (backStart > outEnd && !(rate[backStart - 1] >= -backThreshold && peakDeg - angle[backStart - 1] <= nearTop)) backStart--;
            backStart = fraction > 0 ? AtLevel(rate, backStart, -1, -fraction * rate[backPeakAt], restAfter: false, outEnd, backPeakAt)
                : LocaliseBack(rate, backStart, outEnd, -1, Math.Min(noise, backThreshold), backThreshold);

            // End: forward to the first sample at the start pose where the segment no longer moves back.
            int end = to;
            while (end < ceiling && (rate[end] < -backThreshold || angle[end] - baseAfter > settings.NearFraction * (peakDeg - baseAfter)))
                end++;
            int backAtRest = LocaliseForward(rate, end, ceiling, -1, Math.Min(noise, backThreshold), backThreshold);
            end = fraction > 0 ? AtLevel(rate, end, -1, -fraction * rate[backPeakAt], restAfter: true, backPeakAt, ceiling) : backAtRest;
            reps.Add(new DetectedRep(start, outEnd, backStart, end, peakDeg - Math.Min(baseBefore, baseAfter), false,
                RestStart: fraction > 0 ? leftRest : null, RestEnd: fraction > 0 ? backAtRest : null));
        }

        if (reps.Count == 0) return reps;
        double reference = settings.ReferenceRangeDeg
            ?? reps.Take(Math.Max(1, settings.ReferenceReps)).Max(r => r.PeakDeg);
        return reps.Select(r => r with
        {
            Partial = r.PeakDeg < settings.PartialFraction * reference,
            RangePct = 100 * r.PeakDeg / reference,
        }).ToList();
    }

    /// <summary>
    /// A run above the hysteresis band that holds two repetitions: split at its deepest valley when the angle rises by at
    /// least the detection level (<paramref name="enter"/>, 25 % of the largest excursion) from that valley on both
    /// sides, as it must from a start pose, recursively; each part at least <paramref name="minSamples"/> long. The
    /// band is measured from the opening rest's 0 deg, so a drifting angle (an uncalibrated gyro offset tilts the AHRS
    /// by about 3 deg over a repetition: independent generator) or a rest pose that wanders (UCI knee goniometer: 2 of
    /// 20 real trials) can keep the pause between two repetitions above it; the valley's depth does not drift. A stop
    /// part-way, a hold's tremor or a slight reversal is far shallower than a quarter of the largest excursion.
    /// </summary>
    private static IEnumerable<(int From, int To)> SplitAtValleys(double[] angle, int from, int to, double enter, int minSamples)
    {
        int count = to - from + 1;
        var leftMax = new double[count];
        double peak = double.NegativeInfinity;
        for (int i = from; i <= to; i++) leftMax[i - from] = peak = Math.Max(peak, angle[i]);
        int valley = -1;
        double deepest = enter, rightMax = double.NegativeInfinity;
        for (int i = to; i >= from; i--)
        {
            rightMax = Math.Max(rightMax, angle[i]);
            double depth = Math.Min(leftMax[i - from], rightMax) - angle[i];
            if (depth >= deepest && i - from >= minSamples && to - i >= minSamples)
            {
                deepest = depth;
                valley = i;
            }
        }

        if (valley < 0) return new[] { (from, to) };
        return SplitAtValleys(angle, from, valley, enter, minSamples).Concat(SplitAtValleys(angle, valley, to, enter, minSamples));
    }

    /// <summary>Robust SD (deg/s) of the rate in the track's still windows; 0 when there is none.</summary>
    public static double StillNoise(SegmentTrack track) => track.RateNoiseDegPerS;

    /// <summary>Where the track starts moving outward before sample <paramref name="to"/>: back from its peak outward
    /// rate in [<paramref name="floor"/>, <paramref name="to"/>] to the first sample whose rate is at or below the
    /// phase's threshold (the same rule as a repetition's start).</summary>
    public static int MovementStart(SegmentTrack track, int floor, int to, RepDetectorSettings settings)
    {
        double[] rate = track.RateDegPerS;
        to = Math.Min(to, rate.Length - 1);
        floor = Math.Clamp(floor, 0, to);
        int peak = ArgMax(rate, floor, to);
        double threshold = Threshold(rate[peak], StillNoise(track), settings);
        int start = peak;
        while (start > floor && rate[start - 1] > threshold) start--;
        return start;
    }

    /// <summary>"Detect high, localise low" for movement boundaries (as the EMG onsets do): the threshold (3 SDs of
    /// the still rate) only decides that the segment moves; the movement began where its own rate left zero. Back in
    /// time from the threshold crossing (rate of sign <paramref name="sign"/>: +1 outward, -1 return) to the last
    /// sample within one SD of rest (<paramref name="low"/>), then on while the rate keeps falling towards zero (to its
    /// local minimum or zero crossing), but no further than the rise from one SD to the threshold took (inside the
    /// noise band a longer walk follows sway, not the movement), and never further than a minimum-jerk movement
    /// (rate ~ t^2 near rest) rising through the same threshold and twice it would have begun: 1 / (sqrt 2 - 1) times
    /// the time from the threshold to twice it (a rest whose rate sits above one SD, from sway or a drifting gyro
    /// offset, would otherwise be walked through to the previous repetition). A smooth, minimum-jerk-like start spends
    /// 100-300 ms between rest and 3 SDs (independent generator, tests/independent: boundaries 70-120 ms late, median,
    /// with the threshold crossing alone).</summary>
    private static int LocaliseBack(double[] rate, int i, int floor, int sign, double low, double threshold) =>
        Localise(rate, i, floor, -1, sign, low, threshold);

    /// <summary>The same forward in time: from where the rate fell below the threshold to where the movement stops
    /// (or turns).</summary>
    private static int LocaliseForward(double[] rate, int i, int ceiling, int sign, double low, double threshold) =>
        Localise(rate, i, ceiling, +1, sign, low, threshold);

    /// <summary>The walk of <see cref="LocaliseBack"/> (<paramref name="step"/> -1, never before <paramref name="stop"/>)
    /// and <see cref="LocaliseForward"/> (+1, never after it); twice the threshold is looked for the other way.</summary>
    private static int Localise(double[] rate, int i, int stop, int step, int sign, double low, double threshold)
    {
        int crossing = i, twice = i;
        while (twice - step >= 0 && twice - step < rate.Length && sign * rate[twice] < 2 * threshold) twice -= step;
        if (sign * rate[twice] < 2 * threshold) return i;
        int bound = Toward(stop, crossing + step * (int)Math.Ceiling(Math.Abs(twice - crossing) / MinimumJerkRiseRatio), step);
        while (step * (bound - i) > 0 && sign * rate[i + step] > low) i += step;
        int limit = Toward(bound, i + (i - crossing), step);
        while (step * (limit - i) > 0 && sign * rate[i + step] < sign * rate[i] && sign * rate[i + step] > 0) i += step;
        return i;
    }

    /// <summary>A boundary at a fraction of the phase's peak rate (<see cref="RepDetectorSettings.BoundaryPeakFraction"/>):
    /// from the detected boundary <paramref name="i"/>, the first sample of the movement whose rate (sign
    /// <paramref name="sign"/>) is at <paramref name="level"/> or above, counted from the rest side: before the movement
    /// for a start, after it for an end (<paramref name="restAfter"/>). The detection threshold may lie above or below
    /// the level, so the walk goes either way, within [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    private static int AtLevel(double[] rate, int i, int sign, double level, bool restAfter, int lo, int hi)
    {
        i = Math.Clamp(i, lo, hi);
        int towardRest = restAfter ? +1 : -1;
        bool Moving(int k) => sign * rate[k] >= level;
        if (Moving(i))
        {
            while (i + towardRest >= lo && i + towardRest <= hi && Moving(i + towardRest)) i += towardRest;
        }
        else
        {
            while (i - towardRest >= lo && i - towardRest <= hi && !Moving(i)) i -= towardRest;
        }

        return i;
    }

    // The nearer of index and stop, seen from the walk's direction (stop is the walk's last allowed index).
    private static int Toward(int stop, int index, int step) => step < 0 ? Math.Max(stop, index) : Math.Min(stop, index);

    /// <summary>Near rest a minimum-jerk rate grows as t^2, so it reaches twice a level sqrt 2 times as late as the
    /// level: the time from the level to twice it is (sqrt 2 - 1) of the time since the movement began.</summary>
    private static readonly double MinimumJerkRiseRatio = Math.Sqrt(2) - 1;

    /// <summary>The moving threshold of a phase whose peak rate is <paramref name="peakRate"/> (deg/s).</summary>
    private static double Threshold(double peakRate, double noise, RepDetectorSettings s) =>
        Math.Min(noise > 0 ? Math.Max(s.VelocityFraction * peakRate, s.NoiseK * noise) : double.PositiveInfinity,
            s.ThresholdCapFraction * peakRate);

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
