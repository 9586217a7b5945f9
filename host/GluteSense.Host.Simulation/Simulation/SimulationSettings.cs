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

    /// <summary>
    /// Pull-through only: every repetition starts from a dead stop in the hinged (bottom) position, the concentric-first
    /// design: concentric pull to upright, hold at lock-out, eccentric lowering back to the stop, so the subject rests
    /// hinged between repetitions (and before the first). The eccentric-first effect does not apply (there is no
    /// eccentric pre-activation before the concentric phase); gluteus maximus is at the pull-through's concentric level
    /// without it. The recording's meta.json says <c>"firstPhase": "concentric"</c> so the analysis names the phases.
    /// </summary>
    public bool DeadStart { get; init; }

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

    /// <summary>Pause spread (s): when above 0, each pause is drawn uniformly in PauseS +- this (at least 0) instead of
    /// the tempo jitter; touch-and-go sets use 0.15 +- 0.15.</summary>
    public double PauseSpreadS { get; init; }

    /// <summary>Stop part-way (s): when above 0, every repetition stops once for about this long at 35-65 % of one
    /// movement (alternately the outward and the return); the stop belongs to that movement's phase.</summary>
    public double TwoStageStopS { get; init; }

    /// <summary>Lock-out exponent of the concentric phase: 1 = smooth; below 1 the move is fast early and creeps
    /// slowly into its end position (smoothstep of x^e).</summary>
    public double LockoutExponent { get; init; } = 1;

    /// <summary>Range of each repetition as a fraction of the full range (index = repetition); null = full range,
    /// except <see cref="PartialReps"/>.</summary>
    public double[]? RangeFractions { get; init; }

    /// <summary>Unsettled start (s): when above 0, the pelvis and trunk make a settling movement (8 deg up and back)
    /// over this long from the recording's start, so its first window is not still.</summary>
    public double UnsettledStartS { get; init; }

    /// <summary>Tonic activation (fraction of MVC) of every muscle between and before repetitions (standing against a
    /// loaded cable); 0 = the resting level.</summary>
    public double TonicLevel { get; init; }

    /// <summary>When the tonic level starts (s from the recording's start; it rises over 0.3 s): before it the muscles rest.</summary>
    public double TonicFromS { get; init; }

    /// <summary>Fatigue over the set (0 = none): activation rises by up to this fraction by the last repetition and the
    /// sEMG spectrum shifts down (median frequency falls by up to half this fraction).</summary>
    public double Fatigue { get; init; }

    /// <summary>Crosstalk (fraction of the neighbour's signal): hamstrings into each gluteus maximus channel and the
    /// contralateral erector spinae into each erector spinae channel; 0 = none.</summary>
    public double CrosstalkFraction { get; init; }

    /// <summary>Sagittal sway of the body (deg RMS of the segment angles; 0 = none): a sum of slow sines (0.1-1.5 Hz)
    /// that keeps the movement angle from being still between repetitions, as a person's is (0.15 deg standing gives
    /// about 1 deg/s in the rate).</summary>
    public double SagittalSwayDeg { get; init; }

    /// <summary>MVC trials: the effort actually made as a fraction of the true maximum (1 = maximal).</summary>
    public double MvcEffortFraction { get; init; } = 1;

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

    /// <summary>ECG shape: false = a smooth 12 ms bump (little energy above 20 Hz); true = a QRS complex (Q, R and S
    /// waves 5-6 ms wide, energy at 20-40 Hz as real QRS complexes have) plus a T wave, with +-5 % beat-to-beat
    /// variation of the RR interval.</summary>
    public bool RealisticEcg { get; init; }

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
