using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Statistics;

/// <summary>Wilcoxon signed-rank: statistic min(W+, W-), two-sided p, "exact" or "approx", and the pairs used (zeros dropped).</summary>
public sealed record Wilcoxon(double Statistic, double P, string Method, int N);

/// <summary>Hodges-Lehmann estimate of x - y (the pseudomedian: the median of the Walsh averages of the differences) with
/// its confidence interval at <paramref name="Level"/>, "exact" or "approx", and the pairs used (zeros dropped).</summary>
public sealed record PseudoMedian(double Estimate, double Low, double High, double Level, string Method, int N);

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

    /// <summary>
    /// The effect that goes with the signed-rank test: the Hodges-Lehmann estimate of x - y and its two-sided confidence
    /// interval, as R's wilcox.test(x, y, paired = TRUE, conf.int = TRUE). Without zero differences, without ties among
    /// their absolute values and with fewer than 50 pairs it is exact: the median of the n(n+1)/2 Walsh averages, and the
    /// interval between the Walsh averages at the signed-rank distribution's alpha/2 quantile (a level the discrete
    /// distribution cannot reach is lowered as R lowers it). Otherwise the interval is where the signed-rank z of the
    /// differences shifted by d (tie term, continuity correction) crosses the normal quantiles, and the estimate where the
    /// uncorrected z crosses 0.
    /// </summary>
    public static PseudoMedian HodgesLehmann(IReadOnlyList<double> x, IReadOnlyList<double> y, double level = 0.95)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentException($"confidence level must lie between 0 and 1, got {level}");
        double[] all = Differences(x, y, 1);
        double[] d = all.Where(v => v != 0).ToArray();
        if (d.Length == 0) throw new ArgumentException("all paired differences are zero: the Hodges-Lehmann estimate is undefined");
        int n = d.Length;
        bool ties = d.Select(Math.Abs).Distinct().Count() < n;
        double alpha = 1 - level;
        if (n < 50 && !ties && d.Length == all.Length)
        {
            var walsh = new List<double>(n * (n + 1) / 2);
            for (int i = 0; i < n; i++)
            {
                for (int j = i; j < n; j++) walsh.Add((d[i] + d[j]) / 2);
            }

            walsh.Sort();
            double[] cumulative = SignedRankCumulative(n);
            int qu = 0;
            while (cumulative[qu] < alpha / 2) qu++;
            if (qu == 0) qu = 1;
            int ql = walsh.Count - qu;
            double achieved = 2 * cumulative[qu - 1];
            double reached = achieved - alpha > alpha / 2 ? 1 - RoundSignificant(achieved, 2) : level;
            return new PseudoMedian(Descriptive.Median(walsh.ToArray()), walsh[qu - 1], walsh[ql], reached, "exact", n);
        }

        double min = d.Min(), max = d.Max();
        double zMin = ShiftedZ(d, min, true), zMax = ShiftedZ(d, max, true);
        while (zMin - Normal.InvCDF(0, 1, 1 - alpha / 2) < 0 || zMax - Normal.InvCDF(0, 1, alpha / 2) > 0) alpha *= 2;
        double reachedLevel = alpha >= 1 || 1 - level < alpha * 0.75 ? 1 - Math.Min(1, alpha) : level;
        double median = Descriptive.Median(d);
        (double low, double high) = alpha < 1
            ? (Root(d, min, max, zMin, zMax, Normal.InvCDF(0, 1, 1 - alpha / 2), true),
                Root(d, min, max, zMin, zMax, Normal.InvCDF(0, 1, alpha / 2), true))
            : (median, median);
        double estimate = Root(d, min, max, ShiftedZ(d, min, false), ShiftedZ(d, max, false), 0, false);
        return new PseudoMedian(estimate, low, high, reachedLevel, "approx", n);
    }

    /// <summary>P(W+ &lt;= q) for q = 0 .. n(n+1)/2 under the null (distribution by counting subsets).</summary>
    private static double[] SignedRankCumulative(int n)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++)
        {
            for (int s = max; s >= k; s--) counts[s] += counts[s - k];
        }

        double total = Math.Pow(2, n), sum = 0;
        for (int s = 0; s <= max; s++) counts[s] = (sum += counts[s]) / total;
        return counts;
    }

    private static double RoundSignificant(double v, int digits) =>
        v == 0 ? 0 : Math.Round(v, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))));

    /// <summary>The signed-rank z of d - shift (zeros dropped, tie term, optional continuity correction): decreasing in the shift.</summary>
    private static double ShiftedZ(double[] d, double shift, bool correct)
    {
        double[] xd = d.Select(v => v - shift).Where(v => v != 0).ToArray();
        int nx = xd.Length;
        double[] ranks = Descriptive.Ranks(xd.Select(Math.Abs).ToArray(), out double tieTerm);
        double z = 0;
        for (int i = 0; i < nx; i++) z += xd[i] > 0 ? ranks[i] : 0;
        z -= nx * (nx + 1) / 4.0;
        if (correct) z -= Math.Sign(z) * 0.5;
        double sigma = Math.Sqrt(nx * (nx + 1.0) * (2 * nx + 1) / 24 - tieTerm / 48);
        if (!(sigma > 0)) throw new ArgumentException("all paired differences are tied: the Hodges-Lehmann interval is undefined");
        return z / sigma;
    }

    /// <summary>Where <see cref="ShiftedZ"/> crosses <paramref name="zq"/> between the smallest and largest difference
    /// (an end when it does not cross), by bisection to the step where it jumps. The statistic is a step function: where
    /// it equals <paramref name="zq"/> over a whole stretch (W+ exactly n(n+1)/4 for the estimate) every point there is a
    /// root, and the middle of the stretch is taken (R's uniroot returns whichever point its search lands on).</summary>
    private static double Root(double[] d, double min, double max, double zMin, double zMax, double zq, bool correct)
    {
        if (zMin - zq <= 0) return min;
        if (zMax - zq >= 0) return max;
        double first = Bisect(d, min, max, s => ShiftedZ(d, s, correct) - zq > 0);     // the first shift at or below zq
        double last = Bisect(d, min, max, s => ShiftedZ(d, s, correct) - zq >= 0);     // the first shift below it
        return (first + last) / 2;
    }

    // The boundary between the shifts where above(s) holds (low) and where it does not (high), to rounding.
    private static double Bisect(double[] d, double lo, double hi, Func<double, bool> above)
    {
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1, Math.Abs(hi)); i++)
        {
            double mid = (lo + hi) / 2;
            if (above(mid)) lo = mid;
            else hi = mid;
        }

        return (lo + hi) / 2;
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
