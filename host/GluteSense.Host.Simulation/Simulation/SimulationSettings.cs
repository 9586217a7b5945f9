using System;

namespace GluteSense.Host.Simulation;

/// <summary>Movement patterns (form) the simulator can produce.</summary>
public enum MovementPattern
{
    /// <summary>Hip-driven movement, little lumbar motion, neutral neck; gluteus maximus leads.</summary>
    Good,

    /// <summary>Bridge extended through the low back: erector spinae before and above gluteus maximus, large lumbar extension.</summary>
    LumbarDominant,

    /// <summary>Pull-through with excessive lumbar flexion/extension instead of a hip hinge.</summary>
    LumbarFlexion,

    /// <summary>Pull-through with upper-cervical hyperextension (head tipped back relative to the trunk).</summary>
    NeckHyperextension,
}

/// <summary>
/// Everything the simulator varies, with defaults typical of a clinic set. All times in seconds, angles in degrees,
/// EMG in microvolts. The same settings and seed give the same recording.
/// </summary>
public sealed record SimulationSettings
{
    /// <summary>Exercise performed.</summary>
    public Exercise Exercise { get; init; } = Exercise.Bridge;

    /// <summary>Form of the movement.</summary>
    public MovementPattern Pattern { get; init; } = MovementPattern.Good;

    /// <summary>Seed of every random draw (tempo jitter, noise, mounting).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Repetitions (for MVC: efforts per muscle).</summary>
    public int Reps { get; init; } = 10;

    /// <summary>Indices (0-based) of repetitions performed only partly (half range, reported as partial).</summary>
    public int[] PartialReps { get; init; } = Array.Empty<int>();

    /// <summary>Concentric phase duration (s).</summary>
    public double ConcentricS { get; init; } = 1.5;

    /// <summary>Eccentric phase duration (s).</summary>
    public double EccentricS { get; init; } = 2.0;

    /// <summary>Hold at the top of a bridge, or turnaround of a pull-through (s).</summary>
    public double HoldS { get; init; } = 1.0;

    /// <summary>Pause between repetitions (s).</summary>
    public double PauseS { get; init; } = 1.5;

    /// <summary>Quiet time before the first and after the last repetition (s).</summary>
    public double LeadS { get; init; } = 2.0;

    /// <summary>Random variation of each phase duration (fraction, uniform +-).</summary>
    public double TempoJitter { get; init; } = 0.1;

    /// <summary>Range of the movement: trunk/pelvis sagittal excursion (deg); 0 = exercise default.</summary>
    public double RangeDeg { get; init; }

    /// <summary>
    /// The "eccentric-first" effect: extra gluteus maximus activation (fraction, 0.3 = +30 %) in the eccentric phase and
    /// in the concentric phase that follows it. Only the pull-through starts with an eccentric phase; 0 = theory false.
    /// </summary>
    public double EccentricEffect { get; init; }

    /// <summary>Gain on gluteus maximus activation in every phase (1 = the pattern's levels): a subject's or session's
    /// own level, for simulated cohorts (between-subject spread, a retest that recruits GMax more).</summary>
    public double GmaxScale { get; init; } = 1;

    /// <summary>EMG sample rate (Hz): 1000 or 2000.</summary>
    public int EmgRateHz { get; init; } = 1000;

    /// <summary>IMU sample rate (Hz).</summary>
    public int ImuRateHz { get; init; } = 100;

    /// <summary>Include the sacrum IMU (lumbar flexion/extension as lumbar vs sacrum).</summary>
    public bool SacrumImu { get; init; } = true;

    /// <summary>Include the head IMU (cervical angle).</summary>
    public bool HeadImu { get; init; }

    /// <summary>Simulate magnetometers too (uT, earth field plus noise and a hard-iron offset per sensor).</summary>
    public bool Magnetometer { get; init; }

    /// <summary>Draw a random mounting rotation per IMU (uniform over all orientations); false = aligned.</summary>
    public bool RandomMounting { get; init; } = true;

    /// <summary>Contamination of the EMG (all settable, all recorded in the truth).</summary>
    public Contamination Contamination { get; init; } = new();
}

/// <summary>What real recordings add to the EMG, each settable; amplitudes in microvolts.</summary>
public sealed record Contamination
{
    /// <summary>Mains frequency (Hz).</summary>
    public int MainsHz { get; init; } = 50;

    /// <summary>Powerline amplitude on every channel (uV).</summary>
    public double PowerlineUv { get; init; } = 5;

    /// <summary>ECG R-wave amplitude on the erector spinae channels (uV); heart rate 72 /min.</summary>
    public double EcgUv { get; init; } = 30;

    /// <summary>Baseline wander amplitude (uV) at about 0.3 Hz.</summary>
    public double BaselineWanderUv { get; init; } = 40;

    /// <summary>Largest electrode DC offset (uV); each channel draws one in +-this.</summary>
    public double ElectrodeOffsetUv { get; init; } = 30000;

    /// <summary>Motion artefact amplitude at each phase change (uV; a low-frequency bump).</summary>
    public double MotionArtefactUv { get; init; } = 60;

    /// <summary>Skin-electrode and amplifier noise (uV RMS).</summary>
    public double NoiseUv { get; init; } = 2;

    /// <summary>Repetition (0-based) during which gmax_l's electrode lifts off (-1 = never).</summary>
    public int LiftOffRep { get; init; } = -1;

    /// <summary>Repetition (0-based) with an artefact large enough to saturate the AFE on es_r (-1 = never).</summary>
    public int SaturationRep { get; init; } = -1;
}
