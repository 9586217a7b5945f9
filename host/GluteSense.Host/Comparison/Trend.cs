using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GluteSense.Host.Dsp;
using GluteSense.Host.Statistics;
using MathNet.Numerics.IntegralTransforms;

namespace GluteSense.Host.Comparison;

/// <summary>Least-squares line y = intercept + slope x with the two-sided p of the slope (t with n - 2 df).</summary>
/// <param name="SlopeSe">Standard error of the slope (ordinary, or Newey-West when <paramref name="Method"/> says so).</param>
/// <param name="Method">How the standard error was computed, for the output.</param>
public sealed record LinearTrend(double Slope, double Intercept, double P, int N, double SlopeSe = double.NaN, string Method = "OLS");

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
        return new LinearTrend(slope, intercept, p, n, se);
    }

    /// <summary>Newey-West lag window for n observations: floor(4 (n/100)^(2/9)) (Newey and West 1994).</summary>
    public static int NeweyWestLags(int n) => (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9.0));

    /// <summary>
    /// Slope over repetitions x = 1..n with a Newey-West (Bartlett kernel, <see cref="NeweyWestLags"/> lags)
    /// heteroscedasticity- and autocorrelation-consistent standard error, small-sample factor n / (n - 2), p from t with
    /// n - 2 df. Repetitions in a block are serially correlated (fatigue, drift, rhythm), which makes the ordinary
    /// slope p too small. Equal to statsmodels OLS(...).fit(cov_type="HAC", use_correction=True, use_t=True)
    /// (tests/fixtures/trend_statsmodels.json).
    /// </summary>
    public static LinearTrend OverRepetitionsHac(IReadOnlyList<double> y)
    {
        LinearTrend ols = OverRepetitions(y);
        int n = y.Count, lags = NeweyWestLags(n);
        double[] e = Enumerable.Range(0, n).Select(i => y[i] - ols.Intercept - ols.Slope * (i + 1)).ToArray();

        // Meat S = sum over lags l of w_l sum_t e_t e_(t-l) (x_t x_(t-l)' + x_(t-l) x_t'), x_t = (1, t); bread (X'X)^-1.
        double s00 = 0, s01 = 0, s11 = 0;
        for (int l = 0; l <= lags; l++)
        {
            double w = l == 0 ? 0.5 : 1 - l / (lags + 1.0);   // l = 0 counted once: 0.5 x (A + A')
            for (int t = l; t < n; t++)
            {
                double xt = t + 1, xl = t - l + 1, ee = w * e[t] * e[t - l];
                s00 += 2 * ee;
                s01 += ee * (xt + xl);
                s11 += 2 * ee * xt * xl;
            }
        }

        double sx = n * (n + 1) / 2.0, sxx = n * (n + 1) * (2 * n + 1) / 6.0, det = n * sxx - sx * sx;
        double b00 = sxx / det, b01 = -sx / det, b11 = n / det;
        // Slope variance = row 2 of bread x meat x bread.
        double v1 = b01 * s00 + b11 * s01, v2 = b01 * s01 + b11 * s11;
        double variance = (v1 * b01 + v2 * b11) * n / (n - 2.0);
        double se = Math.Sqrt(Math.Max(0, variance));
        double p = se == 0 ? (ols.Slope == 0 ? 1 : 0) : TwoSample.TwoSidedP(ols.Slope / se, n - 2);
        return new LinearTrend(ols.Slope, ols.Intercept, p, n, se, $"OLS slope, Newey-West SE ({lags} lags)");
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
        double[] x = SosFilter.ZeroPhase(raw.Select(v => v - offset).ToArray(),
            FilterDesigner.ButterworthBandPass(2, 20, Math.Min(450, 0.45 * sampleRateHz), sampleRateHz));
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
