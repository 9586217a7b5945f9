using System;
using System.Text.Json.Serialization;

namespace GluteSense.Host.Recording;

/// <summary>Which part of a clinic audit a set belongs to (meta.json "condition").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SetCondition>))]
public enum SetCondition
{
    /// <summary>Baseline bridge sets before the block.</summary>
    [JsonStringEnumMemberName("test")] Test,

    /// <summary>The intervention block (pull-throughs).</summary>
    [JsonStringEnumMemberName("treat")] Treat,

    /// <summary>Bridge sets after the block.</summary>
    [JsonStringEnumMemberName("retest")] Retest,

    /// <summary>The block of a control session: rest or a sham task instead of the pull-throughs.</summary>
    [JsonStringEnumMemberName("control")] Control,
}

/// <summary>A set's position in the protocol: 1-based index within its condition and a label ("Test set 2").</summary>
public sealed record SetIndex(int Index, string Label);

/// <summary>
/// The pre-set signal check (lead-off, resting noise, mains ratio, clipping): "go" or "fix", with what was found.
/// A set recorded after a failed check keeps <see cref="Passed"/> = false and the audit says so.
/// </summary>
public sealed record SignalCheckMeta(bool Passed, string Summary);

/// <summary>The set's measured tempo: mean phase durations (s) over its included repetitions; null when no repetition
/// had that phase.</summary>
public sealed record PhaseDurations(double? EccentricS, double? HoldS, double? ConcentricS);

/// <summary>
/// Protocol facts of one set: additive top-level meta.json fields (<c>set</c>, <c>condition</c>, <c>started_at</c>, ...;
/// names and the older nested form in <see cref="SetProtocolJson"/>, the one place that maps them). A recording without
/// them is read and written byte for byte as before. Written by the store's export, the demo and the live views; read
/// by the audit and the reliability study. Every field is optional; null fields are not written.
/// </summary>
public sealed record SetProtocol
{
    /// <summary>Largest value of the 0-10 numeric rating scale for pain.</summary>
    public const int PainNrsMax = 10;

    /// <summary>The set's index within its condition and its label.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SetIndex? Set { get; init; }

    /// <summary>Which part of the audit the set belongs to (test, treat, control, re-test).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SetCondition? Condition { get; init; }

    /// <summary>When the set started (UTC, ISO 8601).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>External load (kg; a bridge with a plate on the hips, the cable's stack for a pull-through).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LoadKg { get; init; }

    /// <summary>The subject's body mass (kg).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BodyMassKg { get; init; }

    /// <summary>Knee angle of the bridge set-up (deg; changes how much gluteus maximus vs hamstrings extend the hip).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? KneeAngleDeg { get; init; }

    /// <summary>The verbal or tactile cue given (cueing alone changes activation, so it is recorded).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cue { get; init; }

    /// <summary>Pain during or right after the set, 0-10 numeric rating scale.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PainNrs { get; init; }

    /// <summary>True when the electrodes were taken off and put on again before this set: microvolts then change
    /// with the new contact and placement, not only with the muscle.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ElectrodesReapplied { get; init; }

    /// <summary>The result of the signal check run before the set; null when none was run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SignalCheckMeta? SignalCheck { get; init; }

    /// <summary>The set's measured tempo (mean phase durations), as the live views showed it next to the verdict.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PhaseDurations? MeasuredTempo { get; init; }

    /// <summary>Throws a one-line <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (Set != null && Set.Index < 1) throw new ArgumentException($"set.index must be >= 1, got {Set.Index}");
        if (PainNrs is < 0 or > PainNrsMax) throw new ArgumentException($"pain_nrs must be 0-{PainNrsMax}, got {PainNrs}");
        var nonNegative = new[]
        {
            ("load_kg", LoadKg), ("body_mass_kg", BodyMassKg), ("measured_tempo.eccentric_s", MeasuredTempo?.EccentricS),
            ("measured_tempo.hold_s", MeasuredTempo?.HoldS), ("measured_tempo.concentric_s", MeasuredTempo?.ConcentricS),
        };
        foreach ((string name, double? value) in nonNegative)
        {
            if (value is double v && !(v >= 0 && double.IsFinite(v)))
                throw new ArgumentException($"{name} must be a finite value >= 0, got {v}");
        }

        if (KneeAngleDeg is double k && !(k >= 0 && k <= 180)) throw new ArgumentException($"knee_angle_deg must be 0-180, got {k}");
    }
}
