using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Statistics;
using GluteSense.Host.Study;

namespace GluteSense.Host.Reports;

/// <summary>
/// The study report: per outcome the reading (effect with its CI first, never a bare p), a figure of subject means by
/// level with a line joining each subject's two levels, the model table (fixed effects with SE, Satterthwaite df, t,
/// p, CI; variance components), the two-stage route and the equivalence verdict; then the ISEK/CEDE metadata.
/// </summary>
public static class StudyReport
{
    /// <summary>Figure id of an outcome (one per outcome that has a two-stage comparison).</summary>
    public static string FigureId(OutcomeKey o) => "study-" + string.Join("-", o.Channel, o.Phase, o.Metric).Replace(':', '_');

    /// <summary>The x axis title of a study figure: the factor compared ("Exercise", "Condition"), not "Session".</summary>
    public static string AxisLabel(string factor) => factor.Length == 0 ? factor : char.ToUpperInvariant(factor[0]) + factor[1..];

    /// <summary>The Hodges-Lehmann row: estimate and CI at the level reached (a discrete distribution may not reach 95 %).</summary>
    private static string HodgesLehmannText(PseudoMedian? h) => h == null ? "undefined"
        : $"{HtmlReport.N(h.Estimate, "+0.00;-0.00")} ({HtmlReport.N(100 * h.Level, "0.#")} % CI {HtmlReport.N(h.Low, "0.00")} to "
          + $"{HtmlReport.N(h.High, "0.00")}, {h.Method})";

    /// <summary>The report of <paramref name="result"/>; <paramref name="rows"/> give the repetition and exclusion counts and
    /// <paramref name="sets"/> the set count and the metadata (taken from the first set).</summary>
    public static HtmlReport Build(StudyResult result, IReadOnlyList<TidyRow> rows, IReadOnlyList<StudySet> sets)
    {
        var report = new HtmlReport($"Study: {string.Join(" vs ", result.Levels)} ({result.Factor}), {result.Subjects} subjects");
        int excluded = rows.Where(r => r.Excluded).Select(r => (r.Subject, r.Set, r.Rep)).Distinct().Count();
        int reps = rows.Select(r => (r.Subject, r.Set, r.Rep)).Distinct().Count();
        report.Paragraph($"{result.Subjects} subjects, {sets.Count} sets, {reps} repetitions ({excluded} excluded: "
            + $"partial or overlapping a data gap). " +
            $"Amplitudes in {result.Units}, each subject normalised to their own MVC. Reference level: {result.Levels[0]}.");
        foreach (OutcomeResult o in result.Outcomes)
        {
            report.Heading($"{(o.Primary ? "Primary" : "Secondary")}: {o.Outcome} ({o.Units})");
            report.Paragraph(o.Reading, "verdict");
            if (o.Model is MixedModelFit m)
            {
                report.Paragraph($"Mixed model {m.Formula}, REML, {m.NObs} repetitions from {m.NSubjects} subjects; "
                    + $"denominator df by {m.DfMethod}." +
                    (m.Singular ? " A variance component is estimated at zero (singular fit)." : ""));
                report.Table(new[] { "term", "estimate (95 % CI)", "SE", "df", "t", "p" }, m.Fixed.Select(f => (IReadOnlyList<string>)new[]
                {
                    f.Term, $"{HtmlReport.N(f.Estimate, "0.00")} ({HtmlReport.N(f.Ci95.Low, "0.00")} to {HtmlReport.N(f.Ci95.High, "0.00")})",
                    HtmlReport.N(f.Se, "0.000"), HtmlReport.N(f.Df, "0.0"), HtmlReport.N(f.T, "0.00"), StudyAnalysis.P(f.P),
                }));
                report.Table(new[] { "random effect", "variance" }, m.Random.Select(r => (IReadOnlyList<string>)new[]
                {
                    r.Group + " " + r.Term + (r.Term2 == null ? "" : " x " + r.Term2 + " (covariance)"), HtmlReport.N(r.Variance, "0.000"),
                }));
            }

            foreach (TwoStage s in o.TwoStage)
            {
                report.Table(new[] { "two-stage (subject means)", "value" }, new[]
                {
                    new[] { $"{s.Level} - {s.Reference} (95 % CI)",
                        $"{HtmlReport.N(s.Difference.Mean, "+0.00;-0.00")} ({HtmlReport.N(s.Difference.Low, "0.00")} to "
                        + $"{HtmlReport.N(s.Difference.High, "0.00")})" },
                    new[] { "d_z (95 % CI)",
                        $"{HtmlReport.N(s.Dz.Value, "0.00")} ({HtmlReport.N(s.Dz.Ci95.Low, "0.00")} to "
                        + $"{HtmlReport.N(s.Dz.Ci95.High, "0.00")})" },
                    new[] { "paired t", $"t({s.PairedT.Df:0}) = {HtmlReport.N(s.PairedT.T, "0.00")}, {StudyAnalysis.P(s.PairedT.P)}" },
                    new[] { "Wilcoxon signed-rank",
                        s.Wilcoxon == null ? "undefined" : $"{StudyAnalysis.P(s.Wilcoxon.P)} ({s.Wilcoxon.Method})" },
                    new[] { "Hodges-Lehmann (pseudomedian) difference", HodgesLehmannText(s.HodgesLehmann) },
                    new[] { "equivalence (TOST)", s.Tost == null ? "no SESOI given: a non-significant result is not evidence of no "
                        + "difference" : Equivalence.Wording(s.Tost.Verdict, s.Tost.High, o.Units) + $", {StudyAnalysis.P(s.Tost.P)}" },
                }.Select(r => (IReadOnlyList<string>)r));
                report.Add(
                    Figures.Paired(FigureId(o.Outcome), $"{o.Outcome}: each subject's mean, {s.Reference} and {s.Level}, joined by a line.",
                    $"{o.Outcome.Channel} {o.Outcome.Metric} ({o.Units})", s.Reference, s.Level, s.ReferenceMeans.Zip(s.LevelMeans).ToList(),
                    AxisLabel(result.Factor)));
            }

            if (o.Problem != null) report.Paragraph(o.Problem);
        }

        report.Heading("How to read this");
        report.List(new[]
        {
            "Primary outcomes were declared before the data and are not adjusted; Holm's correction applies across the secondary outcomes "
                + "only.",
            "The mixed model uses every repetition and lets subjects and sets differ in level; the two-stage route (one mean per subject "
                + "and level) is its robustness check.",
            "A p above 0.05 means no evidence of a difference, not evidence of no difference; only an equivalence test (--sesoi) can show "
                + "the latter.",
        });
        report.Metadata(sets.Take(1).Select(s => ($"First set ({s.Design.Subject} {s.Design.Set})", s.Analysis)));
        return report;
    }
}
