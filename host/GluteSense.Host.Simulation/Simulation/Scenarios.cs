using System;
using System.Collections.Generic;
using System.Linq;

namespace GluteSense.Host.Simulation;

/// <summary>Adversarial scenarios (docs/simulator.md): each changes one thing real patients do that the standard
/// simulation does not, to try to break the analysis.</summary>
public enum Scenario
{
    /// <summary>Smooth single-peaked moves with pauses: the simulator's plain recording.</summary>
    Standard,

    /// <summary>0-0.3 s between repetitions (a block of pull-throughs as usually done).</summary>
    TouchAndGo,

    /// <summary>A stop part-way up or down in every repetition (hesitant patients).</summary>
    TwoStage,

    /// <summary>The concentric phase creeps slowly into its end position.</summary>
    SlowLockout,

    /// <summary>The sensors move during the first 1.2 s (the patient settles after the recording started).</summary>
    UnsettledStart,

    /// <summary>Every muscle holds 6 %MVC between repetitions (standing against a loaded cable), from 1.25 s into the
    /// recording (before that the patient is at rest).</summary>
    TonicBaseline,

    /// <summary>ECG with QRS complexes carrying 20-40 Hz energy, 50 uV, on the erector spinae.</summary>
    RealisticEcg,

    /// <summary>15 % of the hamstrings in each gluteus maximus channel and of the contralateral erector spinae.</summary>
    Crosstalk,

    /// <summary>Activation rises by up to 40 % over the set and the median frequency falls by up to 20 %.</summary>
    Fatigue,

    /// <summary>About half the repetitions reach only 72-90 % of the range (still counted).</summary>
    PartialRange,

    /// <summary>Range falls steadily to 55 % by the last repetition (the late ones become partial).</summary>
    RangeLoss,

    /// <summary>The MVC trial reaches only 50-80 % of the true maximum (the exercise trial is standard).</summary>
    SubmaximalMvc,

    /// <summary>The body sways in the sagittal plane (0.15 deg RMS standing, 0.05 lying), so the movement angle is
    /// never still between repetitions.</summary>
    SagittalSway,
}

/// <summary>Names, descriptions and settings of the <see cref="Scenario"/>s.</summary>
public static class Scenarios
{
    /// <summary>Every scenario in table order.</summary>
    public static readonly Scenario[] All = Enum.GetValues<Scenario>();

    /// <summary>Command-line and output name ("touch-and-go").</summary>
    public static string Name(Scenario s) =>
        string.Concat(s.ToString()
            .Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The scenario named <paramref name="name"/>, or null.</summary>
    public static Scenario? Parse(string name) => All.Where(s => Name(s) == name.ToLowerInvariant()).Select(s => (Scenario?)s).FirstOrDefault();

    /// <summary>Margin kept between a drawn range fraction and the partial rule (fraction of full range): the
    /// analysis measures a repetition's range to about 1 %, so a repetition closer than this to the rule could be
    /// labelled either way and the scenario would test the rule's knife edge, not the detector.</summary>
    public const double PartialRuleMargin = 0.03;

    /// <summary><paramref name="baseSettings"/> changed as the scenario requires; draws come from
    /// <paramref name="seed"/> so a scenario and seed give one recording.</summary>
    public static SimulationSettings Apply(Scenario scenario, SimulationSettings baseSettings, int seed)
    {
        var r = new Random(unchecked(seed * 6007 + (int)scenario * 97));
        SimulationSettings s = baseSettings;
        Contamination k = s.Contamination;
        return scenario switch
        {
            Scenario.TouchAndGo => s with { PauseS = 0.15, PauseSpreadS = 0.15 },
            Scenario.TwoStage => s with { TwoStageStopS = 0.6 },
            Scenario.SlowLockout => s with { LockoutExponent = 0.5 },
            Scenario.UnsettledStart => s with { UnsettledStartS = 1.2, LeadS = Math.Max(s.LeadS, 3) },
            Scenario.TonicBaseline => s with { TonicLevel = 0.06, TonicFromS = 1.25, LeadS = Math.Max(s.LeadS, 3.5) },
            Scenario.RealisticEcg => s with { Contamination = k with { RealisticEcg = true, EcgUv = 50 } },
            Scenario.Crosstalk => s with { CrosstalkFraction = 0.15 },
            Scenario.Fatigue => s with { Fatigue = 0.4 },
            Scenario.PartialRange => s with
            {
                PartialReps = Array.Empty<int>(),
                RangeFractions = Enumerable.Range(0, s.Reps).Select(i => i > 0 && r.NextDouble() < 0.5 ? 0.72 + 0.18 * r.NextDouble() : 1)
                    .ToArray(),
            },
            Scenario.RangeLoss => s with
            {
                PartialReps = Array.Empty<int>(),
                RangeFractions = Enumerable.Range(0, s.Reps).Select(i => AwayFromRule(1 - 0.45 * i / Math.Max(1, s.Reps - 1))).ToArray(),
            },
            Scenario.SubmaximalMvc => s with { MvcEffortFraction = 0.5 + 0.3 * r.NextDouble() },
            Scenario.SagittalSway => s with { SagittalSwayDeg = s.Exercise == Exercise.Bridge ? SupineSwayDeg : StandingSwayDeg },
            _ => s,
        };
    }

    /// <summary>Sagittal sway of the sagittal-sway scenario (deg RMS): standing (a hinge) and lying (a bridge). About
    /// 1 and 0.3 deg/s in the rate; the independent generator (tests/independent) uses the same two levels.</summary>
    public const double StandingSwayDeg = 0.15, SupineSwayDeg = 0.05;

    private static double AwayFromRule(double fraction)
    {
        double rule = Schedule.PartialRule;
        if (Math.Abs(fraction - rule) >= PartialRuleMargin) return fraction;
        return fraction < rule ? rule - PartialRuleMargin : rule + PartialRuleMargin;
    }

    /// <summary>What each scenario stresses (for docs/simulator.md and the accuracy table).</summary>
    public static readonly IReadOnlyDictionary<Scenario, string> Stresses = new Dictionary<Scenario, string>
    {
        [Scenario.Standard] = "the baseline case the old table measured",
        [Scenario.TouchAndGo] = "no still pause: noise floor, rep boundaries at turning points, onset baselines (none between reps)",
        [Scenario.TwoStage] = "a stop part-way must stay in its phase, not become a hold or split the rep",
        [Scenario.SlowLockout] = "a slow approach to the end position: where the concentric phase ends",
        [Scenario.UnsettledStart] = "a start window that is not still: 0 deg pose, gyro offset, noise floor",
        [Scenario.TonicBaseline] = "no quiet EMG baseline: onsets must be the rise above the pre-rep level",
        [Scenario.RealisticEcg] = "QRS energy inside the EMG band on the erector spinae: onsets and low-level %MVC",
        [Scenario.Crosstalk] = "a neighbour's activity in the channel: onsets (a different muscle's timing)",
        [Scenario.Fatigue] = "amplitude rise and spectral shift over the set",
        [Scenario.PartialRange] = "reps at 72-90 % of range: counted, range reported against the reference",
        [Scenario.RangeLoss] = "progressive range loss: range % per rep, late reps partial",
        [Scenario.SubmaximalMvc] = "normalisation: %MVC overstated by 1/effort; only peaks above 100 %MVC reveal it",
        [Scenario.SagittalSway] = "a movement angle never still: where a smooth movement starts and stops inside the sway",
    };
}
