using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Host.Analysis;

namespace GluteSense.Host.Study;

/// <summary>
/// One value of the tidy long table (reps.csv): subject x session x set x rep x phase x channel x metric. Excluded
/// repetitions are present with <see cref="Excluded"/> true and left out of every model.
/// </summary>
public sealed record TidyRow(
    string Subject, string Session, string Exercise, string Condition, string Set, int Rep, string Phase, string Channel,
    string Metric, double Value, string Units, string Normalisation, bool Excluded, string Flags);

/// <summary>
/// The tidy export: what R (lme4), JASP or pandas load directly. Channels are the four electrodes plus <c>gmax</c> and
/// <c>es</c> (left and right averaged; onset_rel_s only when both sides have an onset); per phase the metrics mean, peak,
/// integrated and onset_rel_s, and
/// <c>gmax:es</c> log_ratio (natural log of GMax mean over ES mean); per repetition (phase <c>rep</c>) the
/// <c>lumbar</c> range_deg (lumbar flexion/extension range, L3 relative to S1).
/// </summary>
public static class TidyTable
{
    /// <summary>
    /// Channel and phase names beyond the electrodes' own: <c>gmax</c> and <c>es</c> (left and right averaged), <c>gmax:es</c>
    /// (the log ratio's channel), <c>lumbar</c> (L3 relative to S1) and <c>rep</c> (the phase of per-repetition values).
    /// </summary>
    public const string Gmax = "gmax", Es = "es", Ratio = "gmax:es", Lumbar = "lumbar", WholeRep = "rep";
    /// <summary>
    /// Metric names: envelope mean and peak (amplitude units), integrated (units x s), onset_rel_s (onset minus phase start,
    /// s), log_ratio (ln of GMax mean over ES mean) and range_deg (lumbar flexion/extension range, deg).
    /// </summary>
    public const string Mean = "mean", Peak = "peak", Integrated = "integrated", OnsetRelS = "onset_rel_s", LogRatio = "log_ratio",
        RangeDeg = "range_deg";

    /// <summary>Column names of reps.csv, in order.</summary>
    public static readonly string[] Columns =
    {
        "subject", "session", "exercise", "condition", "set", "rep", "phase", "channel", "metric", "value", "units", "normalisation",
        "excluded", "flags",
    };

    /// <summary>The rows of one analysed set.</summary>
    public static IEnumerable<TidyRow> Rows(DesignRow design, AnalysisResult result)
    {
        string units = result.Units, norm = result.Normalisation.Method.ToString().ToLowerInvariant();
        string[] gmax = Comparison.RepValues.Channels(result, MuscleGroup.Gmax);
        string[] es = Comparison.RepValues.Channels(result, MuscleGroup.Es);
        foreach (RepResult rep in result.Reps)
        {
            // Flag names only (partial, data-gap, lumbar-motion, ...): the exclusion sentences may hold commas.
            string flags = string.Join(";", rep.Flags.Select(f => f.Name()).Distinct());
            TidyRow Row(string phase, string channel, string metric, double value, string rowUnits) =>
                new(design.Subject, design.Session, design.Exercise, design.Condition, design.Set, rep.Index, phase, channel, metric, value,
                    rowUnits, norm, rep.Excluded, flags);

            foreach (PhaseResult phase in rep.Phases)
            {
                string kind = phase.Kind.Name();
                foreach ((string channel, MuscleMetrics? m) in phase.Muscles.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (m == null) continue;
                    yield return Row(kind, channel, Mean, m.Mean, units);
                    yield return Row(kind, channel, Peak, m.Peak, units);
                    yield return Row(kind, channel, Integrated, m.Integrated, units + "*s");
                    if (m.OnsetRelS is double onset) yield return Row(kind, channel, OnsetRelS, onset, "s");
                }

                foreach ((string group, string[] channels) in new[] { (Gmax, gmax), (Es, es) })
                {
                    MuscleMetrics[] ms = channels.Select(c => phase.Muscles.GetValueOrDefault(c)).OfType<MuscleMetrics>().ToArray();
                    if (ms.Length != channels.Length || ms.Length == 0) continue;   // a side missing: no bilateral value
                    yield return Row(kind, group, Mean, ms.Average(m => m.Mean), units);
                    yield return Row(kind, group, Peak, ms.Average(m => m.Peak), units);
                    yield return Row(kind, group, Integrated, ms.Average(m => m.Integrated), units + "*s");
                    double?[] onsets = ms.Select(m => m.OnsetRelS).ToArray();
                    if (onsets.All(o => o != null)) yield return Row(kind, group, OnsetRelS, onsets.Average(o => o!.Value), "s");
                }

                double? g = Average(phase, gmax), e = Average(phase, es);
                if (g > 0 && e > 0) yield return Row(kind, Ratio, LogRatio, Math.Log(g.Value / e.Value), "ln");
            }

            if (rep.LumbarRangeDeg is double lumbar) yield return Row(WholeRep, Lumbar, RangeDeg, lumbar, "deg");
        }
    }

    /// <summary>Writes reps.csv (invariant culture, full precision, flags separated by semicolons).</summary>
    public static void Write(string path, IEnumerable<TidyRow> rows)
    {
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(",", Columns) + "\n");
        foreach (TidyRow r in rows)
        {
            writer.Write(string.Join(",", r.Subject, r.Session, r.Exercise, r.Condition, r.Set,
                r.Rep.ToString(CultureInfo.InvariantCulture), r.Phase,
                r.Channel, r.Metric, r.Value.ToString("R", CultureInfo.InvariantCulture), r.Units, r.Normalisation,
                r.Excluded ? "true" : "false", r.Flags) + "\n");
        }
    }

    private static double? Average(PhaseResult phase, string[] channels)
    {
        MuscleMetrics[] ms = channels.Select(c => phase.Muscles.GetValueOrDefault(c)).OfType<MuscleMetrics>().ToArray();
        return ms.Length == channels.Length && ms.Length > 0 ? ms.Average(m => m.Mean) : null;
    }
}
