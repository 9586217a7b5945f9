using System;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// Every refusal of the statistics classes, with the exact one-line message it must give (the specification is the
/// message written here: which input is wrong, what was given and what is needed), and the edge just inside each
/// bound, which must be accepted.
/// </summary>
public class StatisticsRefusalTests
{
    private static readonly double[] Two = { 1.0, 2.0 };
    private static readonly double[] Three = { 1.0, 2.0, 4.0 };

    private static string Refusal(Action action) => Assert.Throws<ArgumentException>(action).Message;

    [Fact]
    public void SampleChecksNameTheSampleAndSayWhy()
    {
        Assert.Equal("first sample: no values", Refusal(() => TwoSample.Welch(null!, Two)));
        Assert.Equal("first sample: 1 value(s), at least 2 needed", Refusal(() => TwoSample.Welch(new[] { 1.0 }, Two)));
        Assert.Equal("second sample: 1 value(s), at least 2 needed", Refusal(() => TwoSample.Welch(Two, new[] { 1.0 })));
        Assert.Equal("first sample: holds NaN or infinity", Refusal(() => TwoSample.Welch(new[] { 1.0, double.PositiveInfinity }, Two)));
        Assert.Equal("second sample: holds NaN or infinity", Refusal(() => TwoSample.Welch(Two, new[] { double.NaN, 1.0 })));
        Assert.Equal("both samples are constant: the t statistic is undefined", Refusal(() => TwoSample.Welch(new[] { 1.0, 1 }, new[] { 2.0, 2 })));
        Assert.Equal("x: 0 value(s), at least 1 needed", Refusal(() => Descriptive.Summarise(Array.Empty<double>())));

        Assert.Equal("first sample: 0 value(s), at least 1 needed", Refusal(() => TwoSample.MannWhitneyU(Array.Empty<double>(), Two)));
        Assert.Equal("second sample: 0 value(s), at least 1 needed", Refusal(() => TwoSample.MannWhitneyU(Two, Array.Empty<double>())));
        Assert.Equal("first sample: 0 value(s), at least 1 needed", Refusal(() => TwoSample.CliffsDelta(Array.Empty<double>(), Two)));
        Assert.Equal("second sample: 0 value(s), at least 1 needed", Refusal(() => TwoSample.CliffsDelta(Two, Array.Empty<double>())));
        Assert.Equal("first sample: 1 value(s), at least 2 needed", Refusal(() => TwoSample.HedgesG(new[] { 1.0 }, Two)));
        Assert.Equal("second sample: 1 value(s), at least 2 needed", Refusal(() => TwoSample.HedgesG(Two, new[] { 1.0 })));
        Assert.Equal("both samples are constant: the effect size is undefined", Refusal(() => TwoSample.HedgesG(new[] { 3.0, 3 }, new[] { 1.0, 1 })));
        Assert.Equal("first sample: 1 value(s), at least 2 needed", Refusal(() => TwoSample.BootstrapMeanDifferenceCi(new[] { 1.0 }, Two, 1)));
        Assert.Equal("second sample: 1 value(s), at least 2 needed", Refusal(() => TwoSample.BootstrapMeanDifferenceCi(Two, new[] { 1.0 }, 1)));
        Assert.Equal("at least 100 bootstrap resamples are needed", Refusal(() => TwoSample.BootstrapMeanDifferenceCi(Two, Three, 1, resamples: 99)));
        TwoSample.BootstrapMeanDifferenceCi(Two, Three, 1, resamples: 100);   // the smallest accepted
    }

    [Fact]
    public void PairedChecksNameTheConditionAndSayWhy()
    {
        Assert.Equal("first condition: 1 value(s), at least 2 needed", Refusal(() => Paired.T(new[] { 1.0 }, Two)));
        Assert.Equal("second condition: 1 value(s), at least 2 needed", Refusal(() => Paired.T(Two, new[] { 1.0 })));
        Assert.Equal("paired samples differ in length (3 vs 2)", Refusal(() => Paired.T(Three, Two)));
        Assert.Equal("all paired differences are equal: the t statistic is undefined", Refusal(() => Paired.T(Three, new[] { 0.0, 1, 3 })));
        Assert.Equal("first condition: 1 value(s), at least 2 needed", Refusal(() => Paired.MeanDifferenceCi(new[] { 1.0 }, Two)));
        Assert.Equal("first condition: 0 value(s), at least 1 needed", Refusal(() => Paired.SignedRank(Array.Empty<double>(), Two)));
        Assert.Equal("second condition: 0 value(s), at least 1 needed", Refusal(() => Paired.SignedRank(Two, Array.Empty<double>())));
        Assert.Equal("paired samples differ in length (2 vs 3)", Refusal(() => Paired.SignedRank(Two, Three)));
        Assert.Equal("all paired differences are zero: the signed-rank test is undefined", Refusal(() => Paired.SignedRank(Three, Three)));

        Assert.Equal("equivalence bounds (1, -1) must have low < high", Refusal(() => Equivalence.PairedTost(Two, Two, 1, -1)));
        Assert.Equal("equivalence bounds (1, 1) must have low < high", Refusal(() => Equivalence.PairedTost(Two, Two, 1, 1)));
        Assert.Equal("equivalence bounds (NaN, 1) must have low < high", Refusal(() => Equivalence.PairedTost(Two, Two, double.NaN, 1)));
        Assert.Equal("first condition: 1 value(s), at least 2 needed", Refusal(() => Equivalence.PairedTost(new[] { 1.0 }, Two, -1, 1)));
        Assert.Equal("second condition: 1 value(s), at least 2 needed", Refusal(() => Equivalence.PairedTost(Two, new[] { 1.0 }, -1, 1)));
        Assert.Equal("paired samples differ in length (3 vs 2)", Refusal(() => Equivalence.PairedTost(Three, Two, -1, 1)));
        Assert.Equal("all paired differences are equal: the TOST is undefined", Refusal(() => Equivalence.PairedTost(Three, new[] { 0.0, 1, 3 }, -1, 1)));
        Assert.Equal("first condition: 2 value(s), at least 3 needed", Refusal(() => Equivalence.PairedDz(Two, Three)));
        Assert.Equal("second condition: 2 value(s), at least 3 needed", Refusal(() => Equivalence.PairedDz(Three, Two)));
        Assert.Equal("paired samples differ in length (4 vs 3)", Refusal(() => Equivalence.PairedDz(new[] { 1.0, 2, 3, 4 }, Three)));
        Assert.Equal("all paired differences are equal: d_z is undefined", Refusal(() => Equivalence.PairedDz(Three, new[] { 0.0, 1, 3 })));
    }

    [Fact]
    public void ReliabilityChecksSayWhatTheTableLacks()
    {
        Assert.Equal("ICC(A,1) needs at least 2 subjects, got 1", Refusal(() => Reliability.IccA1(new[] { Two })));
        const string sessions = "ICC(A,1) needs every subject measured in the same number (>= 2) of sessions";
        Assert.Equal(sessions, Refusal(() => Reliability.IccA1(new[] { new[] { 1.0 }, new[] { 2.0 } })));
        Assert.Equal(sessions, Refusal(() => Reliability.IccA1(new[] { Two, Three })));
        Assert.Equal("confidence must lie in (0, 1), got 1", Refusal(() => Reliability.IccA1(new[] { Two, new[] { 1.0, 2 } }, confidence: 1)));
        Assert.Equal("confidence must lie in (0, 1), got 0", Refusal(() => Reliability.IccA1(new[] { Two, new[] { 1.0, 2 } }, confidence: 0)));
        Assert.Equal("reliability table: holds NaN or infinity", Refusal(() => Reliability.IccA1(new[] { Two, new[] { 1.0, double.NaN } })));
        Assert.Equal("reliability table: the sessions agree exactly (zero error variance), so no SEM can be estimated",
            Refusal(() => Reliability.IccA1(new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 } })));

        Assert.Equal("repeatability needs at least 2 subjects, got 1", Refusal(() => Reliability.Icc31(new[] { Two })));
        Assert.Equal("repeatability needs every subject measured in the same >= 2 sessions", Refusal(() => Reliability.Icc31(new[] { new[] { 1.0 }, new[] { 2.0 } })));
        Assert.Equal("repeatability needs every subject measured in the same >= 2 sessions", Refusal(() => Reliability.Icc31(new[] { Two, Three })));
        Assert.Equal("repeatability table: holds NaN or infinity", Refusal(() => Reliability.Icc31(new[] { Two, new[] { double.NaN, 1.0 } })));

        Assert.Equal("reliable change needs at least one set on each side, got 0 and 2", Refusal(() => Reliability.ReliableChangeThreshold(1, 0, 2)));
        Assert.Equal("reliable change needs at least one set on each side, got 2 and 0", Refusal(() => Reliability.ReliableChangeThreshold(1, 2, 0)));
        Assert.Equal("SEM must be a finite value >= 0, got -1", Refusal(() => Reliability.ReliableChangeThreshold(-1, 1, 1)));
        Assert.Equal("SEM must be a finite value >= 0, got NaN", Refusal(() => Reliability.ReliableChangeThreshold(double.NaN, 1, 1)));
        Assert.StartsWith("SEM must be a finite value >= 0, got ", Refusal(() => Reliability.ReliableChangeThreshold(double.PositiveInfinity, 1, 1)));
        Assert.Equal(0, Reliability.ReliableChangeThreshold(0, 1, 1));   // a zero SEM is allowed: no change is then noise

        Assert.Equal("p-values must lie in [0, 1]", Refusal(() => Multiplicity.Holm(new[] { 0.5, -0.1 })));
        Assert.Equal("p-values must lie in [0, 1]", Refusal(() => Multiplicity.Holm(new[] { double.NaN })));
        Assert.Equal(new[] { 0.0, 1.0 }, Multiplicity.Holm(new[] { 0.0, 1.0 }));   // both ends are p-values
    }

    [Fact]
    public void PowerAndNoncentralTChecksSayWhy()
    {
        Assert.Equal("power needs at least 2 subjects, got 1", Refusal(() => Power.PairedT(0.5, 1, 0.05)));
        Assert.Equal("SD of the change 0 must be a positive number", Refusal(() => Power.SubjectsForPairedT(0, 1)));
        Assert.Equal("SD of the change -2 must be a positive number", Refusal(() => Power.SubjectsForPairedT(-2, 1)));
        Assert.StartsWith("SD of the change ", Refusal(() => Power.SubjectsForPairedT(double.PositiveInfinity, 1)));
        Assert.Equal("effect 0 must be a non-zero number", Refusal(() => Power.SubjectsForPairedT(1, 0)));
        Assert.Equal("effect NaN must be a non-zero number", Refusal(() => Power.SubjectsForPairedT(1, double.NaN)));
        Assert.StartsWith("effect ", Refusal(() => Power.SubjectsForPairedT(1, double.NegativeInfinity)));
        Assert.Equal("power 1 must be between 0 and 1", Refusal(() => Power.SubjectsForPairedT(1, 1, power: 1)));
        Assert.Equal("power 0 must be between 0 and 1", Refusal(() => Power.SubjectsForPairedT(1, 1, power: 0)));
        Assert.Equal("alpha 0.5 must be between 0 and 0.5", Refusal(() => Power.SubjectsForPairedT(1, 1, alpha: 0.5)));
        Assert.Equal("alpha 0 must be between 0 and 0.5", Refusal(() => Power.SubjectsForPairedT(1, 1, alpha: 0)));
        Assert.Equal("power 0.05 must exceed alpha 0.05", Refusal(() => Power.SubjectsForPairedT(1, 1, power: 0.05, alpha: 0.05)));
        Assert.Equal("power 0.04 must exceed alpha 0.05", Refusal(() => Power.SubjectsForPairedT(1, 1, power: 0.04, alpha: 0.05)));
        Assert.Equal("more than 100000 subjects needed for effect 0.001 with SD 1",
            Refusal(() => Power.SubjectsForPairedT(1, 0.001)));

        Assert.Equal("noncentral t: t 1, df 0, ncp 0 out of range", Refusal(() => NoncentralT.Cdf(1, 0, 0)));
        Assert.Equal("noncentral t: t NaN, df 3, ncp 0 out of range", Refusal(() => NoncentralT.Cdf(double.NaN, 3, 0)));
        Assert.Equal("noncentral t: t 1, df 3, ncp NaN out of range", Refusal(() => NoncentralT.Cdf(1, 3, double.NaN)));
        Assert.Equal("noncentral t: t 1, df NaN, ncp 0 out of range", Refusal(() => NoncentralT.Cdf(1, double.NaN, 0)));
    }
}
