using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Statistics;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>Every statistic against scipy.stats 1.10 (tests/fixtures/stats_scipy.json, command inside the file).</summary>
public class StatisticsScipyTests
{
    private const double Tolerance = 1e-6;
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("stats_scipy.json"))).RootElement;

    private static double[] Array(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    public static IEnumerable<object[]> TwoSampleCases() => Fixture.GetProperty("two_sample").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static IEnumerable<object[]> PairedCases() => Fixture.GetProperty("paired").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    private static JsonElement Case(string group, string name) => Fixture.GetProperty(group).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Theory]
    [MemberData(nameof(TwoSampleCases))]
    public void TwoSampleTestsMatchScipy(string name)
    {
        JsonElement c = Case("two_sample", name);
        double[] a = Array(c, "a"), b = Array(c, "b");
        TTest welch = TwoSample.Welch(a, b);
        Close(c.GetProperty("welch_t").GetDouble(), welch.T, name + " welch t");
        Close(c.GetProperty("welch_df").GetDouble(), welch.Df, name + " welch df");
        Close(c.GetProperty("welch_p").GetDouble(), welch.P, name + " welch p");
        MannWhitney u = TwoSample.MannWhitneyU(a, b);
        Assert.Equal(c.GetProperty("mwu_method").GetString(), u.Method);
        Close(c.GetProperty("mwu_u").GetDouble(), u.U, name + " U");
        Close(c.GetProperty("mwu_p").GetDouble(), u.P, name + " U p");
        Close(c.GetProperty("hedges_g").GetDouble(), TwoSample.HedgesG(a, b), name + " g");
        Close(c.GetProperty("cliffs_delta").GetDouble(), TwoSample.CliffsDelta(a, b), name + " delta");

        // Bootstrap: different random streams, so only close to scipy's percentile CI (within 10 % of its width).
        double[] scipyCi = Array(c, "bootstrap_ci95");
        Interval ci = TwoSample.BootstrapMeanDifferenceCi(a, b, seed: 7);
        double width = scipyCi[1] - scipyCi[0];
        Assert.InRange(ci.Low, scipyCi[0] - 0.1 * width, scipyCi[0] + 0.1 * width);
        Assert.InRange(ci.High, scipyCi[1] - 0.1 * width, scipyCi[1] + 0.1 * width);
        Assert.Equal(ci, TwoSample.BootstrapMeanDifferenceCi(a, b, seed: 7));
        Assert.InRange(a.Average() - b.Average(), ci.Low, ci.High);
    }

    [Theory]
    [MemberData(nameof(PairedCases))]
    public void PairedTestsMatchScipy(string name)
    {
        JsonElement c = Case("paired", name);
        double[] x = Array(c, "x"), y = Array(c, "y");
        TTest t = Paired.T(x, y);
        Close(c.GetProperty("t").GetDouble(), t.T, name + " t");
        Close(c.GetProperty("p").GetDouble(), t.P, name + " p");
        Wilcoxon w = Paired.SignedRank(x, y);
        Assert.Equal(c.GetProperty("wilcoxon_method").GetString(), w.Method);
        Close(c.GetProperty("wilcoxon_statistic").GetDouble(), w.Statistic, name + " W");
        Close(c.GetProperty("wilcoxon_p").GetDouble(), w.P, name + " W p");
        MeanDifference d = Paired.MeanDifferenceCi(x, y);
        double[] ci = Array(c, "mean_diff_ci95");
        Close(c.GetProperty("mean_diff").GetDouble(), d.Mean, name + " mean diff");
        Close(ci[0], d.Low, name + " ci low");
        Close(ci[1], d.High, name + " ci high");
    }

    [Fact]
    public void RepeatabilityMatchesTheAnovaFormulas()
    {
        foreach (JsonElement c in Fixture.GetProperty("reliability").EnumerateArray())
        {
            double[][] table = c.GetProperty("table").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            Repeatability r = Reliability.Icc31(table);
            string name = c.GetProperty("name").GetString()!;
            Close(c.GetProperty("icc31").GetDouble(), r.Icc31, name + " ICC");
            Close(c.GetProperty("sem").GetDouble(), r.SemUnits, name + " SEM");
            Close(c.GetProperty("mdc95").GetDouble(), r.Mdc95Units, name + " MDC");
            Close(c.GetProperty("cv_pct").GetDouble(), r.CvPct, name + " CV");
        }
    }

    [Fact]
    public void HolmMatchesTheReference()
    {
        foreach (JsonElement c in Fixture.GetProperty("holm").EnumerateArray())
        {
            double[] expected = Array(c, "adjusted"), actual = Multiplicity.Holm(Array(c, "p"));
            for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], "holm " + i);
        }
    }

    [Fact]
    public void BadInputGivesOneLineErrors()
    {
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => TwoSample.Welch(new[] { 1.0 }, new[] { 1.0, 2 })).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => TwoSample.MannWhitneyU(new[] { 1.0, double.NaN }, new[] { 1.0, 2 })).Message);
        Assert.Contains("differ in length", Assert.Throws<ArgumentException>(() => Paired.T(new[] { 1.0, 2, 3 }, new[] { 1.0, 2 })).Message);
        Assert.Contains("all paired differences are zero", Assert.Throws<ArgumentException>(() => Paired.SignedRank(new[] { 1.0, 2 }, new[] { 1.0, 2 })).Message);
        Assert.Contains("constant", Assert.Throws<ArgumentException>(() => TwoSample.HedgesG(new[] { 1.0, 1 }, new[] { 1.0, 1 })).Message);
        Assert.Throws<ArgumentException>(() => Multiplicity.Holm(new[] { 0.5, 1.5 }));
        Assert.Throws<ArgumentException>(() => Reliability.Icc31(new[] { new[] { 1.0, 2 } }));
    }

    [Fact]
    public void BootstrapCiNarrowsWithMoreData()
    {
        var random = new Random(3);
        double[] Draw(int n, double mean) => Enumerable.Range(0, n).Select(_ => mean + random.NextDouble()).ToArray();
        Interval small = TwoSample.BootstrapMeanDifferenceCi(Draw(8, 1), Draw(8, 0), 1);
        Interval large = TwoSample.BootstrapMeanDifferenceCi(Draw(200, 1), Draw(200, 0), 1);
        Assert.True(large.High - large.Low < 0.5 * (small.High - small.Low));
        Assert.InRange(1.0, large.Low, large.High);
    }
}

public class TrendTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("stats_scipy.json"))).RootElement;

    [Fact]
    public void SlopeOverRepetitionsMatchesScipyLinregress()
    {
        foreach (JsonElement c in Fixture.GetProperty("trend").EnumerateArray())
        {
            double[] y = c.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            GluteSense.Host.Comparison.LinearTrend t = GluteSense.Host.Comparison.Trend.OverRepetitions(y);
            Assert.Equal(c.GetProperty("slope").GetDouble(), t.Slope, 9);
            Assert.Equal(c.GetProperty("intercept").GetDouble(), t.Intercept, 9);
            Assert.Equal(c.GetProperty("p").GetDouble(), t.P, 6);
        }
    }

    [Theory]
    [InlineData(60.0)]
    [InlineData(95.0)]
    [InlineData(140.0)]
    public void MedianFrequencyOfASineIsItsFrequency(double hz)
    {
        // A sine plus a 20 mV electrode offset: the band-pass removes the offset, the spectrum's median is the sine.
        double[] x = Enumerable.Range(0, 2000).Select(i => 20000 + 50 * Math.Sin(2 * Math.PI * hz * i / 1000.0)).ToArray();
        Assert.Equal(hz, GluteSense.Host.Comparison.Trend.MedianFrequencyHz(x, 1000), 0.6);
    }

    [Fact]
    public void MedianFrequencyOfTwoEqualTonesLiesBetweenThem()
    {
        double[] x = Enumerable.Range(0, 4000).Select(i => Math.Sin(2 * Math.PI * 60 * i / 1000.0) + 1.2 * Math.Sin(2 * Math.PI * 200 * i / 1000.0)).ToArray();
        double mdf = GluteSense.Host.Comparison.Trend.MedianFrequencyHz(x, 1000);
        Assert.Equal(200, mdf, 1.0);   // the louder tone holds more than half of the power
    }
}
