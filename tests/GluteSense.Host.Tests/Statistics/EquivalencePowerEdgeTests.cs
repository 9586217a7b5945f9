using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Statistics;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// The parts of equivalence, power and repeatability that the statsmodels fixture
/// (tests/fixtures/equivalence_power_statsmodels.json) does not fix by itself: the verdict at other alphas (against
/// scipy's paired t p-values of the fixture data), the large-t d_z interval (Hedges and Olkin's formula), the words a
/// report prints, the inputs a power plan echoes, and the CV of negative measures.
/// </summary>
public class EquivalencePowerEdgeTests
{
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("equivalence_power_statsmodels.json"))).RootElement;

    private static (double[] X1, double[] X2, double Low, double High) TostCase(string name)
    {
        JsonElement c = Fixture.GetProperty("tost_paired").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        double[] Values(string n) => c.GetProperty(n).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return (Values("x1"), Values("x2"), c.GetProperty("low").GetDouble(), c.GetProperty("upp").GetDouble());
    }

    [Fact]
    public void VerdictFollowsAlpha()
    {
        // inconclusive_small: TOST p 0.2679 (statsmodels, in the fixture); two-sided paired t p 0.4567
        // (scipy.stats.ttest_rel on the same data).
        (double[] x1, double[] x2, double low, double high) = TostCase("inconclusive_small");
        Assert.Equal(EquivalenceVerdict.Equivalent, Equivalence.PairedTost(x1, x2, low, high, alpha: 0.30).Verdict);
        Assert.Equal(EquivalenceVerdict.Inconclusive, Equivalence.PairedTost(x1, x2, low, high, alpha: 0.25).Verdict);
        Assert.Equal(EquivalenceVerdict.Inconclusive, Equivalence.PairedTost(x1, x2, low, high).Verdict);
        Tost tost = Equivalence.PairedTost(x1, x2, low, high);
        Assert.Equal((low, high), (tost.Low, tost.High));
        // "p < alpha": a p equal to alpha is not enough.
        Assert.NotEqual(EquivalenceVerdict.Equivalent, Equivalence.PairedTost(x1, x2, low, high, alpha: tost.P).Verdict);

        // clear_difference: TOST p 0.99999, paired t p 3.87e-8: different at alpha 1e-6, inconclusive at 1e-8.
        (x1, x2, low, high) = TostCase("clear_difference");
        Assert.Equal(EquivalenceVerdict.Different, Equivalence.PairedTost(x1, x2, low, high, alpha: 1e-6).Verdict);
        Assert.Equal(EquivalenceVerdict.Inconclusive, Equivalence.PairedTost(x1, x2, low, high, alpha: 1e-8).Verdict);
        // negative_shift: TOST p 0.00032, paired t p 0.173: equivalent at 0.05, inconclusive at 0.0003.
        (x1, x2, low, high) = TostCase("negative_shift");
        Assert.Equal(EquivalenceVerdict.Equivalent, Equivalence.PairedTost(x1, x2, low, high).Verdict);
        Assert.Equal(EquivalenceVerdict.Inconclusive, Equivalence.PairedTost(x1, x2, low, high, alpha: 0.0003).Verdict);
    }

    [Fact]
    public void DzSaysHowItsIntervalWasFound()
    {
        foreach (JsonElement c in Fixture.GetProperty("tost_paired").EnumerateArray())
        {
            (double[] x1, double[] x2, _, _) = TostCase(c.GetProperty("name").GetString()!);
            Dz dz = Equivalence.PairedDz(x1, x2);
            Assert.Equal((x1.Length, "noncentral t"), (dz.N, dz.Method));   // |t| <= 10.8 in every fixture case
        }

        // Differences {10, 11, 12, 10.5, 11.5}: mean 11, variance (1 + 0 + 1 + 0.25 + 0.25) / 4 = 0.625,
        // d_z = 11 / sqrt(0.625), t = d_z sqrt(5) = 31.1 > 20: d_z +- z_0.975 sqrt(1/n + d_z^2 / (2n)),
        // z_0.975 = 1.959963984540054 (qnorm(0.975)).
        double[] d = { 10, 11, 12, 10.5, 11.5 }, zero = new double[5];
        double expected = 11 / Math.Sqrt(0.625), half = 1.959963984540054 * Math.Sqrt(1.0 / 5 + expected * expected / 10);
        Dz large = Equivalence.PairedDz(d, zero);
        Assert.Equal(("normal approximation", 5), (large.Method, large.N));
        Assert.Equal(expected, large.Value, 12);
        Assert.Equal(expected - half, large.Ci95.Low, 9);
        Assert.Equal(expected + half, large.Ci95.High, 9);
        // The same differences negated: t = -31.1, the mirror interval.
        Dz negative = Equivalence.PairedDz(zero, d);
        Assert.Equal("normal approximation", negative.Method);
        Assert.Equal(-expected - half, negative.Ci95.Low, 9);
        Assert.Equal(-expected + half, negative.Ci95.High, 9);
        // At 90 %: z_0.95 = 1.6448536269514722 (qnorm(0.95)).
        Dz ninety = Equivalence.PairedDz(d, zero, level: 0.90);
        Assert.Equal(expected - half / 1.959963984540054 * 1.6448536269514722, ninety.Ci95.Low, 9);
    }

    [Fact]
    public void WordingNamesTheBoundAndNeverSaysNoDifference()
    {
        Assert.Equal("equivalent: the difference lies within ±2.5 µV (TOST p < 0.05)", Equivalence.Wording(EquivalenceVerdict.Equivalent, 2.5, "µV"));
        Assert.Equal("different: the difference is not within ±12.3 %MVC and differs from zero",
            Equivalence.Wording(EquivalenceVerdict.Different, 12.345, "%MVC"));
        Assert.Equal("inconclusive: the data can neither show equivalence within ±0.5 %MVC nor a difference",
            Equivalence.Wording(EquivalenceVerdict.Inconclusive, 0.5, "%MVC"));
    }

    [Fact]
    public void APowerPlanEchoesItsInputsAndTheStandardisedEffect()
    {
        // statsmodels: SD 10, effect -4 (a decrease), power 0.8, alpha 0.05: n = 52 (solve_power 51.009 rounded up).
        PairedPowerPlan plan = Power.SubjectsForPairedT(10, -4);
        JsonElement c = Fixture.GetProperty("paired_power").EnumerateArray().Single(e => e.GetProperty("effect").GetDouble() == -4);
        Assert.Equal(c.GetProperty("n").GetInt32(), plan.N);
        Assert.Equal((0.4, 10.0, -4.0, 0.8, 0.05), (plan.EffectSize, plan.SdChange, plan.Effect, plan.TargetPower, plan.Alpha));
        Assert.Equal(plan.N, Power.SubjectsForPairedT(10, 4).N);   // a two-sided test: the sign does not matter
        // d = 20 is reached by the smallest sample the test accepts: statsmodels TTestPower().power(20, 2, 0.05) =
        // 0.9735240461812646 (its solve_power does not converge below 2 subjects, so this one is not in the fixture).
        PairedPowerPlan two = Power.SubjectsForPairedT(1, 20);
        Assert.Equal(2, two.N);
        Assert.Equal(0.9735240461812646, two.AchievedPower, 8);
    }

    [Fact]
    public void CvOfRepeatsUsesTheMagnitudeOfTheMean()
    {
        // Rows {-2, -4}, {-6, -5}, {-1, -3}: SDs sqrt(2), sqrt(0.5), sqrt(2) over |means| 3, 5.5, 2.
        double[][] negative = { new[] { -2.0, -4 }, new[] { -6.0, -5 }, new[] { -1.0, -3 } };
        double cv = 100 * (Math.Sqrt(2) / 3 + Math.Sqrt(0.5) / 5.5 + Math.Sqrt(2) / 2) / 3;
        Repeatability r = Reliability.Icc31(negative);
        Assert.Equal(cv, r.CvPct, 10);
        Repeatability mirrored = Reliability.Icc31(negative.Select(row => row.Select(v => -v).ToArray()).ToArray());
        Assert.Equal(r.Icc31, mirrored.Icc31, 12);
        Assert.Equal((3, 2), (r.Subjects, r.Sessions));
    }
}
