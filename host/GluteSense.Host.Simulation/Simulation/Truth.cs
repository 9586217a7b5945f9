using System.Collections.Generic;

namespace GluteSense.Host.Simulation;

/// <summary>One phase of a repetition: its kind and times in seconds from trial start.</summary>
public sealed record PhaseTruth(PhaseKind Kind, double StartS, double EndS);

/// <summary>Ground truth of one repetition.</summary>
/// <param name="OnsetS">Per muscle: time the activation starts rising for this repetition (s).</param>
/// <param name="PhaseActivation">Per muscle: activation (fraction of MVC) in each phase, in phase order.</param>
/// <param name="LumbarRangeDeg">Range of lumbar flexion/extension (trunk vs pelvis) within the repetition (deg).</param>
/// <param name="CervicalExtensionDeg">Largest head-vs-trunk extension within the repetition (deg, positive = extension).</param>
/// <param name="PelvisRangeDeg">Range of the pelvis sagittal angle within the repetition (deg).</param>
/// <param name="RangeFraction">The repetition's range as a fraction of the full range.</param>
/// <param name="BaselineActivation">Activation before the repetition (fraction of MVC): resting, or tonic.</param>
public sealed record RepTruth(
    int Index,
    double StartS,
    double EndS,
    bool Partial,
    IReadOnlyList<PhaseTruth> Phases,
    IReadOnlyDictionary<string, double> OnsetS,
    IReadOnlyDictionary<string, double[]> PhaseActivation,
    double LumbarRangeDeg,
    double CervicalExtensionDeg,
    double PelvisRangeDeg,
    double RangeFraction = 1,
    double BaselineActivation = 0.02);

/// <summary>An IMU of the recording and how it was mounted.</summary>
/// <param name="MountingWxyz">Sensor-to-segment rotation as a unit quaternion (w, x, y, z).</param>
/// <param name="MagOffsetUt">Hard-iron offset per axis (uT) when a magnetometer is simulated, else null.</param>
public sealed record ImuTruth(string Name, string Site, double[] MountingWxyz, double[] GyroBiasRadPerS, double[] AccelBiasMps2,
    double[]? MagOffsetUt);

/// <summary>A stretch of one channel (or all) that a real recorder would flag as lost or unusable.</summary>
public sealed record GapTruth(string Channel, double StartS, double EndS, string Reason);

/// <summary>Everything the simulator knows about a recording it made (written as truth.json).</summary>
public sealed record SimulationTruth(
    Exercise Exercise,
    string Pattern,
    int Seed,
    double EccentricEffect,
    double DurationS,
    IReadOnlyList<RepTruth> Reps,
    IReadOnlyList<ImuTruth> Imus,
    IReadOnlyDictionary<string, double> MvcRmsUv,
    IReadOnlyDictionary<string, double> ElectrodeOffsetUv,
    IReadOnlyList<GapTruth> Gaps,
    Contamination Contamination);
