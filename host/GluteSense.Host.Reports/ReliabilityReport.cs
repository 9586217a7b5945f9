using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Comparison;
using static GluteSense.Host.Reports.HtmlReport;

namespace GluteSense.Host.Reports;

/// <summary>The reliability study report (glutesense reliability --report).</summary>
public static class ReliabilityReport
{
    /// <summary>The report of <paramref name="file"/>: each outcome's ICC(A,1), SEM and MDC95, the refused outcomes, the
    /// subjects' two sets (<paramref name="pairs"/>) and the caveats.</summary>
    public static HtmlReport Build(ReliabilityFile file, IReadOnlyList<ReliabilityPair> pairs)
    {
        var report = new HtmlReport($"Test-retest reliability of the bridge outcomes, {file.Subjects} subjects");
        report.Paragraph($"Design: {file.Design}. Source: {file.Source}.");
        report.Table(new[] { "outcome", "units", "normalisation", "n", "ICC(A,1) (95 % CI)", "SEM", "MDC95", "grand mean" },
            file.Outcomes.Select(e => (IReadOnlyList<string>)new[]
            {
                e.Name, e.Units, e.Normalisation, e.N.ToString(),
                $"{N(e.IccA1, "0.00")} ({N(e.IccCi95[0], "0.00")} to {N(e.IccCi95[1], "0.00")})",
                N(e.Sem, "0.00"), N(e.Mdc95, "0.00"), N(e.GrandMean, "0.00"),
            }));
        if (file.Refused.Count > 0)
        {
            report.Heading("Not estimated");
            report.List(file.Refused.Select(r => $"{r.Name}: {r.Reason}"));
        }

        report.Heading("Subjects");
        report.Table(new[] { "subject", "set A", "set B" },
            pairs.Select(p => (IReadOnlyList<string>)new[] { p.Subject, p.SetA.Source, p.SetB.Source }));
        report.Heading("Caveats");
        report.List(new[]
        {
            "The SEM holds for people, sets, electrodes and procedures like these; a clinic with another set-up should measure its own.",
            "The audit divides a patient's change by this SEM: MDC95 is the smallest change between single sets that exceeds measurement "
                + "error with 95 % confidence.",
            "A wide ICC confidence interval means too few subjects: the SEM is uncertain too.",
        });
        return report;
    }
}
