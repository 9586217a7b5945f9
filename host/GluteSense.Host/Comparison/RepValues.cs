using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;

namespace GluteSense.Host.Comparison;

/// <summary>
/// Per-repetition values pulled out of an analysis for statistics: only included repetitions (not partial, no gap),
/// one value per repetition, for a bilateral muscle group (left and right averaged) or for one channel.
/// </summary>
public static class RepValues
{
    /// <summary>Value of <paramref name="metric"/> for <paramref name="group"/> in <paramref name="phase"/> of every
    /// included repetition; repetitions where it is missing are skipped. Onset = onset relative to the start of the
    /// movement (s, negative = before), phase ignored.</summary>
    public static double[] Of(AnalysisResult result, MuscleGroup group, PhaseSelector phase, Metric metric) =>
        Of(result, Channels(result, group), phase, metric);

    /// <summary>The same for one channel (gmax_l, ...).</summary>
    public static double[] OfChannel(AnalysisResult result, string channel, PhaseSelector phase, Metric metric) =>
        Of(result, new[] { channel }, phase, metric);

    /// <summary>The channels of <paramref name="group"/> in the recording.</summary>
    public static string[] Channels(AnalysisResult result, MuscleGroup group) =>
        result.Meta.Channels.Where(c => c.Group == group).Select(c => c.Name).ToArray();

    private static double[] Of(AnalysisResult result, string[] channels, PhaseSelector phase, Metric metric)
    {
        var values = new List<double>();
        foreach (RepResult rep in result.Reps.Where(r => !r.Excluded))
        {
            double? v = metric == Metric.Onset ? Onset(rep, channels) : PhaseValue(rep, channels, phase, metric);
            if (v is double d) values.Add(d);
        }

        return values.ToArray();
    }

    private static double? PhaseValue(RepResult rep, string[] channels, PhaseSelector phase, Metric metric)
    {
        PhaseResult? p = phase switch
        {
            PhaseSelector.First => rep.Phases.FirstOrDefault(),
            PhaseSelector.Eccentric => rep.Phases.FirstOrDefault(x => x.Kind == PhaseKind.Eccentric),
            PhaseSelector.Concentric => rep.Phases.FirstOrDefault(x => x.Kind == PhaseKind.Concentric),
            PhaseSelector.Hold => rep.Phases.FirstOrDefault(x => x.Kind == PhaseKind.Hold),
            _ => throw new ArgumentException($"phase '{phase.Name()}' has no {metric.Name()} (only onsets are per repetition)"),
        };
        if (p == null) return null;
        double[] v = channels.Select(c => p.Muscles.GetValueOrDefault(c)).OfType<MuscleMetrics>()
            .Select(m => metric == Metric.Peak ? m.Peak : m.Mean).ToArray();
        return v.Length == 0 ? null : v.Average();
    }

    private static double? Onset(RepResult rep, string[] channels)
    {
        double[] v = channels.Select(c => rep.OnsetsS.GetValueOrDefault(c)).OfType<double>().ToArray();
        return v.Length == 0 ? null : v.Min() - rep.StartS;
    }
}
