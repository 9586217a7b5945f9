using System;

namespace GluteSense.Host.Analysis.Motion;

/// <summary>
/// The movement model of an exercise (docs/analysis.md): what the outward movement (away from the start pose) and the
/// return are, and which way extension points.
/// <list type="bullet">
/// <item>Bridge (supine): outward = pelvis rising by hip extension = concentric for the hip extensors; hold at the top;
/// return = lowering = eccentric. Outward is the extension direction.</item>
/// <item>Pull-through (standing hip hinge): outward = hinging forward against the cable = eccentric for the hip
/// extensors; turnaround (hold); return to upright = concentric. Outward is the flexion direction.</item>
/// <item>Dead-start pull-through (meta.json <c>"firstPhase": "concentric"</c>): rests hinged; outward = pulling up to
/// upright = concentric; hold at lock-out; return = lowering to the stop = eccentric. Outward is extension.</item>
/// </list>
/// </summary>
public sealed record MovementModel(Exercise Exercise, PhaseKind OutwardKind, PhaseKind ReturnKind, int ExtensionSign)
{
    /// <summary>Bridge: concentric out, hold, eccentric back; outward = extension (+1).</summary>
    public static readonly MovementModel Bridge = new(Exercise.Bridge, PhaseKind.Concentric, PhaseKind.Eccentric, +1);

    /// <summary>Pull-through: eccentric out, hold, concentric back; outward = flexion, so extension is -1.</summary>
    public static readonly MovementModel PullThrough = new(Exercise.PullThrough, PhaseKind.Eccentric, PhaseKind.Concentric, -1);

    /// <summary>Dead-start pull-through: concentric out (from the hinged stop), hold, eccentric back; outward = extension.</summary>
    public static readonly MovementModel PullThroughDeadStart = new(Exercise.PullThrough, PhaseKind.Concentric, PhaseKind.Eccentric, +1);

    /// <summary>The model of a recording: its exercise and, when meta.json names one, its first phase.</summary>
    /// <exception cref="ArgumentException">Not an exercise, or a first phase the exercise cannot start with.</exception>
    public static MovementModel For(Recording.RecordingMeta meta) => (meta.Exercise, meta.FirstPhase) switch
    {
        (_, null) => For(meta.Exercise),
        (Exercise.PullThrough, PhaseKind.Concentric) => PullThroughDeadStart,
        (var e, PhaseKind first) when For(e).OutwardKind == first => For(e),
        (var e, PhaseKind first) =>
            throw new ArgumentException($"meta.json firstPhase '{first.Name()}' is not a start the {e.Name()} has (analysed: "
                + $"pull-through from the top or dead start, bridge concentric first)"),
    };

    /// <summary>The model of <paramref name="exercise"/>.</summary>
    /// <exception cref="ArgumentException">The exercise has no repetitions to analyse (mvc, rest).</exception>
    public static MovementModel For(Exercise exercise) => exercise switch
    {
        Exercise.Bridge => Bridge,
        Exercise.PullThrough => PullThrough,
        Exercise.Mvc => throw new ArgumentException("this is an MVC trial, not an exercise: pass it to analyze with --mvc"),
        _ => throw new ArgumentException($"exercise '{exercise.Name()}' has no movement model (analysed: bridge, pull-through)"),
    };
}
