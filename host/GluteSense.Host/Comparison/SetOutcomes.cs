using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;

namespace GluteSense.Host.Comparison;

/// <summary>What an outcome measures, which decides whether it may be compared or pooled without normalisation.</summary>
public enum OutcomeScale
{
    /// <summary>One muscle's amplitude: microvolts are comparable only within one electrode placement.</summary>
    Amplitude,

    /// <summary>A comparison of two muscles' amplitudes: meaningful only when each is normalised to its own reference.</summary>
    CrossMuscle,

    /// <summary>Angles and times: physical units, no normalisation needed.</summary>
    Physical,
}

/// <summary>One set-level outcome of the bridge: name (JSON), label (people), better direction, scale and rep value.</summary>
/// <param name="HigherIsBetter">True when a rise counts as "improved".</param>
/// <param name="FixedUnits">Units of a physical or cross-muscle outcome; amplitudes take the normalisation's units.</param>
/// <param name="RatioScale">True when 0 means "none" so a change in % is meaningful (not for log ratios or lags).</param>
public sealed record SetOutcome(string Name, string Label, bool HigherIsBetter, OutcomeScale Scale, string FixedUnits, bool RatioScale,
    Func<RepResult, double?> RepValue)
{
    /// <summary>The outcome's units for a given normalisation.</summary>
    public string Units(Normalisation n) => Scale == OutcomeScale.Amplitude ? n.Units : FixedUnits;

    /// <summary>Normalisation key that a reliability estimate must share to be used ("none needed" for physical units).</summary>
    public string NormalisationKey(Normalisation n) => Scale == OutcomeScale.Physical ? SetOutcomes.PhysicalKey : n.Units;

    /// <summary>The set's value: mean over its included repetitions that have one, or null when none has.</summary>
    public double? SetValue(AnalysisResult set)
    {
        double[] v = set.Reps.Where(r => !r.Excluded).Select(RepValue).OfType<double>().Where(double.IsFinite).ToArray();
        return v.Length == 0 ? null : v.Average();
    }
}

/// <summary>The bridge outcomes of the audit and the reliability study, in report order (one list for both).</summary>
public static class SetOutcomes
{
    /// <summary>Normalisation key of outcomes in physical units.</summary>
    public const string PhysicalKey = "not applicable";

    /// <summary>Every bridge outcome, GMax activation first (the verdict's outcome).</summary>
    public static readonly IReadOnlyList<SetOutcome> All = new SetOutcome[]
    {
        new("gmax_mean", "Gluteus maximus activation", true, OutcomeScale.Amplitude, "", true, r => r.GmaxMean),
        new("es_mean", "Erector spinae activation", false, OutcomeScale.Amplitude, "", true, r => r.EsMean),
        new("gmax_es_log_ratio", "GMax:ES log ratio ln(GMax/ES)", true, OutcomeScale.CrossMuscle, "ln ratio", false,
            r => r.GmaxEsRatio is double q && q > 0 ? Math.Log(q) : null),
        new("lumbar_range_deg", "Lumbar flexion/extension range", false, OutcomeScale.Physical, "deg", true, r => r.LumbarRangeDeg),
        new("onset_lag_ms", "ES onset minus GMax onset", true, OutcomeScale.Physical, "ms", false, r => r.OnsetOrder.LagMs),
    };

    /// <summary>The outcome called <paramref name="name"/>.</summary>
    public static SetOutcome Named(string name) => All.FirstOrDefault(o => o.Name == name)
        ?? throw new ArgumentException($"unknown outcome '{name}' (expected {string.Join(", ", All.Select(o => o.Name))})");

    /// <summary>Why <paramref name="o"/> cannot be compared between sets under <paramref name="n"/>, or null when it can.
    /// Cross-muscle metrics need normalised amplitudes: a ratio of two electrodes' microvolts mixes contact quality in.</summary>
    public static string? NotComparable(SetOutcome o, Normalisation n) =>
        o.Scale == OutcomeScale.CrossMuscle && n.Method == NormalisationMethod.None
            ? "amplitudes are not normalised, and a ratio of two muscles' microvolts depends on each electrode's contact and placement; "
                + "record an MVC (--mvc)"
            : null;
}
