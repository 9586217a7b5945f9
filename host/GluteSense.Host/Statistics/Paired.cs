using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Statistics;

/// <summary>Wilcoxon signed-rank: statistic min(W+, W-), two-sided p, "exact" or "approx", and the pairs used (zeros dropped).</summary>
public sealed record Wilcoxon(double Statistic, double P, string Method, int N);

/// <summary>Mean of paired differences (b - a... as given: x - y) with its t-based CI.</summary>
public sealed record MeanDifference(double Mean, double Low, double High, int N);

/// <summary>Paired tests across subjects (one value per subject and condition), equal to scipy.stats.</summary>
public static class Paired
{
    /// <summary>Paired t-test of x - y, two-sided: scipy.stats.ttest_rel(x, y).</summary>
    public static TTest T(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double[] d = Differences(x, y, 2);
        double sd = Math.Sqrt(Descriptive.Variance(d));
        if (sd == 0) throw new ArgumentException("all paired differences are equal: the t statistic is undefined");
        double t = d.Average() / (sd / Math.Sqrt(d.Length));
        return new TTest(t, d.Length - 1, TwoSample.TwoSidedP(t, d.Length - 1));
    }

    /// <summary>Mean of x - y with a two-sided t confidence interval.</summary>
    public static MeanDifference MeanDifferenceCi(IReadOnlyList<double> x, IReadOnlyList<double> y, double level = 0.95)
    {
        double[] d = Differences(x, y, 2);
        double se = Math.Sqrt(Descriptive.Variance(d) / d.Length);
        double q = StudentT.InvCDF(0, 1, d.Length - 1, 0.5 + level / 2);
        double mean = d.Average();
        return new MeanDifference(mean, mean - q * se, mean + q * se, d.Length);
    }

    /// <summary>
    /// Wilcoxon signed-rank test of x - y, two-sided, zero differences dropped ("wilcox"), as scipy 1.10's
    /// wilcoxon(x, y): exact null distribution for n &lt;= 50 without zeros or ties; otherwise the normal approximation
    /// with the tie correction and no continuity correction.
    /// </summary>
    public static Wilcoxon SignedRank(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double[] all = Differences(x, y, 1);
        bool zeros = all.Any(v => v == 0);
        double[] d = all.Where(v => v != 0).ToArray();
        if (d.Length == 0) throw new ArgumentException("all paired differences are zero: the signed-rank test is undefined");
        double[] ranks = Descriptive.Ranks(d.Select(Math.Abs).ToArray(), out double tieTerm);
        double plus = 0, minus = 0;
        for (int i = 0; i < d.Length; i++)
        {
            if (d[i] > 0) plus += ranks[i];
            else minus += ranks[i];
        }

        int n = d.Length;
        double statistic = Math.Min(plus, minus);
        if (!zeros && tieTerm == 0 && all.Length <= 50)
        {
            return new Wilcoxon(statistic, ExactTwoSided(n, (int)plus), "exact", n);
        }

        double mean = n * (n + 1) / 4.0;
        double se = Math.Sqrt((n * (n + 1.0) * (2 * n + 1) - 0.5 * tieTerm) / 24);
        double z = (statistic - mean) / se;
        return new Wilcoxon(statistic, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))), "approx", n);
    }

    /// <summary>Two-sided exact p of W+ = <paramref name="plus"/> with n pairs (distribution by counting subsets).</summary>
    private static double ExactTwoSided(int n, int plus)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++)
        {
            for (int s = max; s >= k; s--) counts[s] += counts[s - k];
        }

        double total = Math.Pow(2, n);
        if (plus * 2 == max) return 1;
        double lower = 0, upper = 0;
        for (int s = 0; s <= plus; s++) lower += counts[s];
        for (int s = plus; s <= max; s++) upper += counts[s];
        return Math.Min(1, 2 * Math.Min(lower, upper) / total);
    }

    private static double[] Differences(IReadOnlyList<double> x, IReadOnlyList<double> y, int min)
    {
        Descriptive.Check(x, min, "first condition");
        Descriptive.Check(y, min, "second condition");
        if (x.Count != y.Count) throw new ArgumentException($"paired samples differ in length ({x.Count} vs {y.Count})");
        return x.Select((v, i) => v - y[i]).ToArray();
    }
}
