using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Statistics;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// Edges the first statistics mutation run showed unchecked: the paired t's df, signed-rank with zeros, Mann-Whitney's
/// exact switch on the second sample, repeatability from two subjects, the noncentral t at t = 0 far in its tail and
/// the variance of values far from zero. References: closed forms worked in the comments, scipy values named with
/// the call that gave them (Debian scipy 1.10.1), and the stats_scipy fixture.
/// </summary>
public class StatisticsEdgeCaseTests
{
    [Fact]
    public void PairedTCarriesItsDegreesOfFreedom()
    {
        // Differences {1, 2, 3}: t = 2 / (1 / sqrt 3) = 2 sqrt 3, df 2; the t(2) CDF is 1/2 + t / (2 sqrt(2 + t^2)),
        // so p = 1 - t / sqrt(2 + t^2) = 1 - sqrt(12 / 14) (scipy.stats.ttest_rel: 0.07417990022744853).
        TTest t = Paired.T(new[] { 2.0, 4, 6 }, new[] { 1.0, 2, 3 });
        Assert.Equal(2 * Math.Sqrt(3), t.T, 12);
        Assert.Equal(2, t.Df);
        Assert.Equal(1 - Math.Sqrt(12.0 / 14), t.P, 10);
    }

    [Fact]
    public void SignedRankWithZerosUsesTheApproximation()
    {
        // Differences {0, 1, 2, -3, 4, 5}: the zero is dropped (n = 5), and with a zero the exact distribution does not
        // apply: W- = 3, z = (3 - 7.5) / sqrt(5 * 6 * 11 / 24); scipy.stats.wilcoxon(d, zero_method="wilcox",
        // correction=False, method="approx"): statistic 3, p 0.22491588401596185.
        Wilcoxon w = Paired.SignedRank(new[] { 0.0, 1, 2, 0, 4, 5 }, new[] { 0.0, 0, 0, 3, 0, 0 });
        Assert.Equal(("approx", 5, 3.0), (w.Method, w.N, w.Statistic));
        Assert.Equal(0.22491588401596185, w.P, 12);
    }

    [Fact]
    public void MannWhitneyIsExactWhenEitherSampleHasAtMostEightValues()
    {
        // The fixture's exact_at_8 case (8 and 10 values) with the samples swapped: still exact, the same two-sided p,
        // and U of the first sample = n1 n2 - U = 80 - 10.
        JsonElement c = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("stats_scipy.json"))).RootElement
            .GetProperty("two_sample").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "exact_at_8");
        double[] a = c.GetProperty("a").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] b = c.GetProperty("b").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        MannWhitney swapped = TwoSample.MannWhitneyU(b, a);
        Assert.Equal("exact", swapped.Method);
        Assert.Equal(a.Length * b.Length - c.GetProperty("mwu_u").GetDouble(), swapped.U);
        Assert.Equal(c.GetProperty("mwu_p").GetDouble(), swapped.P, 12);
    }

    [Fact]
    public void RepeatabilityOfTwoSubjectsIsWorkedByHand()
    {
        // {{1, 3}, {2, 6}}: grand mean 3; SS rows 2 ((2-3)^2 + (4-3)^2) = 4, SS sessions 2 ((1.5-3)^2 + (4.5-3)^2) = 9,
        // SS total 4 + 0 + 1 + 9 = 14, so MS rows 4, MS error 14 - 4 - 9 = 1 and ICC(3,1) = (4 - 1) / (4 + 1) = 0.6.
        // SEM = SD(all) sqrt(1 - 0.6) = sqrt(14 / 3) sqrt(0.4); CV: both rows have SD / mean = sqrt 2 / 2.
        Repeatability r = Reliability.Icc31(new[] { new[] { 1.0, 3 }, new[] { 2.0, 6 } });
        Assert.Equal(0.6, r.Icc31, 12);
        Assert.Equal(Math.Sqrt(14.0 / 3) * Math.Sqrt(0.4), r.SemUnits, 12);
        Assert.Equal(100 * Math.Sqrt(2) / 2, r.CvPct, 10);
        Assert.Equal((2, 2), (r.Subjects, r.Sessions));
    }

    [Fact]
    public void NoncentralTAtZeroIsTheNormalTailEvenFarOut()
    {
        // P(T <= 0) = P(Z + ncp <= 0) = Phi(-ncp) for any df; at ncp = 10 that is 7.6e-24 (scipy.stats.norm.cdf(-10) =
        // 7.61985302416047e-24; scipy.stats.nct.cdf(0, 5, 10) = 7.619853024160595e-24), which 1 - Phi(10) cannot represent.
        Assert.Equal(7.61985302416047e-24, NoncentralT.Cdf(0, 5, 10), 1e-30);
    }

    [Fact]
    public void VarianceAndSdOfValuesFarFromZeroAreThoseOfTheirOffsets()
    {
        // The variance does not depend on a shift; base + 0.1 ... minus base is exact (Sterbenz), so the offsets give
        // the reference. sum (v + m)(v - m) would equal sum (v - m)^2 only in exact arithmetic: at 1e8 it is off by 40x.
        foreach (double offset in new[] { 1e7, 1e8, 1e9, 4e9 })
        {
            double[] x = { offset + 0.1, offset + 0.2, offset + 0.4, offset + 0.8 };
            double[] shifted = x.Select(v => v - offset).ToArray();
            double mean = shifted.Sum() / 4, reference = shifted.Sum(v => (v - mean) * (v - mean)) / 3;
            Assert.True(Math.Abs(Descriptive.Variance(x) - reference) <= 1e-9 * reference, $"offset {offset}: {Descriptive.Variance(x):R} vs {reference:R}");
            double sd = Descriptive.Summarise(x).Sd;
            Assert.True(Math.Abs(sd * sd - reference) <= 1e-9 * reference, $"offset {offset}: SD {sd:R} vs sqrt({reference:R})");
        }
    }
}
