using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Reports;
using GluteSense.Host.Statistics;
using GluteSense.Host.Study;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Study;

/// <summary>
/// StudyAnalysis on tidy rows whose subject means are the paired samples of statsmodels' ttost_paired fixture
/// (tests/fixtures/equivalence_power_statsmodels.json, made by make_equivalence_power_fixture.py): the two-stage TOST and
/// d_z of the study equal statsmodels/scipy through the whole route (tidy rows -> subject means -> TOST), and the
/// sentences never turn "no evidence of a difference" into "no difference".
/// </summary>
public class StudyAnalysisReferenceTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("equivalence_power_statsmodels.json"))).RootElement;
    private static readonly OutcomeKey Gmax = StudyAnalysis.Primary[0];

    [Fact]
    public void StudyFiguresNameTheFactorOnTheAxis_NotSession()
    {
        Assert.Equal("Exercise", StudyReport.AxisLabel("exercise"));
        Assert.Equal("Condition", StudyReport.AxisLabel("condition"));
        var pairs = new[] { (1.0, 2.0), (2.0, 2.5), (1.5, 3.0) };
        byte[] session = Figures.Paired("f", "c", "gmax mean (%MVC)", "bridge", "pull-through", pairs).Png;
        byte[] exercise = Figures.Paired("f", "c", "gmax mean (%MVC)", "bridge", "pull-through", pairs, StudyReport.AxisLabel("exercise")).Png;
        Assert.NotEqual(session, exercise);   // the label is drawn: the study figure is not titled "Session"
    }

    private static double[] Values(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-300), $"{what}: statsmodels {expected:R}, study {actual:R}");
}
