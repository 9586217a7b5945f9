using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Analysis.Onsets;

namespace GluteSense.Host.Analysis.Emg;

/// <summary>A repetition's onset of one channel (s) or null, and a note: why it is null, or how it is defined when the
/// baseline was tonic; null for an ordinary onset. <paramref name="BaselineUv"/>: the mean envelope (uV) of the
/// pre-repetition baseline the onset was sought above, null when there was none.</summary>
public sealed record OnsetFinding(double? OnsetS, string? Note, double? BaselineUv = null);

/// <summary>Per-phase amplitude metrics and per-repetition onsets of one channel (docs/analysis.md, "EMG metrics").</summary>
public static class PhaseMetrics
{
    /// <summary>Mean, peak, integrated value and time to peak of the envelope in [startS, endS), normalised; null
    /// when the phase holds no envelope sample.</summary>
    public static MuscleMetrics? Of(ChannelSignals c, Normalisation normalisation, double startS, double endS, double? onsetS, bool firstPhase)
    {
        int from = EmgSignals.IndexAtOrAfter(c.EnvelopeTimeS, startS);
        int to = EmgSignals.IndexAtOrAfter(c.EnvelopeTimeS, endS);
        if (to <= from) return null;
        double sum = 0, peak = double.NegativeInfinity, peakTime = startS;
        for (int i = from; i < to; i++)
        {
            double v = normalisation.Apply(c.Name, c.EnvelopeUv[i]);
            sum += v;
            if (v > peak)
            {
                peak = v;
                peakTime = c.EnvelopeTimeS[i];
            }
        }

        int n = to - from;
        double dtS = c.EnvelopeTimeS.Length > 1 ? (c.EnvelopeTimeS[^1] - c.EnvelopeTimeS[0]) / (c.EnvelopeTimeS.Length - 1) : 0;
        bool inPhase = onsetS is double o && o < endS && (o >= startS || firstPhase);
        return new MuscleMetrics(sum / n, peak, sum * dtS, peakTime - startS, inPhase ? onsetS : null, inPhase ? onsetS - startS : null);
    }

    /// <summary>Onset notes written into the output (docs/analysis.md, "Onsets").</summary>
    public const string NoBaseline = "no-baseline", NotFound = "not-found", TonicBaseline = "tonic-baseline";

    /// <summary>
    /// A pre-repetition level counts as tonic when its mean envelope exceeds the channel's quietest level in the
    /// recording by this factor: twice the resting level is beyond the spread of a quiet baseline (noise and ECG vary
    /// it by tens of percent), so the muscle is working before the repetition.
    /// </summary>
    public const double TonicFactor = 2;

    /// <summary>
    /// Onset of a channel for one repetition (s), or null with the reason: baseline = the still stretch between
    /// repetitions before the movement ([max(previous rep end + settle, start - baseline), start - pre-movement));
    /// a pause too short for it gives <see cref="NoBaseline"/>. Search from the baseline's end to the repetition's end;
    /// the first onset found. With a tonic pre-repetition level the onset is the rise above that level, and the note
    /// says so.
    /// </summary>
    public static OnsetFinding Onset(ChannelSignals c, OnsetSettings settings, double repStartS, double repEndS, double previousEndS,
        double baselineS, double preMovementS, double minBaselineS, double quietUv)
    {
        double baselineEndS = repStartS - preMovementS;
        double baselineStartS = Math.Max(previousEndS, baselineEndS - baselineS);
        string noBaseline = string.Create(CultureInfo.InvariantCulture,
            $"{NoBaseline}: {Math.Max(0, baselineEndS - baselineStartS):0.00} s of still pause before the movement (needs "
                + $"{minBaselineS:0.00} s)");
        if (baselineEndS - baselineStartS < minBaselineS) return new OnsetFinding(null, noBaseline);
        int b0 = EmgSignals.IndexAtOrAfter(c.OnsetTimeS, baselineStartS);
        int b1 = EmgSignals.IndexAtOrAfter(c.OnsetTimeS, baselineEndS);
        int end = EmgSignals.IndexAtOrAfter(c.OnsetTimeS, repEndS);
        if (b1 - b0 < 2 || end <= b1) return new OnsetFinding(null, noBaseline);
        ReadOnlySpan<double> window = c.OnsetFunction.AsSpan(0, Math.Min(c.OnsetFunction.Length, end));   // a view, not a copy per rep
        OnsetSettings effective = c.OnsetExtraMs > 0 ? settings with { MinAboveMs = settings.MinAboveMs + c.OnsetExtraMs } : settings;
        // The level tests below start from windows of the duration criterion.
        int shortest = (int)Math.Round(effective.MinAboveMs * c.OnsetRateHz / 1000);
        // A baseline must be still AND low. Where the movement's start was found late (a slow start inside the sway),
        // the pause's last part already holds the rise: its second half then sits above its first half at the
        // detector's own K, and only the first half is the baseline. A sign test: a heart beat in the second half
        // must not cut the baseline (a beat-free half gives a threshold the next beat clears: ES onsets 0.2-0.9 s
        // early with a mean test here, independent generator, realistic ECG).
        int mid = b0 + (b1 - b0) / 2;
        if (mid - b0 >= 2
            && OnsetDetector.LevelRose(window, b0, mid, mid, b1, shortest, settings.K, LevelTest.Sign, out _))
        {
            if (c.OnsetTimeS[mid] - c.OnsetTimeS[b0] < minBaselineS)
            {
                return new OnsetFinding(null, string.Create(CultureInfo.InvariantCulture,
                    $"{NoBaseline}: the level rose within the {baselineEndS - baselineStartS:0.00} s still pause before the movement"));
            }

            b1 = mid;
            baselineEndS = c.OnsetTimeS[mid];
        }

        // The level the onset is a rise above, reported with every finding from here on: a set-long tonic level has no
        // quieter stretch in the recording to be called tonic against, but its size is still shown (in %MVC with an MVC).
        double level = Mean(c.EnvelopeTimeS, c.EnvelopeUv, baselineStartS, baselineEndS);

        // An envelope is already a running mean over its RMS window: its samples are local levels (OnsetExtraMs).
        IReadOnlyList<int> onsets = OnsetDetector.Onsets(window, c.OnsetRateHz, effective, b0, b1, searchFrom: b1,
            localMeanMs: Math.Max(0, settings.MinAboveMs - c.OnsetExtraMs));
        if (onsets.Count == 0)
            return new OnsetFinding(null, NotFound + ": no rise above the baseline threshold before the repetition ended", level);
        // The first CONFIRMED rise is the onset only if the level before it was still the baseline's. A small rise
        // (a tonic pre-repetition level lifted by a third) may never clear mean + K SD for long, and the detector then
        // confirms a later, larger rise (the next phase) or a chance excursion seconds after the true onset. The mean
        // level before the confirmed rise gives that away, tested at the detector's own K over windows from the
        // detector's duration criterion up.
        if (OnsetDetector.LevelRose(window, b0, b1, b1, onsets[0], shortest, settings.K, LevelTest.Mean, out double riseZ))
        {
            double riseS = c.OnsetTimeS[onsets[0]] - c.OnsetTimeS[b1];
            return new OnsetFinding(null, string.Create(CultureInfo.InvariantCulture,
                $"{NotFound}: the level had already risen over the {riseS:0.00} s before the first confirmed rise "
                + $"({riseZ:0.0} standard errors above the baseline), so the onset cannot be placed"), level);
        }

        string? note = quietUv > 0 && level > TonicFactor * quietUv
            ? string.Create(CultureInfo.InvariantCulture,
                $"{TonicBaseline}: rise above the pre-repetition level of {level:0.#} uV ({level / quietUv:0.0} x the quietest level)")
            : null;
        return new OnsetFinding(c.OnsetTimeS[onsets[0]], note, level);
    }

    /// <summary>The channel's quietest level (uV): the lowest mean envelope over any <paramref name="windowS"/> window
    /// (windows half a window apart; a window inside a data gap holds no sample and has no level), the reference a
    /// tonic baseline is judged against; 0 when no window holds a sample.</summary>
    public static double QuietestUv(ChannelSignals c, double windowS)
    {
        double best = double.PositiveInfinity;
        double[] t = c.EnvelopeTimeS;
        if (t.Length == 0) return 0;
        for (double from = t[0]; from + windowS <= t[^1]; from += windowS / 2)
        {
            double m = Mean(t, c.EnvelopeUv, from, from + windowS);
            if (m < best) best = m;
        }

        return double.IsPositiveInfinity(best) ? 0 : best;
    }

    // NaN for a window without samples: it has no level, and every comparison with NaN is false, so such a window is
    // never the quietest and never a tonic baseline (a 0 here made a data gap the quietest level and hid every note).
    private static double Mean(double[] t, double[] v, double fromS, double toS)
    {
        int from = EmgSignals.IndexAtOrAfter(t, fromS), to = EmgSignals.IndexAtOrAfter(t, toS);
        if (to <= from) return double.NaN;
        double sum = 0;
        for (int i = from; i < to; i++) sum += v[i];
        return sum / (to - from);
    }

    /// <summary>Symmetry index 100 (L - R) / ((L + R) / 2) (%), or null when either side is missing or both are 0.</summary>
    public static double? SymmetryPct(double? left, double? right) =>
        left is double l && right is double r && l + r > 0 ? 100 * (l - r) / ((l + r) / 2) : null;

    /// <summary>
    /// GMax-ES overlap index: Falconer and Winter's (1985) common-area formula applied to two envelopes sampled
    /// together, 200 x sum(min(a, b)) / sum(a + b) (%); 100 = identical activity, 0 = no overlap. Not called
    /// "co-activation": that term is for an agonist and its antagonist, and gluteus maximus and erector spinae are
    /// synergists. It compares two muscles' amplitudes, so it means something only when both are normalised.
    /// </summary>
    public static double? GmaxEsOverlapPct(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double common = 0, total = 0;
        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            common += Math.Min(a[i], b[i]);
            total += a[i] + b[i];
        }

        return total > 0 ? 200 * common / total : null;
    }

    /// <summary>Normalised envelope samples of a channel in [startS, endS).</summary>
    public static double[] Samples(ChannelSignals c, Normalisation normalisation, double startS, double endS)
    {
        int from = EmgSignals.IndexAtOrAfter(c.EnvelopeTimeS, startS);
        int to = EmgSignals.IndexAtOrAfter(c.EnvelopeTimeS, endS);
        return Enumerable.Range(from, Math.Max(0, to - from)).Select(i => normalisation.Apply(c.Name, c.EnvelopeUv[i])).ToArray();
    }
}
