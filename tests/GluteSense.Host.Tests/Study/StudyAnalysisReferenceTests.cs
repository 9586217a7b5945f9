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

    public static IEnumerable<object[]> Cases() => Fixture.GetProperty("tost_paired").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    /// <summary>Subject i does 2 sets x 2 reps of each exercise; the four values of a level average to x (pull-through) or
    /// y (bridge, the reference), so the two-stage route sees exactly the fixture's pairs.</summary>
    private static List<TidyRow> Rows(double[] pullThrough, double[] bridge)
    {
        var rows = new List<TidyRow>();
        for (int i = 0; i < pullThrough.Length; i++)
        {
            foreach ((string exercise, double mean) in new[] { ("bridge", bridge[i]), ("pull-through", pullThrough[i]) })
            {
                for (int set = 1; set <= 2; set++)
                {
                    for (int rep = 1; rep <= 2; rep++)
                    {
                        double value = mean + (set == 1 ? 0.4 : -0.4) * (1 + 0.1 * i) + (rep == 1 ? 0.25 : -0.25);
                        rows.Add(new TidyRow($"S{i + 1:D2}", "1", exercise, "", $"{exercise}-{set}", rep, Gmax.Phase, Gmax.Channel, Gmax.Metric, value,
                            "%MVC", "mvc", false, ""));
                    }
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoStageTostAndDzEqualStatsmodelsThroughTheStudy(string name)
    {
        JsonElement c = Fixture.GetProperty("tost_paired").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        double[] x1 = Values(c, "x1"), x2 = Values(c, "x2");
        double bound = c.GetProperty("upp").GetDouble();
        Assert.Equal(-bound, c.GetProperty("low").GetDouble());   // the study's bounds are symmetric: +-SESOI
        OutcomeResult o = StudyAnalysis.Run(Rows(x1, x2), bound).Outcomes.Single(r => r.Outcome == Gmax);
        TwoStage s = Assert.Single(o.TwoStage);
        Assert.Equal(("pull-through", "bridge"), (s.Level, s.Reference));
        Tost tost = s.Tost!;
        Close(c.GetProperty("p").GetDouble(), tost.P, 1e-8, name + " TOST p");
        Close(c.GetProperty("t_lower").GetDouble(), tost.TLower, 1e-8, name + " t lower");
        Close(c.GetProperty("t_upper").GetDouble(), tost.TUpper, 1e-8, name + " t upper");
        Close(c.GetProperty("dz").GetDouble(), s.Dz.Value, 1e-8, name + " d_z");
        double[] ci = Values(c, "dz_ci95");
        Close(ci[0], s.Dz.Ci95.Low, 1e-7, name + " d_z low");
        Close(ci[1], s.Dz.Ci95.High, 1e-7, name + " d_z high");
        EquivalenceVerdict expected = name switch
        {
            "clear_difference" => EquivalenceVerdict.Different,
            "inconclusive_small" => EquivalenceVerdict.Inconclusive,
            _ => EquivalenceVerdict.Equivalent,
        };
        Assert.Equal(expected, tost.Verdict);
        Assert.Contains("equivalence test: " + expected.ToString().ToLowerInvariant(), o.Reading);
        Assert.StartsWith("pull-through - bridge: ", o.Reading);   // the effect (with its CI) first, then p
    }

    [Fact]
    public void ANonSignificantOutcomeIsNoEvidence_NeverNoDifference_UnlessTheTostSaysEquivalent()
    {
        JsonElement c = Fixture.GetProperty("tost_paired").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "clear_equivalence");
        List<TidyRow> rows = Rows(Values(c, "x1"), Values(c, "x2"));
        OutcomeResult plain = StudyAnalysis.Run(rows).Outcomes.Single(r => r.Outcome == Gmax);
        Assert.True(plain.Model!.Fixed[1].P >= StudyAnalysis.Alpha, "the fixture's equivalent pair is not significant");
        Assert.Contains("no evidence of a difference (which is not evidence of no difference)", plain.Reading);
        Assert.DoesNotContain("equivalen", plain.Reading);
        Assert.Equal(plain.Reading.IndexOf("no difference", StringComparison.Ordinal), plain.Reading.IndexOf("not evidence of no difference", StringComparison.Ordinal) + 16);
        Assert.Matches(@"^pull-through - bridge: [+-]\d+\.\d\d %MVC \(95 % CI -?\d+\.\d\d to -?\d+\.\d\d\), p = 0\.\d{3} \(mixed model, Satterthwaite df", plain.Reading);

        OutcomeResult tested = StudyAnalysis.Run(rows, 1.0).Outcomes.Single(r => r.Outcome == Gmax);
        Assert.Contains("equivalence test: equivalent: the difference lies within ±1 %MVC (TOST p < 0.05)", tested.Reading);
    }

    [Fact]
    public void ACrossedExerciseByConditionDesignIsRefused_OneFactorAtATime()
    {
        List<TidyRow> rows = Rows(new[] { 1.0, 2, 3 }, new[] { 1.5, 2.5, 2.0 });
        rows = rows.Select((r, i) => r with { Condition = i % 2 == 0 ? "slow" : "fast" }).ToList();
        var e = Assert.Throws<ArgumentException>(() => StudyAnalysis.Run(rows));
        Assert.Equal("both exercise and condition vary: analyse one factor at a time (one design per comparison)", e.Message);
        (string factor, _) = StudyAnalysis.Factor(rows.Where(r => r.Condition == "slow").ToList());
        Assert.Equal("exercise", factor);
    }

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

    [Theory]
    [InlineData(-0.004, "+0.00;-0.00", "+0.00")]   // .NET alone writes "-+0.00"
    [InlineData(-0.004, "0.00", "0.00")]           // .NET alone writes "-0.00"
    [InlineData(-0.0, "+0.0;-0.0", "+0.0")]
    [InlineData(-0.006, "+0.00;-0.00", "-0.01")]
    [InlineData(-0.006, "0.00", "-0.01")]
    [InlineData(0.004, "+0.00;-0.00", "+0.00")]
    [InlineData(-12.5, "0.0", "-12.5")]
    public void NumbersThatRoundToZeroCarryNoMinus(double value, string format, string expected)
    {
        Assert.Equal(expected, NumberText.Format(value, format));
        Assert.Equal(expected, HtmlReport.N(value, format));
    }

    /// <summary>The audit's and the treat block's interpolated sentences go through the same rule (they wrote
    /// "-+0.00 %MVC per repetition" for a slope just below zero), for doubles and floats, and leave other values alone.</summary>
    [Fact]
    public void InterpolatedSentencesCarryNoNegativeZero()
    {
        double slope = -0.004;
        float bias = -0.0001f;
        Assert.Equal("slope +0.00 per rep, bias 0.0, n 12, -0.01", NumberText.Sentence($"slope {slope:+0.00;-0.00} per rep, bias {bias:0.0}, n {12}, {-0.006:0.00}"));
        Assert.Equal("1.5 0.1", NumberText.Sentence($"{1.5} {0.1f}"));
    }

    private static double[] Values(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-300), $"{what}: statsmodels {expected:R}, study {actual:R}");
}
