using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// Every number of a comparison row and of an audit outcome against hand-worked values and scipy 1.10.1
/// (Debian python3-scipy), computed with:
/// <code>
/// /usr/bin/python3 -c "from scipy import stats; a=[1.,2,3,4]; b=[2.,4,6,8,10];
///   print(stats.ttest_ind(a,b,equal_var=False), stats.mannwhitneyu(a,b,alternative='two-sided'));
///   print(stats.ttest_ind([20.,21,22,23],[10.,11,12,13],equal_var=False).pvalue,
///         stats.ttest_ind([10.5,11.5,12.5,13.5],[10.,11,12,13],equal_var=False).pvalue)"
/// </code>
/// </summary>
public class ComparisonNumbersTests
{
    [Fact]
    public void RowReportsSampleSdWithNMinusOne_AndScipysStatistics()
    {
        double[] a = { 1, 2, 3, 4 }, b = { 2, 4, 6, 8, 10 };
        ComparisonRow row = ExerciseComparison.Row("gmax", PhaseSelector.First, Metric.Mean, a, b);
        Assert.Equal(4, row.A.N);
        Assert.Equal(5, row.B.N);
        Assert.Equal(2.5, row.A.Mean!.Value, 1e-12);
        Assert.Equal(6.0, row.B.Mean!.Value, 1e-12);
        // SD with n - 1: sqrt(5 / 3) and sqrt(40 / 4); with n it would be sqrt(5 / 4) = 1.118 and sqrt(8) = 2.828.
        Assert.Equal(1.2909944487358056, row.A.Sd!.Value, 1e-12);
        Assert.Equal(3.1622776601683795, row.B.Sd!.Value, 1e-12);
        Assert.Equal(-2.2514363231593695, row.WelchT!.Value, 1e-9);
        Assert.Equal(0.06913359319239236, row.WelchP!.Value, 1e-6);
        Assert.Equal(3.0, row.MannWhitneyU!.Value);
        // Ties (2 and 4 in both samples): scipy's default switches to the asymptotic test with tie correction.
        Assert.Equal(0.1083608161727848, row.MannWhitneyP!.Value, 1e-9);
        Assert.Equal("asymptotic", row.MannWhitneyMethod);
        // Hedges g = J (mean a - mean b) / pooled SD, J = 1 - 3 / (4 (n1 + n2) - 9); Cliff's delta = (2 - 16) / 20.
        Assert.Equal(-1.2270387698280683, row.HedgesG!.Value, 1e-9);
        Assert.Equal(-0.7, row.CliffsDelta!.Value, 1e-12);
        Assert.InRange(-3.5, row.DiffCi95![0], row.DiffCi95[1]);
        Assert.True(row.DiffCi95[1] - row.DiffCi95[0] > 0);
        Assert.Null(row.Note);

        ComparisonRow single = ExerciseComparison.Row("gmax", PhaseSelector.First, Metric.Mean, new[] { 3.0 }, b);
        Assert.Null(single.A.Sd);
        Assert.Null(single.WelchP);
        Assert.Equal("fewer than 2 repetitions on a side", single.Note);
    }
}
