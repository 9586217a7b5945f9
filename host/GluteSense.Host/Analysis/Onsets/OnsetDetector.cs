using System;
using System.Collections.Generic;
using GluteSense.Host.Dsp;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Analysis.Onsets;

/// <summary>How the detection function is made from raw EMG before thresholding.</summary>
public enum OnsetMethod
{
    /// <summary>Hodges and Bui (1996) style: band-pass, full-wave rectification, low-pass; double threshold (amplitude and duration).</summary>
    DoubleThreshold,

    /// <summary>The same after the Teager-Kaiser energy operator (Li, Zhou and Aruin 2007), which sharpens onsets in noise.</summary>
    Tkeo,
}

/// <summary>
/// Onset detection settings (docs/analysis.md). An onset is the first sample of a run where the detection function
/// stays above baseline mean + K x baseline SD for at least <see cref="MinAboveMs"/>.
/// </summary>
public sealed record OnsetSettings
{
    /// <summary>The detection function: the envelope itself (double threshold) or its TKEO-conditioned form.</summary>
    public OnsetMethod Method { get; init; } = OnsetMethod.DoubleThreshold;

    /// <summary>Standard deviations above the baseline mean (Hodges and Bui tested 1-3; 3 is the conservative choice).</summary>
    public double K { get; init; } = 3;

    /// <summary>How long the function must stay above threshold (ms): rejects isolated spikes.</summary>
    public double MinAboveMs { get; init; } = 25;

    /// <summary>Band-pass lower edge applied to the raw EMG first (Hz).</summary>
    public double BandLowHz { get; init; } = 20;

    /// <summary>Band-pass upper edge (Hz); capped below the Nyquist frequency.</summary>
    public double BandHighHz { get; init; } = 450;

    /// <summary>Low-pass of the rectified signal (Hz), run forward and backward so it adds no delay.</summary>
    public double LowPassHz { get; init; } = 50;

    /// <summary>
    /// Localise each detected onset by walking back from the threshold crossing to the last sample whose LOCAL MEAN
    /// (the function averaged over the <see cref="MinAboveMs"/> duration window centred on it) is at or below the
    /// baseline's typical local mean (the median of the same local means over the baseline window) + LocaliseK SD
    /// (default 0; "detect high, localise low"): the high threshold (mean + K SD) decides THAT a muscle turned on; where
    /// the function's level left its pre-repetition level says WHEN. Without it every onset is late by the time the
    /// rise takes to climb K SDs. A local mean, not single samples: the detection function of EMG fluctuates around its
    /// level (the more so over a tonic baseline, when the pre-repetition level is itself muscle activity), so a single
    /// sample dips to the baseline level long after the level has risen; the local mean is compared with local means,
    /// like with like, over the window the detector already uses to decide that activity is sustained. The median, not
    /// the mean: the baseline of erector spinae holds ECG beats that lift the mean. LocaliseK at K or above switches
    /// localisation off (onsets at the threshold crossing).
    /// </summary>
    public double LocaliseK { get; init; }
}

/// <summary>How <see cref="OnsetDetector.LevelRiseZ"/> compares a window with the baseline.</summary>
public enum LevelTest
{
    /// <summary>The window's mean against the baseline's: most power for a small sustained rise.</summary>
    Mean,

    /// <summary>The share of the window's samples above the baseline median: blind to a transient shorter than the window.</summary>
    Sign,
}

/// <summary>Muscle onset detection on raw EMG, offline (zero-phase smoothing, no causal delay).</summary>
public static class OnsetDetector
{
    /// <summary>The detection function: conditioned, rectified, smoothed EMG (same length as the input).</summary>
    public static double[] DetectionFunction(double[] raw, double sampleRateHz, OnsetSettings settings)
    {
        double[] x = (double[])raw.Clone();
        DetectionFunctionInPlace(x, sampleRateHz, settings);
        return x;
    }

    /// <summary>
    /// <see cref="DetectionFunction"/> computed in <paramref name="x"/> itself (raw EMG in, the function out), for a
    /// caller that owns the raw signal and needs it no more: an hour of 2 kHz EMG is 58 MB per channel.
    /// </summary>
    internal static void DetectionFunctionInPlace(double[] x, double sampleRateHz, OnsetSettings settings)
    {
        SosFilter.ZeroPhaseInPlace(x,
            FilterDesigner.ButterworthBandPass(2, settings.BandLowHz, Math.Min(settings.BandHighHz, sampleRateHz * 0.45), sampleRateHz));
        if (settings.Method == OnsetMethod.Tkeo && x.Length > 0)
        {
            double previous = x[0];   // x[i - 1] before it was overwritten
            for (int i = 1; i < x.Length - 1; i++)
            {
                double current = x[i];
                x[i] = current * current - previous * x[i + 1];
                previous = current;
            }

            x[0] = 0;
            x[^1] = 0;
        }

        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Abs(x[i]);
        }

        SosFilter.ZeroPhaseInPlace(x, FilterDesigner.ButterworthLowPass(2, settings.LowPassHz, sampleRateHz));
    }

    /// <summary>
    /// Onset sample indices: runs of at least MinAboveMs above threshold, the baseline taken from samples
    /// [<paramref name="baselineStart"/>, <paramref name="baselineEnd"/>). Each returned onset is followed by an offset
    /// (the function back below threshold for MinAboveMs) before the next one.
    /// </summary>
    /// <param name="localMeanMs">Width of the local mean that localisation compares (ms); null = <see cref="OnsetSettings.MinAboveMs"/>.
    /// A function that is already a running mean over at least that long (an RMS envelope) needs none: pass 0 (one sample).</param>
    public static IReadOnlyList<int> Onsets(ReadOnlySpan<double> function, double sampleRateHz, OnsetSettings settings, int baselineStart,
        int baselineEnd,
        int searchFrom = 0, double? localMeanMs = null)
    {
        if (baselineStart < 0 || baselineEnd <= baselineStart + 1 || baselineEnd > function.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(baselineEnd), "the baseline window must hold at least two samples of the signal");
        }

        (double mean, double sd) = MeanAndSd(function, baselineStart, baselineEnd);
        int n = baselineEnd - baselineStart;
        double threshold = mean + settings.K * sd;
        int minRun = Math.Max(1, (int)Math.Round(settings.MinAboveMs * sampleRateHz / 1000));
        int local = Math.Max(1, (int)Math.Round((localMeanMs ?? settings.MinAboveMs) * sampleRateHz / 1000));
        bool localise = settings.LocaliseK < settings.K;
        var baselineLocal = new double[n];
        for (int i = baselineStart; i < baselineEnd; i++) baselineLocal[i - baselineStart] = LocalMean(function, i, local);
        double low = Statistics.Descriptive.Median(baselineLocal) + settings.LocaliseK * sd;
        var onsets = new List<int>();
        bool active = false;
        int run = 0;
        int floor = Math.Max(baselineEnd, searchFrom);
        for (int i = Math.Max(0, searchFrom); i < function.Length; i++)
        {
            bool above = function[i] > threshold;
            run = above != active ? run + 1 : 0;
            if (run >= minRun)
            {
                active = !active;
                if (active)
                {
                    int onset = i - minRun + 1;
                    while (localise && onset > floor && LocalMean(function, onset - 1, local) > low)
                    {
                        onset--;
                    }

                    onsets.Add(onset);
                }
                else
                {
                    floor = i;
                }

                run = 0;
            }
        }

        return onsets;
    }

    /// <summary>
    /// How far the level of <paramref name="function"/> just before sample <paramref name="to"/> sits above the baseline
    /// [<paramref name="baselineStart"/>, <paramref name="baselineEnd"/>), in standard errors: the largest z over the
    /// windows ending at <paramref name="to"/> of <paramref name="shortest"/> samples doubled while they fit after
    /// <paramref name="from"/>, and the whole of [from, to). A rise shortly before <paramref name="to"/> is diluted in
    /// one long window, a slight one is lost in a short one, and doubling lengths keep the number of tests small.
    /// A window of n samples holds n / tau independent ones, tau the baseline's integrated autocorrelation time
    /// (<see cref="AutocorrelationTimeSamples"/>): measured, not assumed, because EMG's level itself wanders (motor
    /// units come and go) more slowly than the detection function's 50 Hz smoothing alone would say.
    /// <see cref="LevelTest.Mean"/>: the window's mean against the baseline mean, in baseline SDs / sqrt(n / tau).
    /// <see cref="LevelTest.Sign"/>: the share of the window's samples above the baseline median (ties half) against
    /// 1/2, (2 share - 1) sqrt(n / tau); a transient (a heart beat) moves only its own samples, so it takes a rise that
    /// lasts. 0 for an empty interval or a flat baseline.
    /// </summary>
    public static double LevelRiseZ(ReadOnlySpan<double> function, int baselineStart, int baselineEnd, int from, int to, int shortest,
        LevelTest test = LevelTest.Mean) => LargestWindowZ(function, baselineStart, baselineEnd, from, to, shortest, test).Z;

    /// <summary>
    /// <see cref="LevelRiseZ"/> tested at the detector's own false-alarm rate: K = 3 SDs is a one-sided p of 0.00135 for
    /// one comparison, and the windows are several comparisons, so the critical z is Bonferroni's for their number
    /// (3.46 for five windows). True when the level had risen; <paramref name="z"/> is the largest z.
    /// </summary>
    public static bool LevelRose(ReadOnlySpan<double> function, int baselineStart, int baselineEnd, int from, int to, int shortest,
        double k, LevelTest test, out double z)
    {
        (z, int windows) = LargestWindowZ(function, baselineStart, baselineEnd, from, to, shortest, test);
        return z > Normal.InvCDF(0, 1, 1 - Normal.CDF(0, 1, -k) / windows);
    }

    // The largest z of LevelRiseZ and how many windows it was the largest of.
    private static (double Z, int Windows) LargestWindowZ(ReadOnlySpan<double> function, int baselineStart, int baselineEnd, int from, int to,
        int shortest, LevelTest test)
    {
        if (to <= from || baselineEnd <= baselineStart + 1) return (0, 1);
        (double mean, double sd) = MeanAndSd(function, baselineStart, baselineEnd);
        if (!(sd > 0)) return (0, 1);
        double tau = AutocorrelationTimeSamples(function, baselineStart, baselineEnd);
        double median = test == LevelTest.Sign
            ? Statistics.Descriptive.MedianOfFirst(function[baselineStart..baselineEnd].ToArray(), baselineEnd - baselineStart) : 0;
        double best = double.NegativeInfinity;
        int windows = 0;
        for (int length = Math.Max(1, shortest); ; length *= 2)
        {
            int start = Math.Max(from, to - length);
            double independent = Math.Max(1, (to - start) / tau);
            double z;
            if (test == LevelTest.Sign)
            {
                double above = 0;
                for (int i = start; i < to; i++) above += function[i] > median ? 1 : function[i] == median ? 0.5 : 0;
                z = (2 * above / (to - start) - 1) * Math.Sqrt(independent);
            }
            else
            {
                z = (MeanAndSd(function, start, to).Mean - mean) / (sd / Math.Sqrt(independent));
            }

            best = Math.Max(best, z);
            windows++;
            if (start == from) return (best, windows);
        }
    }

    /// <summary>
    /// Integrated autocorrelation time (samples) of <paramref name="function"/> over [<paramref name="from"/>,
    /// <paramref name="to"/>): 1 + 2 sum of the autocorrelations, summed by Geyer's (1992) initial positive sequence
    /// (pairs of lags while their sum stays positive; lags up to a quarter of the stretch); at least 1. A mean over n
    /// correlated samples has the variance of one over n / tau independent ones. For the detection function of white
    /// noise (20-450 Hz band, TKEO, 50 Hz low-pass forward and backward) theory gives twice the smoothing's noise
    /// bandwidth, 2 x 0.833 x 50 = 83 independent samples per second (84-88 measured).
    /// </summary>
    public static double AutocorrelationTimeSamples(ReadOnlySpan<double> function, int from, int to)
    {
        int n = to - from;
        if (n < 4) return 1;
        (double mean, double sd) = MeanAndSd(function, from, to);
        double c0 = sd * sd;
        if (!(c0 > 0)) return 1;
        double tau = -1;   // -1 + 2 sum over pairs (rho_0 + rho_1) + (rho_2 + rho_3) + ..., rho_0 = 1
        for (int m = 0; 2 * m + 1 <= n / 4; m++)
        {
            double pair = (m == 0 ? 1 : Rho(function, from, to, 2 * m, mean, c0)) + Rho(function, from, to, 2 * m + 1, mean, c0);
            if (!(pair > 0)) break;
            tau += 2 * pair;
        }

        return Math.Max(1, tau);
    }

    // Autocorrelation at a lag (the biased estimator, divided by n, as Geyer's sequence assumes).
    private static double Rho(ReadOnlySpan<double> function, int from, int to, int lag, double mean, double c0)
    {
        double sum = 0;
        for (int i = from; i + lag < to; i++) sum += (function[i] - mean) * (function[i + lag] - mean);
        return sum / (to - from) / c0;
    }

    private static (double Mean, double Sd) MeanAndSd(ReadOnlySpan<double> function, int from, int to)
    {
        double mean = 0, square = 0;
        for (int i = from; i < to; i++)
        {
            mean += function[i];
            square += function[i] * function[i];
        }

        int n = to - from;
        mean /= n;
        return (mean, Math.Sqrt(Math.Max(0, square / n - mean * mean)));
    }

    /// <summary>Mean of <paramref name="function"/> over a window of <paramref name="width"/> samples centred on
    /// <paramref name="index"/> (cut at the signal's ends).</summary>
    private static double LocalMean(ReadOnlySpan<double> function, int index, int width)
    {
        int from = Math.Max(0, index - width / 2), to = Math.Min(function.Length - 1, index - width / 2 + width - 1);
        double sum = 0;
        for (int i = from; i <= to; i++) sum += function[i];
        return sum / (to - from + 1);
    }
}
