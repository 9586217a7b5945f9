using System.Collections.Generic;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Analysis.Motion;
using GluteSense.Host.Analysis.Onsets;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis;

/// <summary>One muscle (channel) in one phase. Amplitudes in the result's units; times in seconds.</summary>
/// <param name="Mean">Mean envelope over the phase.</param>
/// <param name="Peak">Largest envelope value in the phase.</param>
/// <param name="Integrated">Integrated EMG: envelope integrated over the phase (units x s).</param>
/// <param name="TimeToPeakS">Peak time minus phase start.</param>
/// <param name="OnsetS">The repetition's onset of this muscle if it falls in this phase (onsets before the first
/// phase count for the first phase: pre-activation), else null.</param>
/// <param name="OnsetRelS">Onset minus phase start (negative = before the movement started), or null.</param>
public sealed record MuscleMetrics(double Mean, double Peak, double Integrated, double TimeToPeakS, double? OnsetS, double? OnsetRelS);

/// <summary>A phase of a repetition: kind (eccentric, concentric, hold), start and end (s), and per channel metrics
/// (null for a channel that has a gap in this repetition).</summary>
/// <param name="LumbarPelvisRatio">Lumbar (L3 relative to S1) excursion over pelvis excursion in this phase: 0 = the
/// low back stays put while the pelvis moves; null for a hold, without both IMUs, or when the pelvis does not move.</param>
public sealed record PhaseResult(PhaseKind Kind, double StartS, double EndS, IReadOnlyDictionary<string, MuscleMetrics?> Muscles,
    double? LumbarPelvisRatio = null)
{
    /// <summary>End minus start (s).</summary>
    public double DurationS => EndS - StartS;
}

/// <summary>Which muscle group started first in a repetition.</summary>
/// <param name="First">The group whose onset came first, or null when either onset was not found.</param>
/// <param name="GmaxOnsetS">Earliest gluteus maximus onset (left or right), s.</param>
/// <param name="EsOnsetS">Earliest erector spinae onset, s.</param>
/// <param name="LagMs">ES onset minus GMax onset (positive = gluteus maximus first), ms.</param>
public sealed record OnsetOrder(MuscleGroup? First, double? GmaxOnsetS, double? EsOnsetS, double? LagMs);

/// <summary>One repetition (index from 1). Angles in degrees; percentages in %.</summary>
/// <param name="GmaxMean">Mean gluteus maximus envelope (left and right averaged) over the repetition, in the result's units.</param>
/// <param name="EsMean">Mean erector spinae envelope over the repetition.</param>
/// <param name="GmaxEsRatio">Mean gluteus maximus (left and right) over mean erector spinae across the repetition.</param>
/// <param name="GmaxSymmetryPct">Symmetry index 100 (L - R) / ((L + R) / 2) of the GMax means; 0 = symmetric.</param>
/// <param name="GmaxEsOverlapPct">GMax-ES overlap index (Falconer and Winter's common-area formula; not "co-activation",
/// the muscles are synergists): 200 x common area / total area; needs normalised amplitudes to mean anything.</param>
/// <param name="TrunkRangeDeg">Range of the lumbar (L3) sensor's sagittal angle: trunk inclination.</param>
/// <param name="PelvisRangeDeg">Range of the sacrum sensor's sagittal angle: the pelvis against gravity (not the hip
/// angle, which needs a thigh sensor), or null without a sacrum IMU.</param>
/// <param name="LumbarRangeDeg">Range of lumbar flexion/extension (L3 relative to S1), or null without a sacrum IMU.</param>
/// <param name="CervicalExtensionDeg">Largest extension of the head relative to L3 (positive = extension), or null
/// without a head IMU.</param>
/// <param name="Flags">Form and data flags (docs/analysis.md lists them).</param>
/// <param name="Excluded">True when the repetition is left out of statistics (partial, or overlapping a data gap).</param>
/// <param name="ExclusionReasons">Why it is excluded.</param>
/// <param name="RangePct">The excursion as % of the reference range (the largest of the first three repetitions, or a
/// target): progressive loss of range shows here rep by rep.</param>
/// <param name="OnsetNotes">Per channel, why its onset is null or how it was defined (no-baseline, not-found,
/// tonic-baseline); absent when the onset is an ordinary rise above a quiet baseline.</param>
/// <param name="LumboPelvic">Lumbo-pelvic metrics, or null without both the lumbar and the sacrum IMU.</param>
/// <param name="OnsetBaselines">Per channel, the mean level (in the analysis's units) of the pre-repetition baseline its
/// onset was sought above; absent where there was no baseline.</param>
public sealed record RepResult(
    int Index,
    double StartS,
    double EndS,
    bool Partial,
    double PeakExcursionDeg,
    IReadOnlyList<PhaseResult> Phases,
    IReadOnlyDictionary<string, double?> OnsetsS,
    OnsetOrder OnsetOrder,
    double? GmaxMean,
    double? EsMean,
    double? GmaxEsRatio,
    double? GmaxSymmetryPct,
    double? EsSymmetryPct,
    double? GmaxEsOverlapPct,
    double? TrunkRangeDeg,
    double? PelvisRangeDeg,
    double? LumbarRangeDeg,
    double? CervicalExtensionDeg,
    IReadOnlyList<FormFlag> Flags,
    bool Excluded,
    IReadOnlyList<ExclusionReason> ExclusionReasons,
    double RangePct = 100,
    IReadOnlyDictionary<string, string>? OnsetNotes = null,
    LumboPelvic? LumboPelvic = null,
    IReadOnlyDictionary<string, double>? OnsetBaselines = null);

/// <summary>What the clinician's eye judges in the low back during a repetition (L3 and S1 IMUs).</summary>
/// <param name="LumbarExtensionAtTopDeg">Lumbar angle (L3 relative to S1) at the turning point, mean over the hold,
/// relative to the start pose; + = extension, - = flexion.</param>
/// <param name="FirstMoving">Segment whose sagittal rate left its still level first at the repetition's start:
/// "pelvis", "lumbar", or "together" when within <see cref="LumboPelvic.TogetherMs"/>.</param>
/// <param name="LumbarLeadMs">Pelvis movement start minus lumbar (L3) movement start (positive = L3 first), ms.</param>
public sealed record LumboPelvic(double LumbarExtensionAtTopDeg, string FirstMoving, double LumbarLeadMs)
{
    /// <summary>Movement starts closer than this (ms) are "together": two IMU samples at 100 Hz, the resolution of the
    /// rate threshold crossing.</summary>
    public const double TogetherMs = 20;
}

/// <summary>Thresholds of the form flags (docs/analysis.md gives the reasons).</summary>
public sealed record FormThresholds
{
    /// <summary>Lumbar flexion/extension range above which a rep is flagged "lumbar-motion" (deg). Good form moves the
    /// hips, not the low back; 10° is about a sixth of the lumbar sagittal range of motion.</summary>
    public double LumbarRangeDeg { get; init; } = 10;

    /// <summary>Head-vs-trunk extension above which a rep is flagged "cervical-hyperextension" (deg).</summary>
    public double CervicalExtensionDeg { get; init; } = 15;

    /// <summary>A moving phase shorter than this is flagged "fast-concentric" / "fast-eccentric" (s): too fast to be
    /// a controlled strengthening repetition.</summary>
    public double MinMovingPhaseS { get; init; } = 0.5;

    /// <summary>ES must lead GMax by more than this (ms) for "es-before-gmax" with raw EMG: the measured 95th percentile
    /// of the raw-mode onset error, the larger of the standard good bridge (58.4 ms) and good pull-through (61.8 ms),
    /// 50 simulated recordings each (`glutesense accuracy --scenario standard`; docs/analysis.md). Chosen by the same
    /// rule as <see cref="EnvelopeOnsetOrderToleranceMs"/>; a simulator figure until checked on real recordings.</summary>
    public double OnsetOrderToleranceMs { get; init; } = 62;

    /// <summary>The same from the board's envelope alone (clinic mode), where onsets are coarser: the measured 95th
    /// percentile of the envelope-mode onset error, the larger of the standard good bridge (131.5 ms) and good
    /// pull-through (111.5 ms), 50 simulated recordings each (`glutesense accuracy --mode envelope --scenario standard`;
    /// docs/analysis.md). A simulator figure: no real envelope-only recording with onset truth exists here.</summary>
    public double EnvelopeOnsetOrderToleranceMs { get; init; } = 132;

    /// <summary>The es-before-gmax tolerance (ms) for onsets from the envelope alone or from raw EMG.</summary>
    public double OnsetOrderTolerance(bool onsetsFromEnvelope) => onsetsFromEnvelope ? EnvelopeOnsetOrderToleranceMs : OnsetOrderToleranceMs;
}

/// <summary>Every setting of the analysis, with defaults.</summary>
public sealed record AnalysisSettings
{
    /// <summary>How repetitions and phases are found in the motion.</summary>
    public RepDetectorSettings Reps { get; init; } = new();

    /// <summary>Onsets: TKEO-conditioned double threshold by default (sharper onsets in noise).</summary>
    public OnsetSettings Onsets { get; init; } = new() { Method = OnsetMethod.Tkeo };

    /// <summary>Thresholds of the form flags.</summary>
    public FormThresholds Form { get; init; } = new();

    /// <summary>ECG removal on the erector spinae channels (raw EMG only).</summary>
    public EcgRemoval Ecg { get; init; } = EcgRemoval.Template;

    /// <summary>Baseline of the onset detector: up to this long (s) of the pause before each repetition...</summary>
    public double BaselineS { get; init; } = 1.0;

    /// <summary>...ending this long (s) before the movement starts, where the onset search begins (muscles may switch
    /// on before the movement, never much earlier than this).</summary>
    public double PreMovementS { get; init; } = 0.3;

    /// <summary>Time after the previous repetition's end (s) before its activity has died away and a baseline may start.</summary>
    public double SettleS { get; init; } = 0.3;

    /// <summary>Shortest usable baseline (s); shorter pauses give no onset for that repetition.</summary>
    public double MinBaselineS { get; init; } = 0.2;
}

/// <summary>Ensemble of one channel over one phase kind: mean and SD across the included repetitions at 0, 1, ..., 100 %
/// of the phase's duration (time-normalised), in the result's units.</summary>
public sealed record PhaseEnsemble(string Channel, PhaseKind Kind, int Reps, double[] Mean, double[] Sd);

/// <summary>Angle traces for plots (deg, at the IMU rate): the movement segment, lumbar vs sacrum and cervical extension
/// (null without the sensors).</summary>
public sealed record MotionTraces(double[] TimeS, double[] MovementDeg, double[]? LumbarDeg, double[]? CervicalExtensionDeg);

/// <summary>The analysis of one recording.</summary>
/// <param name="Units">Unit of every amplitude: "uV", "%MVC", "%RVC".</param>
/// <param name="MovementSegment">IMU site whose motion defined repetitions and phases.</param>
/// <param name="Warnings">Trial-level warnings (for example an MVC lower than the exercise's peaks).</param>
public sealed record AnalysisResult(
    Exercise Exercise,
    string Subject,
    string Source,
    string Units,
    Normalisation Normalisation,
    EnvelopeSource Envelope,
    string MovementSegment,
    IReadOnlyList<RepResult> Reps,
    IReadOnlyList<string> Warnings,
    AnalysisSettings Settings,
    IReadOnlyList<PhaseEnsemble> Ensembles,
    MotionTraces Traces,
    RecordingMeta Meta);
