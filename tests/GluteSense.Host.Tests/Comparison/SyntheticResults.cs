using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// Analysis results made by hand (no simulator, no analysis): repetitions with chosen per-muscle means, phase
/// durations and onset lags, so every number a comparison or an audit reports can be worked out on paper. Left and
/// right sides carry the same values, so a muscle group's value is the side's value.
/// </summary>
internal static class SyntheticResults
{
    /// <summary>%MVC against a 100 uV reference on every channel.</summary>
    public static readonly Normalisation Mvc = new(NormalisationMethod.Mvc,
        RecordingMeta.DefaultChannelNames.ToDictionary(c => c, _ => 100.0), Normalisation.DefaultWindowMs, "mvc-by-hand");

    /// <summary>A repetition from 10 x index s: gmax and es means (peaks twice the mean) in every phase, phases in the
    /// given order and durations, and an onset lag (ES minus GMax, ms; positive = GMax first; null = no onsets).</summary>
    public static RepResult Rep(int index, double gmax, double es, double? lagMs = null, bool excluded = false,
        PhaseKind first = PhaseKind.Concentric, double firstS = 1.5, double holdS = 1.0, double lastS = 2.0, double? lumbarDeg = null)
    {
        double start = 10.0 * index;
        MuscleMetrics M(double mean) => new(mean, 2 * mean, mean, 0.5, null, null);
        var muscles = new Dictionary<string, MuscleMetrics?> { ["gmax_l"] = M(gmax), ["gmax_r"] = M(gmax), ["es_l"] = M(es), ["es_r"] = M(es) };
        PhaseKind last = first == PhaseKind.Concentric ? PhaseKind.Eccentric : PhaseKind.Concentric;
        var phases = new[]
        {
            new PhaseResult(first, start, start + firstS, muscles),
            new PhaseResult(PhaseKind.Hold, start + firstS, start + firstS + holdS, muscles),
            new PhaseResult(last, start + firstS + holdS, start + firstS + holdS + lastS, muscles),
        };
        // GMax onsets 0.1 s (left) and 0.05 s (right) before the movement; ES follows by the lag.
        var onsets = new Dictionary<string, double?> { ["gmax_l"] = null, ["gmax_r"] = null, ["es_l"] = null, ["es_r"] = null };
        OnsetOrder order = new(null, null, null, null);
        if (lagMs is double lag)
        {
            onsets = new Dictionary<string, double?>
            {
                ["gmax_l"] = start - 0.1, ["gmax_r"] = start - 0.05, ["es_l"] = start - 0.1 + lag / 1000, ["es_r"] = start + lag / 1000,
            };
            order = new OnsetOrder(lag > 0 ? MuscleGroup.Gmax : MuscleGroup.Es, start - 0.1, start - 0.1 + lag / 1000, lag);
        }

        return new RepResult(index, start, start + firstS + holdS + lastS, false, 30, phases, onsets, order, gmax, es, gmax / es, 0, 0, null,
            null, null, lumbarDeg, null, Array.Empty<FormFlag>(), excluded, Array.Empty<ExclusionReason>());
    }

    /// <summary>One set (recording) of <paramref name="exercise"/> by <paramref name="subject"/> holding <paramref name="reps"/>.</summary>
    public static AnalysisResult Set(IEnumerable<RepResult> reps, Normalisation? n = null, string subject = "p-1", Exercise exercise = Exercise.Bridge,
        SetProtocol? protocol = null, string source = "set.csv", params string[] warnings)
    {
        Normalisation norm = n ?? Mvc;
        var meta = new RecordingMeta { Exercise = exercise, Subject = subject, Channels = RecordingMeta.DefaultChannels, Protocol = protocol, Source = source };
        return new AnalysisResult(exercise, subject, source, norm.Units, norm, null!, "pelvis", reps.ToList(), warnings, new AnalysisSettings(),
            Array.Empty<PhaseEnsemble>(), new MotionTraces(Array.Empty<double>(), Array.Empty<double>(), null, null), meta);
    }
}
