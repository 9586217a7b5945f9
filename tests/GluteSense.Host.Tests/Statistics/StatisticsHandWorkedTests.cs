using System;
using System.Linq;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// Small examples worked by hand (the arithmetic is in the comments), for the paths the scipy fixtures do not reach:
/// the descriptive helpers, all-tied samples, the symmetric middle of the signed-rank distribution.
/// </summary>
public class StatisticsHandWorkedTests
{
    [Fact]
    public void SummaryMedianAndPercentileOfSmallSamples()
    {
        // {2, 4, 4, 4, 5, 5, 7, 9}: mean 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32, SD = sqrt(32 / 7);
        // median (4 + 5) / 2.
        Summary s = Descriptive.Summarise(new[] { 9.0, 4, 5, 2, 4, 7, 4, 5 });
        Assert.Equal(new Summary(8, 5, Math.Sqrt(32.0 / 7), 4.5), s);
        Assert.Equal(new Summary(3, 2, 1, 2), Descriptive.Summarise(new[] { 3.0, 1, 2 }));   // odd count: the middle value
        Summary one = Descriptive.Summarise(new[] { 7.0 });
        Assert.Equal((1, 7.0, 7.0), (one.N, one.Mean, one.Median));
        Assert.True(double.IsNaN(one.Sd));
        Assert.Equal(3, Descriptive.Mean(new[] { 1.0, 2, 6 }));
        Assert.True(double.IsNaN(Descriptive.Median(Array.Empty<double>())));

        // numpy's linear percentile of {10, 20, 30, 40} (order does not matter): position p / 100 * 3.
        double[] x = { 40, 10, 30, 20 };
        Assert.Equal(10, Descriptive.Percentile(x, 0));
        Assert.Equal(17.5, Descriptive.Percentile(x, 25), 12);   // position 0.75
        Assert.Equal(25, Descriptive.Percentile(x, 50), 12);     // position 1.5
        Assert.Equal(40, Descriptive.Percentile(x, 100));        // position 3: the last value, nothing above it
        Assert.Equal(5, Descriptive.Percentile(new[] { 5.0 }, 90));
        Assert.True(double.IsNaN(Descriptive.Percentile(Array.Empty<double>(), 50)));
    }

    [Fact]
    public void TheNoCopyPercentileAndMedian_GiveTheSameNumbersAsThePlainOnes()
    {
        // A range of a longer array (a signal without its filter transients), ties included: the min-heap of the values
        // above the lower order statistic and the in-place sort give exactly the sorted-copy figures.
        var rng = new Random(7);
        double[] signal = Enumerable.Range(0, 2001).Select(_ => Math.Round(rng.NextDouble() * 50, 1)).ToArray();
        double[] middle = signal[100..1900];
        foreach (double p in new[] { 0, 0.1, 25, 50, 99.5, 99.95, 100 })
        {
            Assert.Equal(Descriptive.Percentile(middle, p), Descriptive.PercentileOfRange(signal, 100, 1800, p));
        }

        // {10, 20, 30, 40} from index 1 of a longer array: position 0.995 * 3 = 2.985 -> 30 + 0.985 * 10.
        Assert.Equal(39.85, Descriptive.PercentileOfRange(new[] { 99.0, 40, 10, 30, 20, -5 }, 1, 4, 99.5), 12);
        Assert.Equal(7, Descriptive.PercentileOfRange(new[] { 7.0 }, 0, 1, 99.5));
        Assert.True(double.IsNaN(Descriptive.PercentileOfRange(new[] { 7.0 }, 0, 0, 50)));

        double[] buffer = signal.Concat(new[] { 1e9, -1e9 }).ToArray();   // two values past the count are not looked at
        Assert.Equal(Descriptive.Median(signal), Descriptive.MedianOfFirst(buffer, signal.Length));
        Assert.Equal(4.5, Descriptive.MedianOfFirst(new[] { 5.0, 4, 100 }, 2));   // (4 + 5) / 2, the 100 is outside
    }

    [Fact]
    public void RanksAverageTiesAndCountTheTieTerm()
    {
        // 10 is rank 1; the three 20s share ranks 2-4 (mean 3); 30 is rank 5. Tie term sum(t^3 - t) = 27 - 3 = 24.
        Assert.Equal(new[] { 1.0, 3, 3, 5, 3 }, Descriptive.Ranks(new[] { 10.0, 20, 20, 30, 20 }, out double tie));
        Assert.Equal(24, tie);
        // Two pairs of ties at the ends: ranks 1.5, 1.5, 3, 4.5, 4.5; tie term 6 + 6.
        Assert.Equal(new[] { 4.5, 1.5, 3, 1.5, 4.5 }, Descriptive.Ranks(new[] { 9.0, 1, 5, 1, 9 }, out tie));
        Assert.Equal(12, tie);
        Assert.Equal(new[] { 2.0, 1 }, Descriptive.Ranks(new[] { 2.0, 1 }, out tie));
        Assert.Equal(0, tie);
    }

    [Fact]
    public void AllTiedSamplesGiveAPOfOne()
    {
        // Every value equal: U = n1 n2 / 2 exactly (ranks all (n + 1) / 2 = 3: 2 * 3 - 3 = 3), and the tie-corrected
        // variance n1 n2 / 12 (n + 1 - (n^3 - n) / (n (n - 1))) = 0, so no z can be formed: p = 1.
        MannWhitney u = TwoSample.MannWhitneyU(new[] { 2.0, 2 }, new[] { 2.0, 2, 2 });
        Assert.Equal(new MannWhitney(3, 1, "asymptotic"), u);
        Assert.Equal(0, TwoSample.CliffsDelta(new[] { 2.0, 2 }, new[] { 2.0, 2, 2 }));
        // Cliff's delta by counting pairs: a = {1, 3}, b = {1, 2, 3}: 3 > 1, 3 > 2 against 1 < 2, 1 < 3 (ties count for
        // neither): (2 - 2) / 6. a = {0, 2}: only 2 > 1 against 0 < 1, 0 < 2, 0 < 3, 2 < 3: (1 - 4) / 6.
        Assert.Equal(0, TwoSample.CliffsDelta(new[] { 1.0, 3 }, new[] { 1.0, 2, 3 }));
        Assert.Equal(1, TwoSample.CliffsDelta(new[] { 5.0, 6 }, new[] { 1.0, 2, 3 }));
        Assert.Equal(-0.5, TwoSample.CliffsDelta(new[] { 0.0, 2 }, new[] { 1.0, 2, 3 }), 12);
    }

    [Fact]
    public void ExactMannWhitneyOfTheSmallestSamplesIsCountedByHand()
    {
        // a = {1, 2}, b = {3, 4, 5}: U of a = 0, the most extreme of the C(5, 2) = 10 equally likely arrangements, and
        // so is U = 6 on the other side: two-sided p = 2 / 10.
        Assert.Equal(new MannWhitney(0, 0.2, "exact"), TwoSample.MannWhitneyU(new[] { 1.0, 2 }, new[] { 3.0, 4, 5 }));
        // a = {2, 4}, b = {1, 3, 5}: U = 1 + 2 = 3 = the centre (n1 n2 / 2): p = 1.
        Assert.Equal(new MannWhitney(3, 1, "exact"), TwoSample.MannWhitneyU(new[] { 2.0, 4 }, new[] { 1.0, 3, 5 }));
        // One value each: U is 0 or 1 with probability 1/2: two-sided p = 1.
        Assert.Equal(new MannWhitney(1, 1, "exact"), TwoSample.MannWhitneyU(new[] { 2.0 }, new[] { 1.0 }));
    }

    [Fact]
    public void ExactSignedRankOfThreePairsIsCountedByHand()
    {
        // Differences {1, 2, -3}: W+ = 1 + 2 = 3, W- = 3, the centre of the 2^3 = 8 sign patterns: p = 1.
        Assert.Equal(new Wilcoxon(3, 1, "exact", 3), Paired.SignedRank(new[] { 1.0, 2, 0 }, new[] { 0.0, 0, 3 }));
        // Differences {1, 2, 3} all positive: W- = 0; only the all-positive and all-negative patterns are as extreme: 2 / 8.
        Assert.Equal(new Wilcoxon(0, 0.25, "exact", 3), Paired.SignedRank(new[] { 1.0, 2, 3 }, new[] { 0.0, 0, 0 }));
        // {-1, -2, -3}: the same by symmetry.
        Assert.Equal(new Wilcoxon(0, 0.25, "exact", 3), Paired.SignedRank(new[] { 0.0, 0, 0 }, new[] { 1.0, 2, 3 }));
        // {1, 2, -4, 8}: W- = 3; patterns with W+ <= 3 of ranks 1..4: {}, {1}, {2}, {3}, {1,2}: 5 of 16; p = 2 * 5 / 16.
        Assert.Equal(new Wilcoxon(3, 0.625, "exact", 4), Paired.SignedRank(new[] { 1.0, 2, 0, 8 }, new[] { 0.0, 0, 4, 0 }));
    }

    [Fact]
    public void MeanDifferenceCiFollowsTheLevel()
    {
        // Differences {1, 2, 3}: mean 2, SD 1, SE 1 / sqrt(3); t(2) quantiles 0.975: 4.302652729749464, 0.95: 2.919985580355516
        // (qt(0.975, 2), qt(0.95, 2) in R).
        double se = 1 / Math.Sqrt(3);
        MeanDifference d95 = Paired.MeanDifferenceCi(new[] { 2.0, 4, 6 }, new[] { 1.0, 2, 3 });
        Assert.Equal(2, d95.Mean, 12);
        Assert.Equal(2 - 4.302652729749464 * se, d95.Low, 7);
        Assert.Equal(2 + 4.302652729749464 * se, d95.High, 7);
        Assert.Equal(3, d95.N);
        MeanDifference d90 = Paired.MeanDifferenceCi(new[] { 2.0, 4, 6 }, new[] { 1.0, 2, 3 }, level: 0.90);
        Assert.Equal(2 - 2.919985580355516 * se, d90.Low, 7);
        Assert.Equal(2 + 2.919985580355516 * se, d90.High, 7);
    }

    [Fact]
    public void HolmOverTestedRowsLeavesTheOthersEmpty()
    {
        // Tested p {0.01, 0.04, 0.03}: sorted 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, max(0.06, 0.04 * 1) = 0.06.
        double?[] adjusted = Multiplicity.HolmWhereTested(new double?[] { null, 0.01, 0.04, null, 0.03 });
        Assert.Equal(5, adjusted.Length);
        Assert.Null(adjusted[0]);
        Assert.Null(adjusted[3]);
        Assert.Equal(0.03, adjusted[1]!.Value, 12);
        Assert.Equal(0.06, adjusted[2]!.Value, 12);
        Assert.Equal(0.06, adjusted[4]!.Value, 12);
        Assert.Empty(Multiplicity.HolmWhereTested(Array.Empty<double?>()));
        // A large p is capped at 1: 0.6 * 2 = 1.2 -> 1.
        Assert.Equal(new[] { 1.0, 1.0 }, Multiplicity.Holm(new[] { 0.6, 0.7 }));
    }
}
