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
    internal sealed record Rep(int Index, double StartS, double EndS, bool Partial, PhaseTruth[] Phases);

    public Schedule(SimulationSettings s, Random random)
    {
        double t = s.LeadS;
        var reps = new List<Rep>();
        int count = s.Exercise switch { Exercise.Rest => 0, Exercise.Mvc => 2 * s.Reps, _ => s.Reps };
        for (int i = 0; i < count; i++)
        {
            double Jitter(double d) => d * (1 + s.TempoJitter * (2 * random.NextDouble() - 1));
            PhaseTruth[] phases;
            if (s.Exercise == Exercise.Mvc)
            {
                phases = new[] { new PhaseTruth(PhaseKind.Hold, t, t + MvcEffortS) };
            }
            else
            {
                PhaseKind[] kinds = s.Exercise == Exercise.Bridge
                    ? new[] { PhaseKind.Concentric, PhaseKind.Hold, PhaseKind.Eccentric }
                    : new[] { PhaseKind.Eccentric, PhaseKind.Hold, PhaseKind.Concentric };
                double[] durations = kinds.Select(k => Jitter(k == PhaseKind.Concentric ? s.ConcentricS : k == PhaseKind.Eccentric ? s.EccentricS : s.HoldS)).ToArray();
                phases = new PhaseTruth[3];
                double start = t;
                for (int k = 0; k < 3; k++)
                {
                    phases[k] = new PhaseTruth(kinds[k], start, start + durations[k]);
                    start += durations[k];
                }
            }

            reps.Add(new Rep(i, phases[0].StartS, phases[^1].EndS, s.PartialReps.Contains(i), phases));
            t = phases[^1].EndS + (s.Exercise == Exercise.Mvc ? MvcRestS : Jitter(s.PauseS));
        }

        Reps = reps;
        DurationS = (reps.Count == 0 ? t + RestTrialS : t - (s.Exercise == Exercise.Mvc ? MvcRestS : 0) + s.LeadS);
    }

    /// <summary>MVC effort length (s): long enough for a stable 500 ms window.</summary>
    public const double MvcEffortS = 5;

    /// <summary>Rest between MVC efforts (s).</summary>
    public const double MvcRestS = 5;

    /// <summary>Length of a rest trial after its lead time (s).</summary>
    public const double RestTrialS = 20;

    public IReadOnlyList<Rep> Reps { get; }

    public double DurationS { get; }

    /// <summary>Movement progress at time <paramref name="t"/>: rises over the first moving phase, stays through the hold, returns.</summary>
    public double Progress(double t)
    {
        foreach (Rep rep in Reps)
        {
            if (t < rep.StartS || t > rep.EndS || rep.Phases.Length < 3)
            {
                continue;
            }

            double amplitude = rep.Partial ? PartialFraction : 1;
            PhaseTruth out1 = rep.Phases[0], hold = rep.Phases[1], back = rep.Phases[2];
            if (t < out1.EndS)
            {
                return amplitude * Smooth((t - out1.StartS) / (out1.EndS - out1.StartS));
            }

            if (t < hold.EndS)
            {
                return amplitude;
            }

            return amplitude * (1 - Smooth((t - back.StartS) / (back.EndS - back.StartS)));
        }

        return 0;
    }

    /// <summary>Range fraction of a partial repetition.</summary>
    public const double PartialFraction = 0.45;

    /// <summary>Smoothstep 0..1 (zero velocity at both ends, like a controlled movement).</summary>
    public static double Smooth(double x) => x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x);
}
