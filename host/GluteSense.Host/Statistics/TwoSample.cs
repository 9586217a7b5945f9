using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Statistics;

/// <summary>A t-test: statistic, degrees of freedom, two-sided p.</summary>
public sealed record TTest(double T, double Df, double P);

/// <summary>Mann-Whitney U of the first sample, two-sided p, and "exact" or "asymptotic".</summary>
public sealed record MannWhitney(double U, double P, string Method);

/// <summary>A confidence interval.</summary>
public sealed record Interval(double Low, double High);

/// <summary>Independent two-sample tests and effect sizes (reps of one subject as samples), equal to scipy.stats.</summary>
public static class TwoSample
{
    /// <summary>Welch's t-test (unequal variances), two-sided: scipy.stats.ttest_ind(a, b, equal_var=False).</summary>
    public static TTest Welch(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Descriptive.Check(a, 2, "first sample");
        Descriptive.Check(b, 2, "second sample");
        double va = Descriptive.Variance(a) / a.Count, vb = Descriptive.Variance(b) / b.Count;
        double se = Math.Sqrt(va + vb);
        if (se == 0) throw new ArgumentException("both samples are constant: the t statistic is undefined");
        double t = (a.Average() - b.Average()) / se;
        double df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return new TTest(t, df, TwoSidedP(t, df));
    }

    /// <summary>Two-sided p of a t statistic.</summary>
    public static double TwoSidedP(double t, double df) => Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));

    /// <summary>
    /// Mann-Whitney U, two-sided, as scipy.stats.mannwhitneyu(a, b) (scipy 1.10 "auto"): exact when either sample has
    /// at most 8 values and there are no ties; otherwise the normal approximation with tie and continuity correction.
    /// </summary>
    public static MannWhitney MannWhitneyU(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Descriptive.Check(a, 1, "first sample");
        Descriptive.Check(b, 1, "second sample");
        int n1 = a.Count, n2 = b.Count, n = n1 + n2;
        double[] ranks = Descriptive.Ranks(a.Concat(b).ToArray(), out double tieTerm);
        double u1 = ranks.Take(n1).Sum() - n1 * (n1 + 1) / 2.0;
        double u = Math.Max(u1, n1 * (double)n2 - u1);
        if ((n1 <= 8 || n2 <= 8) && tieTerm == 0)
        {
            return new MannWhitney(u1, Math.Min(1, 2 * ExactUUpperTail(n1, n2, (int)Math.Round(u))), "exact");
        }

        double mu = n1 * (double)n2 / 2;
        double sigma = Math.Sqrt(n1 * (double)n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1.0))));
        if (sigma == 0) return new MannWhitney(u1, 1, "asymptotic");
        double z = (u - mu - 0.5) / sigma;
        return new MannWhitney(u1, Math.Min(1, 2 * Normal.CDF(0, 1, -z)), "asymptotic");
    }

    /// <summary>P(U >= u) under H0 for sample sizes n1, n2 (counting arrangements, Mann and Whitney's recursion).</summary>
    private static double ExactUUpperTail(int n1, int n2, int u)
    {
        // count[i, j][k]: arrangements of i and j values with U = k; f(i, j, k) = f(i-1, j, k-j) + f(i, j-1, k).
        int max = n1 * n2;
        var prev = new double[n2 + 1][];
        for (int j = 0; j <= n2; j++)
        {
            prev[j] = new double[max + 1];
            prev[j][0] = 1;   // i = 0: one arrangement, U = 0
        }

        for (int i = 1; i <= n1; i++)
        {
            var cur = new double[n2 + 1][];
            cur[0] = new double[max + 1];
            cur[0][0] = 1;
            for (int j = 1; j <= n2; j++)
            {
                cur[j] = new double[max + 1];
                for (int k = 0; k <= i * j; k++)
                {
                    cur[j][k] = (k >= j ? prev[j][k - j] : 0) + cur[j - 1][k];
                }
            }

            prev = cur;
        }

        double[] counts = prev[n2];
        double total = counts.Sum(), tail = 0;
        for (int k = u; k <= max; k++) tail += counts[k];
        return tail / total;
    }

    /// <summary>Hedges' g: Cohen's d with the pooled SD, times J = 1 - 3 / (4 (n1 + n2) - 9).</summary>
    public static double HedgesG(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Descriptive.Check(a, 2, "first sample");
        Descriptive.Check(b, 2, "second sample");
        int n1 = a.Count, n2 = b.Count;
        double pooled = Math.Sqrt(((n1 - 1) * Descriptive.Variance(a) + (n2 - 1) * Descriptive.Variance(b)) / (n1 + n2 - 2));
        if (pooled == 0) throw new ArgumentException("both samples are constant: the effect size is undefined");
        double j = 1 - 3.0 / (4 * (n1 + n2) - 9);
        return j * (a.Average() - b.Average()) / pooled;
    }

    /// <summary>Cliff's delta: (#(a > b) - #(a &lt; b)) / (n1 n2), from -1 to 1.</summary>
    public static double CliffsDelta(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Descriptive.Check(a, 1, "first sample");
        Descriptive.Check(b, 1, "second sample");
        long more = 0, less = 0;
        foreach (double x in a)
        {
            foreach (double y in b)
            {
                if (x > y) more++;
                else if (x < y) less++;
            }
        }

        return (more - less) / (double)(a.Count * b.Count);
    }

    /// <summary>Default bootstrap resamples.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>
    /// Percentile bootstrap 95 % CI of mean(a) - mean(b): each group resampled with replacement, seeded
    /// (<see cref="Random"/>(seed)), so the same data and seed give the same interval.
    /// </summary>
    public static Interval BootstrapMeanDifferenceCi(IReadOnlyList<double> a, IReadOnlyList<double> b, int seed,
        int resamples = DefaultResamples, double level = 0.95)
    {
        Descriptive.Check(a, 2, "first sample");
        Descriptive.Check(b, 2, "second sample");
        if (resamples < 100) throw new ArgumentException("at least 100 bootstrap resamples are needed");
        var random = new Random(seed);
        var diffs = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sa = 0, sb = 0;
            for (int i = 0; i < a.Count; i++) sa += a[random.Next(a.Count)];
            for (int i = 0; i < b.Count; i++) sb += b[random.Next(b.Count)];
            diffs[r] = sa / a.Count - sb / b.Count;
        }

        double tail = (1 - level) / 2 * 100;
        return new Interval(Descriptive.Percentile(diffs, tail), Descriptive.Percentile(diffs, 100 - tail));
    }
}
