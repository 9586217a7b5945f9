using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis.Onsets;

namespace GluteSense.Host.Analysis.Emg;

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

    /// <summary>
    /// Onset of a channel for one repetition (s), or null: baseline = the quiet stretch before the movement
    /// ([max(previous rep end, start - baseline), start - pre-movement)), search from the baseline's end to the
    /// repetition's end; the first onset found.
    /// </summary>
    public static double? Onset(ChannelSignals c, OnsetSettings settings, double repStartS, double repEndS, double previousEndS,
        double baselineS, double preMovementS, double minBaselineS)
    {
        double baselineEndS = repStartS - preMovementS;
        double baselineStartS = Math.Max(previousEndS, baselineEndS - baselineS);
        if (baselineEndS - baselineStartS < minBaselineS) return null;
        int b0 = EmgSignals.IndexAtOrAfter(c.OnsetTimeS, baselineStartS);
        int b1 = EmgSignals.IndexAtOrAfter(c.OnsetTimeS, baselineEndS);
        int end = EmgSignals.IndexAtOrAfter(c.OnsetTimeS, repEndS);
        if (b1 - b0 < 2 || end <= b1) return null;
        ReadOnlySpan<double> window = c.OnsetFunction.AsSpan(0, Math.Min(c.OnsetFunction.Length, end));   // a view, not a copy per rep
        OnsetSettings effective = c.OnsetExtraMs > 0 ? settings with { MinAboveMs = settings.MinAboveMs + c.OnsetExtraMs } : settings;
        IReadOnlyList<int> onsets = OnsetDetector.Onsets(window, c.OnsetRateHz, effective, b0, b1, searchFrom: b1);
        return onsets.Count == 0 ? null : c.OnsetTimeS[onsets[0]];
    }

    /// <summary>Symmetry index 100 (L - R) / ((L + R) / 2) (%), or null when either side is missing or both are 0.</summary>
    public static double? SymmetryPct(double? left, double? right) =>
        left is double l && right is double r && l + r > 0 ? 100 * (l - r) / ((l + r) / 2) : null;

    /// <summary>
    /// Co-activation index (Falconer and Winter 1985) of two envelopes sampled together: 200 x sum(min(a, b)) /
    /// sum(a + b) (%); 100 = identical activity, 0 = no overlap.
    /// </summary>
    public static double? CoactivationPct(IReadOnlyList<double> a, IReadOnlyList<double> b)
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
