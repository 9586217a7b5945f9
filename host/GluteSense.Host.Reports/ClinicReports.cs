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

    /// <summary>The audit report. <paramref name="banner"/> (for example <see cref="AuditText.SimulatedBanner"/>) heads the page.</summary>
    public static HtmlReport Audit(AuditResult audit, IReadOnlyList<AnalysisResult> test, IReadOnlyList<AnalysisResult> treat,
        IReadOnlyList<AnalysisResult> retest, string? banner = null)
    {
        string block = audit.Design == AuditDesign.Treat ? "Treat pull-throughs" : "Control block";
        var report = new HtmlReport($"Glute audit, subject {audit.Subject}: Test bridge / {block} / Re-test bridge");
        if (banner != null) report.Paragraph(banner, "verdict");
        report.Paragraph(audit.Verdict, "verdict");
        report.Heading("What this shows and what it cannot");
        report.List(audit.Caveats);
        report.Heading("Test vs re-test bridge, sets as the unit");
        report.Table(
            new[] { "outcome", "better", "test sets (mean)", "re-test sets (mean)", "change (%)", "threshold", "call", "threshold source" },
            audit.Outcomes.Select(o => (IReadOnlyList<string>)new[]
            {
                $"{o.Label} ({o.Units})", o.Better, Sets(o.Test), Sets(o.Retest),
                $"{N(o.Change, "+0.0;-0.0")} ({N(o.ChangePct, "+0;-0")} %)", o.Threshold is double t ? "+-" + N(t) : "-", o.Reading,
                o.ThresholdSource,
            }));
        report.Paragraph("Repetitions, for description only (they are not independent samples and do not enter the calls):");
        report.Table(new[] { "outcome", "test reps: n, mean +- SD", "re-test reps: n, mean +- SD" },
            audit.Outcomes.Select(o => (IReadOnlyList<string>)new[]
            {
                o.Name, $"{o.TestReps.Reps}, {N(o.TestReps.Mean)} +- {N(o.TestReps.Sd)}",
                $"{o.RetestReps.Reps}, {N(o.RetestReps.Mean)} +- {N(o.RetestReps.Sd)}",
            }));
        report.Table(new[] { "condition", "set", "eccentric (s)", "hold (s)", "concentric (s)" },
            audit.Tempo.Select(t => (IReadOnlyList<string>)new[]
            {
                t.Condition, t.Set, N(t.EccentricS), N(t.HoldS), N(t.ConcentricS),
            }));
        report.Paragraph("The sets as their meta.json records them (set-up differences between test and re-test are listed under the caveats):");
        report.Table(new[] { "condition", "set", "started at (UTC)", "load (kg)", "knee angle (deg)", "body mass (kg)", "cue", "pain (0-10)",
                "electrodes re-applied", "signal check" },
            audit.Sets.Select(f => (IReadOnlyList<string>)new[]
            {
                f.Condition.Name(), f.Set,
                f.StartedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                N(f.LoadKg), N(f.KneeAngleDeg), N(f.BodyMassKg), f.Cue ?? "-",
                f.PainNrs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                f.ElectrodesReapplied is bool r ? (r ? "yes" : "no") : "-", f.SignalCheckPassed is bool p ? (p ? "go" : "FAILED") : "not run",
            }));
        OnsetOrderCounts order = audit.OnsetOrder;
        report.Paragraph($"Onset order ({AnalysisJson.ExploratoryReason}): gluteus maximus fired before erector spinae in "
            + $"{order.TestGmaxFirst} of {order.TestReps} test repetitions and {order.RetestGmaxFirst} of {order.RetestReps} "
            + "re-test repetitions.");
        if (audit.PainBefore != null || audit.PainAfter != null)
        {
            report.Paragraph($"Pain (0-10 numeric rating): before {audit.PainBefore?.ToString() ?? "-"}, "
                + $"after {audit.PainAfter?.ToString() ?? "-"}.");
        }

        report.Add(Figures.Ensembles(AuditFigures[0], "Bridge EMG envelopes, first test set (dashed) vs first re-test set (solid): "
            + "mean +- SD over repetitions, each phase time-normalised to 0-100 %.",
            new[] { ("test set 1", test[0]), ("re-test set 1", retest[0]) }));

        report.Heading(block);
        if (audit.Treat != null) report.Paragraph(audit.Treat.Reading);
        var series = test.Select((s, i) => ($"test set {i + 1}", RepSeries(s)))
            .Concat(treat.Select((s, i) => ($"block set {i + 1}", RepSeries(s))))
            .Concat(retest.Select((s, i) => ($"re-test set {i + 1}", RepSeries(s)))).ToList();
        report.Add(Figures.RepScatter(AuditFigures[1], "Gluteus maximus activation per repetition, set by set: test, block, re-test.",
            $"GMax mean over the repetition ({audit.Units})", series));
        report.Add(Figures.OnsetOrder(AuditFigures[2], "Which muscle fired first, per repetition (first test set, then first re-test set): "
            + "bars above 0 = gluteus maximus first; " + AnalysisJson.ExploratoryReason + ".",
            new[] { ("test", test[0]), ("re-test", retest[0]) }));

        report.Heading("Form: lumbar and neck angles");
        report.Add(Figures.Angles(AuditFigures[3],
            "First test set: movement, lumbar and neck angles over time; shaded repetitions carry a form flag.",
            test[0], test[0].Settings.Form));
        report.Add(Figures.Angles(AuditFigures[4], "First re-test set: the same.", retest[0], retest[0].Settings.Form));
        for (int i = 0; i < test.Count; i++) RepTable(report, $"Test set {i + 1}, per repetition", test[i]);
        for (int i = 0; i < retest.Count; i++) RepTable(report, $"Re-test set {i + 1}, per repetition", retest[i]);
        report.Metadata(test.Select((s, i) => ($"Test set {i + 1}", s)).Concat(treat.Select((s, i) => ($"{block} set {i + 1}", s)))
            .Concat(retest.Select((s, i) => ($"Re-test set {i + 1}", s))));
        return report;
    }

    private static string Sets(ConditionSets c) => string.Join(", ", c.Sets.Select(v => N(v))) + $" ({N(c.Mean)})";

    /// <summary>Figure ids of the compare report.</summary>
    public static readonly string[] CompareFigures = { "ensemble-a", "ensemble-b", "gmax-first-phase", "onset-order" };

    /// <summary>The exercise comparison report (A against B): verdict, per-muscle and per-phase statistics, figures and ISEK metadata.</summary>
    public static HtmlReport Compare(ComparisonResult c, AnalysisResult a, AnalysisResult b)
    {
        var report = new HtmlReport($"Exercise comparison: {c.LabelA} vs {c.LabelB}");
        report.Paragraph(c.Verdict.Sentence, "verdict");
        report.Heading("Comparisons (A minus B; Holm-corrected across all rows)");
        report.Table(new[]
            {
                "muscle", "phase", "metric", "A mean +- SD (n)", "B mean +- SD (n)", "A - B (95 % CI)", "Hedges g", "Cliff's delta", "Welch p",
                "Mann-Whitney p", "Holm p",
            },
            c.Comparisons.Select(r => (IReadOnlyList<string>)new[]
            {
                r.Muscle, r.Phase.Name(), r.Metric.Name(), $"{N(r.A.Mean)} +- {N(r.A.Sd)} ({r.A.N})", $"{N(r.B.Mean)} +- {N(r.B.Sd)} ({r.B.N})",
                $"{N(r.A.Mean - r.B.Mean, "+0.0;-0.0")} ({N(r.DiffCi95?[0], "+0.0;-0.0")} to {N(r.DiffCi95?[1], "+0.0;-0.0")})",
                N(r.HedgesG, "0.00"), N(r.CliffsDelta, "0.00"), N(r.WelchP, "0.000"),
                N(r.MannWhitneyP, "0.000") + (r.MannWhitneyMethod == null ? "" : $" ({r.MannWhitneyMethod})"), N(r.PHolm, "0.000"),
            }));
        report.Add(Figures.Ensembles(CompareFigures[0], $"A: {c.LabelA}, EMG envelopes per phase (mean +- SD over repetitions).",
            new[] { ("A", a) }));
        report.Add(Figures.Ensembles(CompareFigures[1], $"B: {c.LabelB}, EMG envelopes per phase (mean +- SD over repetitions).",
            new[] { ("B", b) }));
        report.Add(Figures.RepScatter(CompareFigures[2], "Gluteus maximus activation in the first phase of each repetition.",
            $"GMax first-phase mean ({a.Units})",
            new[]
            {
                ("A " + c.LabelA, RepValues.Of(a, MuscleGroup.Gmax, PhaseSelector.First, Metric.Mean)),
                ("B " + c.LabelB, RepValues.Of(b, MuscleGroup.Gmax, PhaseSelector.First, Metric.Mean)),
            }));
        report.Add(Figures.OnsetOrder(CompareFigures[3],
            "Which muscle fired first, per repetition (A, then B): bars above 0 = gluteus maximus first; "
            + AnalysisJson.ExploratoryReason + ".", new[] { ("A", a), ("B", b) }));
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

    private static double[] RepSeries(AnalysisResult r) =>
        r.Reps.Where(x => !x.Excluded).Select(x => x.GmaxMean).OfType<double>().ToArray();

    private static void RepTable(HtmlReport report, string title, AnalysisResult r)
    {
        report.Heading(title);
        report.Table(new[]
            {
                "rep", "start (s)", "phases (s)", $"GMax ({r.Units})", $"ES ({r.Units})", "GMax:ES", "first", "lumbar range (deg)",
                "neck extension (deg)", "flags", "excluded",
            },
            r.Reps.Select(x => (IReadOnlyList<string>)new[]
            {
                x.Index.ToString(), N(x.StartS, "0.00"), string.Join(" / ", x.Phases.Select(p => $"{p.Kind.Name()} {N(p.DurationS, "0.0")}")),
                N(x.GmaxMean), N(x.EsMean), N(x.GmaxEsRatio, "0.00"), x.OnsetOrder.First?.Name() ?? "-", N(x.LumbarRangeDeg),
                N(x.CervicalExtensionDeg),
                string.Join(", ", x.Flags.Select(FlagText)), x.Excluded ? string.Join("; ", x.ExclusionReasons) : "",
            }));
        if (r.Reps.Any(x => x.Flags.Any(AnalysisJson.IsExploratory)))
        {
            bool fromEnvelope = r.Envelope.OnsetsFromEnvelope;
            report.Paragraph($"Flags marked (exploratory) are {AnalysisJson.ExploratoryReason}. es-before-gmax here means erector spinae "
                + $"switched on more than {N(r.Settings.Form.OnsetOrderTolerance(fromEnvelope), "0")} ms before gluteus maximus, "
                + "the measured onset error of "
                + (fromEnvelope
                    ? "onsets from the board's envelope alone (clinic mode; docs/analysis.md)."
                    : "onsets from raw EMG (docs/analysis.md)."));
        }
    }

    /// <summary>A flag's name, marked when it is exploratory.</summary>
    private static string FlagText(FormFlag flag) => AnalysisJson.IsExploratory(flag) ? flag.Name() + " (exploratory)" : flag.Name();
}

/// <summary>The cohort report.</summary>
public static class CohortReport
{
    /// <summary>Figure ids of the cohort report.</summary>
    public static readonly string[] FigureIds = { "cohort-gmax", "cohort-ratio" };

    /// <summary>The cohort report: per-subject change from test to re-test and the group statistics.</summary>
    public static HtmlReport Build(CohortResult c, IReadOnlyList<CohortSubject> subjects)
    {
        var report = new HtmlReport($"Cohort: test vs retest bridge, {c.Subjects} subjects");
        report.Paragraph(c.Verdict, "verdict");
        report.Table(new[]
            {
                "outcome", "better", "test mean", "retest mean", "change (95 % CI)", "paired t p (Holm)", "Wilcoxon p",
                "ICC(A,1) (95 % CI), no intervention", "SEM", "MDC95", "reading",
            },
            c.Outcomes.Select(o => (IReadOnlyList<string>)new[]
            {
                o.Name + (o.Units.Length > 0 ? $" ({o.Units})" : ""), o.Better, HtmlReport.N(o.Test.DefaultIfEmpty(double.NaN).Average()),
                HtmlReport.N(o.Retest.DefaultIfEmpty(double.NaN).Average()),
                $"{HtmlReport.N(o.Change?.Mean, "+0.0;-0.0")} ({HtmlReport.N(o.Change?.Low, "+0.0;-0.0")} to "
                    + $"{HtmlReport.N(o.Change?.High, "+0.0;-0.0")})",
                $"{HtmlReport.N(o.PairedT?.P, "0.000")} ({HtmlReport.N(o.PHolm, "0.000")})",
                HtmlReport.N(o.Wilcoxon?.P, "0.000") + (o.Wilcoxon == null ? "" : $" ({o.Wilcoxon.Method})"),
                o.Reliability is { } r
                    ? $"{HtmlReport.N(r.IccA1, "0.00")} ({HtmlReport.N(r.IccCi95[0], "0.00")} to {HtmlReport.N(r.IccCi95[1], "0.00")})"
                    : "no reliability file",
                HtmlReport.N(o.Reliability?.Sem), HtmlReport.N(o.Reliability?.Mdc95), o.Reading,
            }));
        report.Add(Figures.Paired(FigureIds[0], "GMax activation per subject, test and retest (teal: rose, orange: fell).",
            $"GMax mean ({c.Units})", "test", "retest", c.Outcomes[0].Test.Zip(c.Outcomes[0].Retest).ToList()));
        CohortOutcome ratio = c.Outcomes.First(o => o.Name == SetOutcomes.Named("gmax_es_log_ratio").Label);
        report.Add(Figures.Paired(FigureIds[1], "GMax:ES log ratio per subject, test and retest.", "ln(GMax/ES)", "test", "retest",
            ratio.Test.Zip(ratio.Retest).ToList()));
        report.Heading("Caveats");
        report.List(new[]
        {
            "Paired tests across subjects; a significant verdict needs the Holm-adjusted paired t-test and the Wilcoxon signed-rank test "
                + "to agree (p < 0.05).",
            "Without a control group the change from test to retest is not shown to be caused by the treatment.",
        });
        report.Metadata(subjects.Take(1).Select(s => ($"First subject ({s.Subject}), test", s.Test)));
        return report;
    }
}
