using System;
using System.Collections.Generic;
using System.Linq;

namespace GluteSense.Host.Simulation;

/// <summary>
/// Muscle activation (fraction of MVC) per repetition and phase, and per-muscle onset times: the physiology the
/// patterns differ in. Levels are typical of published bridge and hinge EMG (tens of percent MVC); they are model
/// inputs, recorded in the truth, not findings.
/// </summary>
internal static class Activation
{
    public static readonly string[] Muscles = Recording.RecordingMeta.DefaultChannelNames;

    /// <summary>Activation between repetitions (fraction of MVC).</summary>
    public const double RestLevel = 0.02;

    /// <summary>Rise from rest to the first level (s).</summary>
    public const double RampS = 0.15;

    /// <summary>Transition between phase levels and fall after the repetition (s).</summary>
    public const double TransitionS = 0.2;

    /// <summary>Per-muscle activation levels per phase and onset relative to the repetition's first phase (s).</summary>
    public static (double[] Levels, double OnsetOffsetS) Plan(SimulationSettings s, string muscle, int mvcTarget, Random random)
    {
        bool gmax = muscle.StartsWith("gmax", StringComparison.Ordinal);
        double side = (1 + 0.1 * (2 * random.NextDouble() - 1))   // left/right differ a little
            * (gmax && s.Exercise != Exercise.Mvc ? s.GmaxScale : 1);
        double jitterS = 0.02 * (2 * random.NextDouble() - 1);
        switch (s.Exercise)
        {
            case Exercise.Mvc:
                // Efforts alternate: gluteus maximus (prone hip extension), then erector spinae (back extension).
                bool target = gmax == (mvcTarget == 0);
                return (new[] { target ? s.MvcEffortFraction : 0.15 * s.MvcEffortFraction }, jitterS);
            case Exercise.Bridge when s.Pattern == MovementPattern.LumbarDominant:
                return gmax
                    ? (Scale(new[] { 0.18, 0.15, 0.10 }, side), 0.10 + jitterS)
                    : (Scale(new[] { 0.40, 0.35, 0.25 }, side), -0.15 + jitterS);
            case Exercise.Bridge:
                return gmax
                    ? (Scale(new[] { 0.35, 0.30, 0.20 }, side), -0.05 + jitterS)
                    : (Scale(new[] { 0.12, 0.10, 0.08 }, side), 0.10 + jitterS);
            case Exercise.PullThrough when s.DeadStart:
                // Phases concentric, hold, eccentric: the concentric level without an eccentric pre-activation.
                return gmax
                    ? (Scale(new[] { 0.40, 0.25, 0.20 }, side * (s.Pattern == MovementPattern.LumbarFlexion ? 0.8 : 1)), -0.05 + jitterS)
                    : (Scale(s.Pattern == MovementPattern.LumbarFlexion ? new[] { 0.40, 0.45, 0.40 } : new[] { 0.30, 0.35, 0.30 }, side),
                        jitterS);
            case Exercise.PullThrough:
                double effect = 1 + s.EccentricEffect;
                bool lumbar = s.Pattern == MovementPattern.LumbarFlexion;
                return gmax
                    ? (Scale(new[] { 0.20 * effect, 0.25, 0.40 * effect }, side * (lumbar ? 0.8 : 1)), (lumbar ? 0.10 : -0.05) + jitterS)
                    : (Scale(lumbar ? new[] { 0.40, 0.45, 0.40 } : new[] { 0.30, 0.35, 0.30 }, side), (lumbar ? -0.05 : 0.0) + jitterS);
            default:
                return (Array.Empty<double>(), 0);
        }
    }

    private static double[] Scale(double[] levels, double factor) => levels.Select(l => l * factor).ToArray();

    /// <summary>Activation between repetitions: the resting level, or a tonic level when the settings hold one.</summary>
    public static double Baseline(SimulationSettings s) => Math.Max(RestLevel, s.TonicLevel);

    /// <summary>Activation between repetitions at time <paramref name="t"/>: rest until the tonic level starts, then a
    /// smooth 0.3 s rise to it.</summary>
    public static double BaselineAt(SimulationSettings s, double t) =>
        RestLevel + (Baseline(s) - RestLevel) * Schedule.Smooth((t - s.TonicFromS) / TonicRiseS);

    /// <summary>Rise time of a tonic level (s).</summary>
    private const double TonicRiseS = 0.3;

    /// <summary>Activation of one muscle at time <paramref name="t"/> given its per-repetition plans.</summary>
    public static double At(double t, IReadOnlyList<Schedule.Rep> reps, IReadOnlyList<(double[] Levels, double OnsetS)> plans,
        double baseline = RestLevel)
    {
        for (int r = 0; r < reps.Count; r++)
        {
            Schedule.Rep rep = reps[r];
            (double[] levels, double onset) = plans[r];
            if (t < onset || t > rep.EndS + TransitionS)
            {
                continue;
            }

            if (t < onset + RampS)
            {
                return baseline + (levels[0] - baseline) * Schedule.Smooth((t - onset) / RampS);
            }

            if (t > rep.EndS)
            {
                return baseline + (levels[^1] - baseline) * (1 - Schedule.Smooth((t - rep.EndS) / TransitionS));
            }

            double level = levels[0];
            for (int k = 1; k < levels.Length; k++)
            {
                double boundary = rep.Phases[k].StartS;
                level += (levels[k] - levels[k - 1]) * Schedule.Smooth((t - boundary + TransitionS / 2) / TransitionS);
            }

            return level;
        }

        return baseline;
    }
}
