using System;
using System.Collections.Generic;
using System.Linq;

namespace GluteSense.Host.Simulation;

/// <summary>
/// The timeline of a simulated trial: repetitions and their phases, and the movement progress p(t) in [0, 1]
/// (0 = start pose, 1 = end of range) that drives every joint angle.
/// </summary>
internal sealed class Schedule
{
    /// <param name="RangeFraction">Range of this repetition as a fraction of the full range.</param>
    /// <param name="StagePhase">Phase index (0 outward, 2 return) interrupted by a stop part-way, or -1.</param>
    /// <param name="StageAt">Fraction of that phase's range covered before the stop.</param>
    /// <param name="StageStopS">Length of the stop (s), part of that phase.</param>
    internal sealed record Rep(int Index, double StartS, double EndS, bool Partial, PhaseTruth[] Phases,
        double RangeFraction = 1, int StagePhase = -1, double StageAt = 0, double StageStopS = 0);

    public Schedule(SimulationSettings s, Random random)
    {
        _lockoutExponent = s.LockoutExponent;
        _deadStart = s.DeadStart;
        _concentricPhase = s.Exercise == Exercise.Bridge || s.DeadStart ? 0 : 2;
        double t = s.LeadS;
        var reps = new List<Rep>();
        int count = s.Exercise switch { Exercise.Rest => 0, Exercise.Mvc => 2 * s.Reps, _ => s.Reps };
        for (int i = 0; i < count; i++)
        {
            double Jitter(double d) => d * (1 + s.TempoJitter * (2 * random.NextDouble() - 1));
            PhaseTruth[] phases;
            double fraction = s.RangeFractions is { } f && i < f.Length ? f[i] : s.PartialReps.Contains(i) ? PartialFraction : 1;
            int stagePhase = -1;
            double stageAt = 0, stageStopS = 0;
            if (s.Exercise == Exercise.Mvc)
            {
                phases = new[] { new PhaseTruth(PhaseKind.Hold, t, t + MvcEffortS) };
            }
            else
            {
                PhaseKind[] kinds = s.Exercise == Exercise.Bridge || s.DeadStart
                    ? new[] { PhaseKind.Concentric, PhaseKind.Hold, PhaseKind.Eccentric }
                    : new[] { PhaseKind.Eccentric, PhaseKind.Hold, PhaseKind.Concentric };
                double[] durations = kinds.Select(k =>
                    Jitter(k == PhaseKind.Concentric ? s.ConcentricS : k == PhaseKind.Eccentric ? s.EccentricS : s.HoldS)).ToArray();
                if (s.TwoStageStopS > 0)
                {
                    // Alternate which movement hesitates; the stop lengthens that phase (it belongs to it).
                    stagePhase = i % 2 == 0 ? 0 : 2;
                    stageAt = 0.35 + 0.3 * random.NextDouble();
                    stageStopS = Jitter(s.TwoStageStopS);
                    durations[stagePhase] += stageStopS;
                }

                phases = new PhaseTruth[3];
                double start = t;
                for (int k = 0; k < 3; k++)
                {
                    phases[k] = new PhaseTruth(kinds[k], start, start + durations[k]);
                    start += durations[k];
                }
            }

            bool partial = s.Exercise != Exercise.Mvc && fraction < PartialRule;
            reps.Add(new Rep(i, phases[0].StartS, phases[^1].EndS, partial, phases, fraction, stagePhase, stageAt, stageStopS));
            double pause = s.Exercise == Exercise.Mvc ? MvcRestS
                : s.PauseSpreadS > 0 ? Math.Max(0, s.PauseS + s.PauseSpreadS * (2 * random.NextDouble() - 1)) : Jitter(s.PauseS);
            t = phases[^1].EndS + pause;
        }

        Reps = reps;
        DurationS = (reps.Count == 0 ? t + RestTrialS : t - (s.Exercise == Exercise.Mvc ? MvcRestS : 0) + s.LeadS);
    }

    private readonly double _lockoutExponent;
    private readonly int _concentricPhase;
    private readonly bool _deadStart;

    /// <summary>MVC effort length (s): long enough for a stable 500 ms window.</summary>
    public const double MvcEffortS = 5;

    /// <summary>Rest between MVC efforts (s).</summary>
    public const double MvcRestS = 5;

    /// <summary>Length of a rest trial after its lead time (s).</summary>
    public const double RestTrialS = 20;

    public IReadOnlyList<Rep> Reps { get; }

    public double DurationS { get; }

    /// <summary>Movement progress at time <paramref name="t"/> (0 = upright or on the floor, 1 = end of the outward
    /// range): rises over the first moving phase, stays through the hold, returns. A dead-start pull-through rests at
    /// the end of range (hinged) and its excursion is the pull to upright and back.</summary>
    public double Progress(double t) => _deadStart ? 1 - Excursion(t) : Excursion(t);

    /// <summary>Excursion away from the rest pose (0 = at rest, the repetition's range fraction at the turning point).</summary>
    private double Excursion(double t)
    {
        foreach (Rep rep in Reps)
        {
            if (t < rep.StartS || t > rep.EndS || rep.Phases.Length < 3)
            {
                continue;
            }

            PhaseTruth out1 = rep.Phases[0], hold = rep.Phases[1], back = rep.Phases[2];
            if (t < out1.EndS)
            {
                return rep.RangeFraction * Moved(rep, 0, (t - out1.StartS) / (out1.EndS - out1.StartS));
            }

            if (t < hold.EndS)
            {
                return rep.RangeFraction;
            }

            return rep.RangeFraction * (1 - Moved(rep, 2, (t - back.StartS) / (back.EndS - back.StartS)));
        }

        return 0;
    }

    /// <summary>Fraction of a moving phase's range covered at fraction <paramref name="x"/> of its duration: a smooth
    /// move; in two stages with a stop between; or, for the concentric phase with a slow lock-out, a move that creeps
    /// into its end (smoothstep of x^e, e &lt; 1: fast early, a long slow approach to the end position).</summary>
    private double Moved(Rep rep, int phase, double x)
    {
        bool lockout = _lockoutExponent < 1 && phase == _concentricPhase;
        // The concentric phase of a pull-through is the return: its lock-out is the end of the movement, so the creep
        // is applied in the return's own direction of travel.
        double Profile(double u) => !lockout ? Smooth(u) : phase == 0 ? Smooth(Math.Pow(Math.Clamp(u, 0, 1), _lockoutExponent))
            : 1 - Smooth(Math.Pow(Math.Clamp(1 - u, 0, 1), _lockoutExponent));
        if (rep.StagePhase != phase) return Profile(x);
        PhaseTruth p = rep.Phases[phase];
        double d = p.EndS - p.StartS, moving = d - rep.StageStopS;
        double d1 = moving * rep.StageAt, tx = x * d;
        if (tx < d1) return rep.StageAt * Smooth(tx / d1);
        if (tx < d1 + rep.StageStopS) return rep.StageAt;
        return rep.StageAt + (1 - rep.StageAt) * Smooth((tx - d1 - rep.StageStopS) / (moving - d1));
    }

    /// <summary>Range fraction of a partial repetition.</summary>
    public const double PartialFraction = 0.45;

    /// <summary>A repetition below this fraction of the full range is partial in the truth: the analysis's own
    /// default rule, so truth and analysis use one definition.</summary>
    public static readonly double PartialRule = new Analysis.Motion.RepDetectorSettings().PartialFraction;

    /// <summary>Smoothstep 0..1 (zero velocity at both ends, like a controlled movement).</summary>
    public static double Smooth(double x) => x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x);
}
