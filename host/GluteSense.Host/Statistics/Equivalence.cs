using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace GluteSense.Host.Statistics;

/// <summary>What a TOST says: the difference lies within the bounds, lies outside zero, or neither can be claimed.</summary>
public enum EquivalenceVerdict
{
    /// <summary>Both one-sided tests reject: the difference is within (-SESOI, +SESOI).</summary>
    Equivalent,

    /// <summary>Not equivalent, and the two-sided test rejects a zero difference.</summary>
    Different,

    /// <summary>Neither: the data cannot tell (never worded as "no difference").</summary>
    Inconclusive,
}

/// <summary>Paired two one-sided tests: p = max of the two, each one-sided t and p, df and the verdict.</summary>
public sealed record Tost(double P, double TLower, double PLower, double TUpper, double PUpper, double Df, double Low, double High,
    EquivalenceVerdict Verdict);

/// <summary>Standardised mean change d_z = mean / SD of the paired differences, with its CI and how it was found
/// ("noncentral t" or, for |t| beyond what the noncentral t series handles, "normal approximation").</summary>
public sealed record Dz(double Value, Interval Ci95, int N, string Method);

/// <summary>Equivalence testing and the standardised paired effect (tests/fixtures/equivalence_power_statsmodels.json).</summary>
public static class Equivalence
{
    /// <summary>Largest |t| whose d_z CI is found exactly: the noncentralities searched (|t| + <see cref="NcpSearch"/>)
    /// stay within the range where <see cref="NoncentralT"/> is accurate.</summary>
    public const double MaxExactT = 20;

    /// <summary>Half-width of the noncentrality search around t (enough for n &gt;= 3).</summary>
    private const double NcpSearch = 15;

    /// <summary>
    /// TOST on x1 - x2 against (low, high), as statsmodels.stats.weightstats.ttost_paired(x1, x2, low, high): t against
    /// low (H1: mean &gt; low) and t against high (H1: mean &lt; high), each with n - 1 df; p is the larger one-sided p.
    /// Verdict at <paramref name="alpha"/>: equivalent when p &lt; alpha; else different when the ordinary two-sided
    /// paired t rejects zero; else inconclusive.
    /// </summary>
    public static Tost PairedTost(IReadOnlyList<double> x1, IReadOnlyList<double> x2, double low, double high, double alpha = 0.05)
    {
        if (!(low < high)) throw new ArgumentException($"equivalence bounds ({low}, {high}) must have low < high");
        Descriptive.Check(x1, 2, "first condition");
        Descriptive.Check(x2, 2, "second condition");
        if (x1.Count != x2.Count) throw new ArgumentException($"paired samples differ in length ({x1.Count} vs {x2.Count})");
        double[] d = x1.Select((v, i) => v - x2[i]).ToArray();
        double se = Math.Sqrt(Descriptive.Variance(d) / d.Length);
        if (se == 0) throw new ArgumentException("all paired differences are equal: the TOST is undefined");
        double mean = d.Average(), df = d.Length - 1;
        double tLower = (mean - low) / se, tUpper = (mean - high) / se;
        double pLower = StudentT.CDF(0, 1, df, -tLower), pUpper = StudentT.CDF(0, 1, df, tUpper);
        double p = Math.Max(pLower, pUpper);
        double pZero = 2 * StudentT.CDF(0, 1, df, -Math.Abs(mean / se));
        EquivalenceVerdict verdict = p < alpha ? EquivalenceVerdict.Equivalent : pZero < alpha ? EquivalenceVerdict.Different
            : EquivalenceVerdict.Inconclusive;
        return new Tost(p, tLower, pLower, tUpper, pUpper, df, low, high, verdict);
    }

    /// <summary>
    /// d_z of x1 - x2 with the exact CI from inverting the noncentral t distribution of t = d_z sqrt(n) (Cumming and
    /// Finch 2001): the noncentralities whose distribution puts the observed t at the 97.5th and 2.5th percentiles, / sqrt(n).
    /// For |t| above <see cref="MaxExactT"/> (a difference far beyond any equivalence question) the CI is
    /// d_z +- z sqrt(1/n + d_z^2 / (2n)) (Hedges and Olkin's large-sample variance), and the result says so.
    /// </summary>
    public static Dz PairedDz(IReadOnlyList<double> x1, IReadOnlyList<double> x2, double level = 0.95)
    {
        Descriptive.Check(x1, 3, "first condition");
        Descriptive.Check(x2, 3, "second condition");
        if (x1.Count != x2.Count) throw new ArgumentException($"paired samples differ in length ({x1.Count} vs {x2.Count})");
        double[] d = x1.Select((v, i) => v - x2[i]).ToArray();
        double sd = Math.Sqrt(Descriptive.Variance(d));
        if (sd == 0) throw new ArgumentException("all paired differences are equal: d_z is undefined");
        int n = d.Length;
        double dz = d.Average() / sd, t = dz * Math.Sqrt(n), df = n - 1, tail = (1 - level) / 2;
        if (Math.Abs(t) > MaxExactT)
        {
            double half = Normal.InvCDF(0, 1, 1 - tail) * Math.Sqrt(1.0 / n + dz * dz / (2.0 * n));
            return new Dz(dz, new Interval(dz - half, dz + half), n, "normal approximation");
        }

        double Solve(double target) => Brent.FindRoot(nc => NoncentralT.Cdf(t, df, nc) - target, t - NcpSearch, t + NcpSearch, 1e-12, 500);
        return new Dz(dz, new Interval(Solve(1 - tail) / Math.Sqrt(n), Solve(tail) / Math.Sqrt(n)), n, "noncentral t");
    }

    /// <summary>The sentence a report prints for a verdict (never "no difference" without an equivalence test).</summary>
    public static string Wording(EquivalenceVerdict verdict, double sesoi, string units) => verdict switch
    {
        EquivalenceVerdict.Equivalent => $"equivalent: the difference lies within ±{sesoi:G3} {units} (TOST p < 0.05)",
        EquivalenceVerdict.Different => $"different: the difference is not within ±{sesoi:G3} {units} and differs from zero",
        _ => $"inconclusive: the data can neither show equivalence within ±{sesoi:G3} {units} nor a difference",
    };
}
