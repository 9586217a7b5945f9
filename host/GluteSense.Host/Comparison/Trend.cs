using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GluteSense.Host.Dsp;
using GluteSense.Host.Statistics;
using MathNet.Numerics.IntegralTransforms;

namespace GluteSense.Host.Comparison;

/// <summary>Least-squares line y = intercept + slope x with the two-sided p of the slope (t with n - 2 df).</summary>
public sealed record LinearTrend(double Slope, double Intercept, double P, int N);

/// <summary>Trends over repetitions and the EMG median frequency (a fatigue index).</summary>
public static class Trend
{
    /// <summary>Fits y against x = 1, 2, ..., n (repetition number).</summary>
    public static LinearTrend OverRepetitions(IReadOnlyList<double> y)
    {
        Descriptive.Check(y, 3, "trend");
        int n = y.Count;
        double mx = (n + 1) / 2.0, my = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (i + 1 - mx) * (i + 1 - mx);
            sxy += (i + 1 - mx) * (y[i] - my);
        }

        double slope = sxy / sxx, intercept = my - slope * mx;
        double sse = Enumerable.Range(0, n).Sum(i => Math.Pow(y[i] - intercept - slope * (i + 1), 2));
        double se = Math.Sqrt(sse / (n - 2) / sxx);
        double p = se == 0 ? (slope == 0 ? 1 : 0) : TwoSample.TwoSidedP(slope / se, n - 2);
        return new LinearTrend(slope, intercept, p, n);
    }

    /// <summary>
    /// Median frequency (Hz) of raw EMG: the frequency that splits the power spectrum (periodogram after a 20-450 Hz
    /// zero-phase band-pass that removes electrode offset and movement artefact) into halves. It falls as a muscle
    /// fatigues (conduction velocity drops), so a falling trend over a block of repetitions indicates fatigue.
    /// </summary>
    public static double MedianFrequencyHz(double[] raw, double sampleRateHz)
    {
        if (raw.Length < 64) throw new ArgumentException("median frequency needs at least 64 samples");
        // Offset removed before filtering (a filter started on a 30 mV step rings for longer than a repetition lasts),
        // then a Hann window so the segment's ends do not leak power across the spectrum.
        double offset = raw.Average();
        double[] x = SosFilter.ZeroPhase(raw.Select(v => v - offset).ToArray(), FilterDesigner.ButterworthBandPass(2, 20, Math.Min(450, 0.45 * sampleRateHz), sampleRateHz));
        int n = x.Length;
        var spectrum = x.Select((v, i) => new Complex(v * 0.5 * (1 - Math.Cos(2 * Math.PI * i / (n - 1))), 0)).ToArray();
        Fourier.Forward(spectrum, FourierOptions.NoScaling);
        int half = spectrum.Length / 2;
        double[] power = spectrum.Take(half + 1).Select(c => c.Real * c.Real + c.Imaginary * c.Imaginary).ToArray();
        double total = power.Sum(), cumulative = 0;
        if (total == 0) return double.NaN;
        for (int k = 0; k < power.Length; k++)
        {
            cumulative += power[k];
            if (cumulative >= total / 2) return k * sampleRateHz / spectrum.Length;
        }

        return sampleRateHz / 2;
    }
}
