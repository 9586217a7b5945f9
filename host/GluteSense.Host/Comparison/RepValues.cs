using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;

namespace GluteSense.Host.Comparison;

/// <summary>
/// Per-repetition values pulled out of an analysis for statistics: only included repetitions (not partial, no gap),
/// one value per repetition. Muscle names are channels (gmax_l, ...) or the bilateral groups "gmax" and "es".
/// </summary>
public static class RepValues
{
    /// <summary>Phase selector meaning "the first phase of each repetition" (eccentric in the pull-through,
    /// concentric in the bridge): the phase the eccentric-first theory is about.</summary>
    public const string FirstPhase = "first";

    /// <summary>Bilateral groups.</summary>
    public const string Gmax = "gmax", Es = "es";

    /// <summary>Metrics compare understands.</summary>
    public static readonly string[] Metrics = { "mean", "peak", "onset" };

    /// <summary>Value of <paramref name="metric"/> for <paramref name="muscle"/> in phase <paramref name="phase"/>
    /// (kind or <see cref="FirstPhase"/>) of every included repetition; repetitions where it is missing are skipped.
    /// Onset = onset relative to the start of the movement (s, negative = before), phase ignored.</summary>
    public static double[] Of(AnalysisResult result, string muscle, string phase, string metric)
    {
        var values = new List<double>();
        foreach (RepResult rep in result.Reps.Where(r => !r.Excluded))
        {
            double? v = metric switch
            {
                "onset" => Onset(rep, muscle, result),
                "mean" or "peak" => PhaseValue(rep, muscle, phase, metric, result),
                _ => throw new ArgumentException($"unknown metric '{metric}' (expected {string.Join(", ", Metrics)})"),
            };
            if (v is double d) values.Add(d);
        }

        return values.ToArray();
    }

    /// <summary>Channels of <paramref name="muscle"/>: itself, or every channel of a bilateral group.</summary>
    public static string[] Channels(AnalysisResult result, string muscle)
    {
        string wanted = muscle switch { Gmax => RecordingAnalyzer.GluteusMaximus, Es => RecordingAnalyzer.ErectorSpinae, _ => "" };
        return wanted.Length == 0 ? new[] { muscle } : result.Meta.Channels.Where(c => c.Muscle == wanted).Select(c => c.Name).ToArray();
    }

    private static double? PhaseValue(RepResult rep, string muscle, string phase, string metric, AnalysisResult result)
    {
        PhaseResult? p = phase == FirstPhase ? rep.Phases.FirstOrDefault() : rep.Phases.FirstOrDefault(x => x.Kind == phase);
        if (p == null) return null;
        double[] v = Channels(result, muscle).Select(c => p.Muscles.GetValueOrDefault(c)).OfType<MuscleMetrics>()
            .Select(m => metric == "peak" ? m.Peak : m.Mean).ToArray();
        return v.Length == 0 ? null : v.Average();
    }

    private static double? Onset(RepResult rep, string muscle, AnalysisResult result)
    {
        double[] v = Channels(result, muscle).Select(c => rep.OnsetsS.GetValueOrDefault(c)).OfType<double>().ToArray();
        return v.Length == 0 ? null : v.Min() - rep.StartS;
    }
}
