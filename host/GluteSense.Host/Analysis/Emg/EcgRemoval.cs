using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Dsp;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Analysis.Emg;

/// <summary>How ECG is taken out of the erector spinae channels before envelopes and onsets (docs/analysis.md, "ECG").</summary>
public enum EcgRemoval
{
    /// <summary>Nothing beyond the chain's 20 Hz high-pass (which leaves the QRS complex's 20-40 Hz energy).</summary>
    None,

    /// <summary>R peaks found on the channel itself, the averaged beat subtracted at every R peak.</summary>
    Template,

    /// <summary>A 30 Hz high-pass (Drake and Callaghan 2006's simplest adequate method); also removes some EMG.</summary>
    HighPass30,
}

/// <summary>
/// ECG removal for one raw channel. R peaks: band-pass 8-20 Hz (where the QRS complex has most of its energy and the
/// sEMG little), squared; local maxima above 30 % of the 99.5th percentile at least 300 ms apart (no heart beats faster
/// than 200 /min). The channel is taken to carry ECG only when the beats are as regular as a heart's: at least
/// <see cref="MinBeats"/> with a median RR of 0.3-1.5 s and an RR coefficient of variation below 0.25. The template
/// is the mean of the 1 Hz high-passed signal from 200 ms before to 400 ms after each R peak (QRS and T wave), tapered
/// at its ends; EMG uncorrelated with the beats averages out of it.
/// </summary>
public static class EcgRemover
{
    /// <summary>Fewest regular beats that count as an ECG.</summary>
    public const int MinBeats = 8;

    private const double DetectLowHz = 8, DetectHighHz = 20, RefractoryS = 0.3, BeforeS = 0.2, AfterS = 0.4;

    /// <summary>The channel with ECG removed, and one line saying what was done. With <paramref name="inPlace"/> the
    /// result is <paramref name="raw"/> itself, changed (an hour of 2 kHz EMG is 58 MB a copy; the folder analysis owns
    /// its columns); otherwise <paramref name="raw"/> is left as it was.</summary>
    public static (double[] Signal, string Description) Apply(double[] raw, double sampleRateHz, EcgRemoval method, bool inPlace = false) =>
        Apply(raw, sampleRateHz, method, inPlace, new EcgWorkspace());

    /// <summary><see cref="Apply(double[], double, EcgRemoval, bool)"/> with full-length scratch arrays that the channels
    /// of one recording share (<paramref name="work"/>): one array for all channels (two with the 30 Hz high-pass, whose
    /// median sorts a copy) instead of several per channel.</summary>
    internal static (double[] Signal, string Description) Apply(double[] raw, double sampleRateHz, EcgRemoval method, bool inPlace,
        EcgWorkspace work)
    {
        switch (method)
        {
            case EcgRemoval.None:
                return (raw, "none");
            case EcgRemoval.HighPass30:
                double[] sorted = work.Sorted(raw.Length);
                Array.Copy(raw, sorted, raw.Length);
                double median = Descriptive.MedianOfFirst(sorted, raw.Length);
                double[] centred = inPlace ? raw : new double[raw.Length];
                for (int i = 0; i < raw.Length; i++) centred[i] = raw[i] - median;
                SosFilter.ZeroPhaseInPlace(centred, FilterDesigner.ButterworthBandPass(2, 30, 0.45 * sampleRateHz, sampleRateHz));
                return (centred, "30 Hz high-pass (2nd-order Butterworth, zero phase)");
        }

        int[] beats = RPeaks(raw, sampleRateHz, work, out string? reason);
        if (reason != null) return (raw, "template subtraction not applied: " + reason);
        double[] hp = OffsetRemoved(raw, work);
        SosFilter.ZeroPhaseInPlace(hp, FilterDesigner.ButterworthBandPass(2, 1, 0.45 * sampleRateHz, sampleRateHz));
        int before = (int)Math.Round(BeforeS * sampleRateHz), after = (int)Math.Round(AfterS * sampleRateHz);
        var template = new double[before + after];
        int used = 0;
        foreach (int b in beats.Where(b => b - before >= 0 && b + after <= raw.Length))
        {
            for (int i = 0; i < template.Length; i++) template[i] += hp[b - before + i];
            used++;
        }

        for (int i = 0; i < template.Length; i++)
        {
            // Tukey taper over the outer 10 % so the subtraction adds no step at the window's edges.
            double edge = Math.Min(i, template.Length - 1 - i) / (0.1 * template.Length);
            template[i] *= (edge >= 1 ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * edge)) / used;
        }

        double[] cleaned = inPlace ? raw : (double[])raw.Clone();
        foreach (int b in beats)
        {
            for (int i = 0; i < template.Length; i++)
            {
                int k = b - before + i;
                if (k >= 0 && k < cleaned.Length) cleaned[k] -= template[i];
            }
        }

        double rrS = Descriptive.Median(beats.Zip(beats.Skip(1), (a, c) => (c - a) / sampleRateHz).ToArray());
        return (cleaned, string.Create(CultureInfo.InvariantCulture,
            $"template subtraction ({beats.Length} R peaks, {60 / rrS:0} /min, template {BeforeS * 1000:0} ms before to {AfterS * 1000:0} "
                + $"ms after)"));
    }

    // The signal less its first sample (the band-passes start from rest), in the workspace's array to filter in place.
    private static double[] OffsetRemoved(double[] raw, EcgWorkspace work)
    {
        double[] d = work.Filtered(raw.Length);
        for (int i = 0; i < raw.Length; i++) d[i] = raw[i] - raw[0];
        return d;
    }

    /// <summary>R-peak sample indices, or an empty array with <paramref name="reason"/> when the beats found are too few
    /// or too irregular to be a heart.</summary>
    public static int[] RPeaks(double[] raw, double sampleRateHz, out string? reason) =>
        RPeaks(raw, sampleRateHz, new EcgWorkspace(), out reason);

    private static int[] RPeaks(double[] raw, double sampleRateHz, EcgWorkspace work, out string? reason)
    {
        double[] d = OffsetRemoved(raw, work);
        SosFilter.ZeroPhaseInPlace(d, FilterDesigner.ButterworthBandPass(2, DetectLowHz, DetectHighHz, sampleRateHz));
        // The filters' start and end transients (a DC offset meeting the band-pass) are not searched. The band-passed
        // signal becomes its energy in place: one full-length array, not three.
        int skip = (int)Math.Min(d.Length / 4, sampleRateHz / 2);
        double[] energy = d;
        for (int i = 0; i < d.Length; i++) energy[i] = i >= skip && i < d.Length - skip ? d[i] * d[i] : 0;
        double threshold = 0.3 * Descriptive.PercentileOfRange(energy, skip, d.Length - 2 * skip, 99.5);
        int refractory = (int)(RefractoryS * sampleRateHz);
        var beats = new List<int>();
        for (int i = skip; i < d.Length - skip; i++)
        {
            if (energy[i] <= threshold) continue;
            int best = i;
            for (int j = i; j < Math.Min(d.Length - skip, i + refractory); j++) if (energy[j] > energy[best]) best = j;
            if (beats.Count > 0 && best - beats[^1] < refractory)
            {
                if (energy[best] > energy[beats[^1]]) beats[^1] = best;
            }
            else
            {
                beats.Add(best);
            }

            i = best + refractory / 2;
        }

        double[] rr = beats.Zip(beats.Skip(1), (a, b) => (b - a) / sampleRateHz).ToArray();
        if (beats.Count < MinBeats)
        {
            reason = $"no ECG found ({beats.Count} candidate beats, at least {MinBeats} needed)";
            return Array.Empty<int>();
        }

        double medianRr = Descriptive.Median(rr), cv = Math.Sqrt(Descriptive.Variance(rr)) / rr.Average();
        if (medianRr < RefractoryS || medianRr > 1.5 || cv > 0.25)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"no regular heart beat found (median RR {medianRr:0.00} s, RR variation {100 * cv:0} %)");
            return Array.Empty<int>();
        }

        reason = null;
        return beats.ToArray();
    }
}

/// <summary>The full-length scratch arrays of ECG removal (the band-passed signal; a copy to sort for the 30 Hz
/// high-pass's median), reused by every channel of a recording: an hour of 2 kHz EMG is 58 MB an array.</summary>
internal sealed class EcgWorkspace
{
    private double[] _filtered = Array.Empty<double>(), _sorted = Array.Empty<double>();

    /// <summary>An array of exactly <paramref name="length"/> samples for a signal to filter in place.</summary>
    public double[] Filtered(int length) => _filtered.Length == length ? _filtered : _filtered = new double[length];

    /// <summary>An array of at least <paramref name="length"/> samples to sort a copy in.</summary>
    public double[] Sorted(int length) => _sorted.Length >= length ? _sorted : _sorted = new double[length];
}
