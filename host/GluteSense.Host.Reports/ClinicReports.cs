using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using static GluteSense.Host.Reports.HtmlReport;

namespace GluteSense.Host.Reports;

/// <summary>The audit and compare reports (self-contained HTML, docs/reports.md).</summary>
public static class ClinicReports
{
    /// <summary>Figure ids of the audit report, in page order.</summary>
    public static readonly string[] AuditFigures = { "ensemble-test-retest", "gmax-per-rep", "onset-order", "angles-test", "angles-retest" };

    public static HtmlReport Audit(AuditResult audit, AnalysisResult test, AnalysisResult treat, AnalysisResult retest)
    {
        var report = new HtmlReport($"Glute audit, subject {audit.Subject}: Test bridge / Treat pull-throughs / Re-test bridge");
        report.Paragraph(audit.Verdict, "verdict");
        report.Heading("Test vs re-test bridge");
        report.Table(new[] { "outcome", "better", "test mean +- SD (n)", "re-test mean +- SD (n)", "change (95 % CI)", "Hedges g", "Holm p", "MDC95", "reading" },
            audit.Outcomes.Select(o => (IReadOnlyList<string>)new[]
            {
                $"{o.Name} ({o.Units})", o.Better, $"{N(o.Test.Mean)} +- {N(o.Test.Sd)} ({o.Test.N})", $"{N(o.Retest.Mean)} +- {N(o.Retest.Sd)} ({o.Retest.N})",
                $"{N(o.Change, "+0.0;-0.0")} ({N(o.ChangeCi95?[0], "+0.0;-0.0")} to {N(o.ChangeCi95?[1], "+0.0;-0.0")})", N(o.HedgesG, "0.00"), N(o.PHolm, "0.000"), N(o.Mdc95), o.Reading,
            }));
        report.Paragraph($"Onset order: gluteus maximus fired before erector spinae in {audit.OnsetOrder.TestGmaxFirst} of {audit.OnsetOrder.TestReps} test repetitions and {audit.OnsetOrder.RetestGmaxFirst} of {audit.OnsetOrder.RetestReps} re-test repetitions.");
        if (audit.PainBefore != null || audit.PainAfter != null) report.Paragraph($"Pain (0-10 numeric rating): before {audit.PainBefore?.ToString() ?? "-"}, after {audit.PainAfter?.ToString() ?? "-"}.");
        report.Add(Figures.Ensembles(AuditFigures[0], "Bridge EMG envelopes, test (dashed) vs re-test (solid): mean +- SD over repetitions, each phase time-normalised to 0-100 %.",
            new[] { ("test", test), ("re-test", retest) }));

        report.Heading("Treat block (pull-throughs)");
        report.Paragraph(audit.Treat.Reading);
        report.Add(Figures.RepScatter(AuditFigures[1], "Gluteus maximus activation per repetition: test bridge, pull-through block, re-test bridge.",
            $"GMax mean over the repetition ({test.Units})", new[]
            {
                ("test bridge", RepSeries(test)), ("pull-throughs", RepSeries(treat)), ("re-test bridge", RepSeries(retest)),
            }));
        report.Add(Figures.OnsetOrder(AuditFigures[2], "Which muscle fired first, per repetition (test, then re-test): bars above 0 = gluteus maximus first.",
            new[] { ("test", test), ("re-test", retest) }));

        report.Heading("Form: lumbar and neck angles");
        report.Add(Figures.Angles(AuditFigures[3], "Test bridge: movement, lumbar and neck angles over time; shaded repetitions carry a form flag.", test, test.Settings.Form));
        report.Add(Figures.Angles(AuditFigures[4], "Re-test bridge: the same.", retest, retest.Settings.Form));
        RepTable(report, "Test bridge, per repetition", test);
        RepTable(report, "Re-test bridge, per repetition", retest);

        report.Heading("Caveats");
        report.List(audit.Caveats);
        report.Metadata(new[] { ("Test bridge", test), ("Treat pull-throughs", treat), ("Re-test bridge", retest) });
        return report;
    }

    /// <summary>Figure ids of the compare report.</summary>
    public static readonly string[] CompareFigures = { "ensemble-a", "ensemble-b", "gmax-first-phase", "onset-order" };

    public static HtmlReport Compare(ComparisonResult c, AnalysisResult a, AnalysisResult b)
    {
        var report = new HtmlReport($"Exercise comparison: {c.LabelA} vs {c.LabelB}");
        report.Paragraph(c.Verdict.Sentence, "verdict");
        report.Heading("Comparisons (A minus B; Holm-corrected across all rows)");
        report.Table(new[] { "muscle", "phase", "metric", "A mean +- SD (n)", "B mean +- SD (n)", "A - B (95 % CI)", "Hedges g", "Cliff's delta", "Welch p", "Mann-Whitney p", "Holm p" },
            c.Comparisons.Select(r => (IReadOnlyList<string>)new[]
            {
                r.Muscle, r.Phase.Name(), r.Metric.Name(), $"{N(r.A.Mean)} +- {N(r.A.Sd)} ({r.A.N})", $"{N(r.B.Mean)} +- {N(r.B.Sd)} ({r.B.N})",
                $"{N(r.A.Mean - r.B.Mean, "+0.0;-0.0")} ({N(r.DiffCi95?[0], "+0.0;-0.0")} to {N(r.DiffCi95?[1], "+0.0;-0.0")})",
                N(r.HedgesG, "0.00"), N(r.CliffsDelta, "0.00"), N(r.WelchP, "0.000"), N(r.MannWhitneyP, "0.000") + (r.MannWhitneyMethod == null ? "" : $" ({r.MannWhitneyMethod})"), N(r.PHolm, "0.000"),
            }));
        report.Add(Figures.Ensembles(CompareFigures[0], $"A: {c.LabelA}, EMG envelopes per phase (mean +- SD over repetitions).", new[] { ("A", a) }));
        report.Add(Figures.Ensembles(CompareFigures[1], $"B: {c.LabelB}, EMG envelopes per phase (mean +- SD over repetitions).", new[] { ("B", b) }));
        report.Add(Figures.RepScatter(CompareFigures[2], "Gluteus maximus activation in the first phase of each repetition.", $"GMax first-phase mean ({a.Units})",
            new[] { ("A " + c.LabelA, RepValues.Of(a, MuscleGroup.Gmax, PhaseSelector.First, Metric.Mean)), ("B " + c.LabelB, RepValues.Of(b, MuscleGroup.Gmax, PhaseSelector.First, Metric.Mean)) }));
        report.Add(Figures.OnsetOrder(CompareFigures[3], "Which muscle fired first, per repetition (A, then B): bars above 0 = gluteus maximus first.", new[] { ("A", a), ("B", b) }));
        RepTable(report, "A, per repetition", a);
        RepTable(report, "B, per repetition", b);
        report.Heading("Caveats");
        report.List(new[]
        {
            "One subject's repetitions are the samples: the result describes this person on this day.",
            "Normalisation: " + c.Normalisation + ".",
        });
        report.Metadata(new[] { ("A: " + c.LabelA, a), ("B: " + c.LabelB, b) });
        return report;
    }

    private static double[] RepSeries(AnalysisResult r) => r.Reps.Where(x => !x.Excluded).Select(x => x.GmaxMean).OfType<double>().ToArray();

    private static void RepTable(HtmlReport report, string title, AnalysisResult r)
    {
        report.Heading(title);
        report.Table(new[] { "rep", "start (s)", "phases (s)", $"GMax ({r.Units})", $"ES ({r.Units})", "GMax:ES", "first", "lumbar range (deg)", "neck extension (deg)", "flags", "excluded" },
            r.Reps.Select(x => (IReadOnlyList<string>)new[]
            {
                x.Index.ToString(), N(x.StartS, "0.00"), string.Join(" / ", x.Phases.Select(p => $"{p.Kind.Name()} {N(p.DurationS, "0.0")}")),
                N(x.GmaxMean), N(x.EsMean), N(x.GmaxEsRatio, "0.00"), x.OnsetOrder.First?.Name() ?? "-", N(x.LumbarRangeDeg), N(x.CervicalExtensionDeg),
                string.Join(", ", x.Flags.Select(f => f.Name())), x.Excluded ? string.Join("; ", x.ExclusionReasons) : "",
            }));
    }
}

/// <summary>The cohort report.</summary>
public static class CohortReport
{
    /// <summary>Figure ids of the cohort report.</summary>
    public static readonly string[] FigureIds = { "cohort-gmax", "cohort-ratio" };

    public static HtmlReport Build(CohortResult c, IReadOnlyList<CohortSubject> subjects)
    {
        var report = new HtmlReport($"Cohort: test vs retest bridge, {c.Subjects} subjects");
        report.Paragraph(c.Verdict, "verdict");
        report.Table(new[] { "outcome", "better", "test mean", "retest mean", "change (95 % CI)", "paired t p (Holm)", "Wilcoxon p", "ICC(3,1)", "SEM", "MDC95", "reading" },
            c.Outcomes.Select(o => (IReadOnlyList<string>)new[]
            {
                o.Name + (o.Units.Length > 0 ? $" ({o.Units})" : ""), o.Better, HtmlReport.N(o.Test.DefaultIfEmpty(double.NaN).Average()), HtmlReport.N(o.Retest.DefaultIfEmpty(double.NaN).Average()),
                $"{HtmlReport.N(o.Change?.Mean, "+0.0;-0.0")} ({HtmlReport.N(o.Change?.Low, "+0.0;-0.0")} to {HtmlReport.N(o.Change?.High, "+0.0;-0.0")})",
                $"{HtmlReport.N(o.PairedT?.P, "0.000")} ({HtmlReport.N(o.PHolm, "0.000")})", HtmlReport.N(o.Wilcoxon?.P, "0.000") + (o.Wilcoxon == null ? "" : $" ({o.Wilcoxon.Method})"),
                HtmlReport.N(o.Repeatability?.Icc31, "0.00"), HtmlReport.N(o.Repeatability?.SemUnits), HtmlReport.N(o.Repeatability?.Mdc95Units), o.Reading,
            }));
        report.Add(Figures.Paired(FigureIds[0], "GMax activation per subject, test and retest (teal: rose, orange: fell).", $"GMax mean ({c.Units})", "test", "retest",
            c.Outcomes[0].Test.Zip(c.Outcomes[0].Retest).ToList()));
        report.Add(Figures.Paired(FigureIds[1], "GMax:ES ratio per subject, test and retest.", "GMax:ES ratio", "test", "retest",
            c.Outcomes[1].Test.Zip(c.Outcomes[1].Retest).ToList()));
        report.Heading("Caveats");
        report.List(new[]
        {
            "Paired tests across subjects; a significant verdict needs the Holm-adjusted paired t-test and the Wilcoxon signed-rank test to agree (p < 0.05).",
            "Without a control group the change from test to retest is not shown to be caused by the treatment.",
        });
        report.Metadata(subjects.Take(1).Select(s => ($"First subject ({s.Subject}), test", s.Test)));
        return report;
    }
}
