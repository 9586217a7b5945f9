using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GluteSense.Host.Comparison;

/// <summary>The audit as console lines: the verdict never appears without its caveats (CLI and demo alike).</summary>
public static class AuditText
{
    /// <summary>Banner of every output made from simulated recordings.</summary>
    public const string SimulatedBanner = "SIMULATED DATA - not a patient";

    /// <summary>
    /// The verdict, one line per outcome with its set values, the tempo, each set's meta.json facts, the treat block and then the caveats.
    /// </summary>
    public static IReadOnlyList<string> Lines(AuditResult audit)
    {
        var lines = new List<string> { audit.Verdict, "" };
        foreach (AuditOutcome o in audit.Outcomes)
        {
            string sets(ConditionSets c) => string.Join(" ", c.Sets.Select(v => v.ToString("0.0##", CultureInfo.InvariantCulture)));
            lines.Add($"  {o.Name,-18} test [{sets(o.Test)}] re-test [{sets(o.Retest)}] {o.Units}: {o.Reading}");
            // Where the threshold came from, as the report's table says it (a cannot-judge reading already gives the reason).
            if (o.Threshold != null) lines.Add($"  {"",-18} threshold from {o.ThresholdSource}");
        }

        if (audit.Tempo.Count > 0)
        {
            lines.Add("  tempo (eccentric / hold / concentric, s): " + string.Join("; ", audit.Tempo.Select(t =>
                string.Create(CultureInfo.InvariantCulture, $"{t.Set} {t.EccentricS:0.0}/{t.HoldS:0.0}/{t.ConcentricS:0.0}"))));
        }

        if (audit.Sets.Count > 0)
        {
            lines.Add("  sets, as their meta.json records them:");
            lines.AddRange(audit.Sets.Select(f => "    " + AuditSets.Describe(f)));
        }

        if (audit.Treat != null) lines.Add("Treat block: " + audit.Treat.Reading);
        lines.Add("Caveats:");
        lines.AddRange(audit.Caveats.Select(c => "  - " + c));
        return lines;
    }
}
