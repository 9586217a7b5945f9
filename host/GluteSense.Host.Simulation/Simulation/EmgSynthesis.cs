using System;
using System.Collections.Generic;
using GluteSense.Host.Dsp;

namespace GluteSense.Host.Simulation;

/// <summary>One EMG channel: amplitude-modulated band-limited noise plus the contamination real electrodes pick up.</summary>
internal static class EmgSynthesis
{
    /// <summary>ECG heart rate (beats/s) and QRS width (s, Gaussian sigma).</summary>
    private const double HeartRateHz = 1.2, QrsSigmaS = 0.012;

    /// <summary>Baseline wander frequency (Hz).</summary>
    private const double WanderHz = 0.3;

    /// <summary>Duration (s) and dominant frequency (Hz) of a motion artefact at a phase change.</summary>
    private const double ArtefactS = 0.25, ArtefactHz = 4;

    /// <summary>Saturating artefact amplitude (uV), beyond the AFE range.</summary>
    private const double SaturatingUv = 1_500_000;

    public static double[] Channel(SimulationSettings s, Schedule schedule, string muscle, IReadOnlyList<(double[] Levels, double OnsetS)> plans,
        double mvcRmsUv, double offsetUv, Random random, List<GapTruth> gaps)
    {
        int rate = s.EmgRateHz;
        int n = (int)(schedule.DurationS * rate);
        double[] carrier = Carrier(n, rate, random);
        Contamination k = s.Contamination;
        double ecgPhase = random.NextDouble() / HeartRateHz, wanderPhase = random.NextDouble() * 6.3;
        double mainsPhase = random.NextDouble() * 6.3;
        bool back = muscle.StartsWith("es", StringComparison.Ordinal);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / rate;
            double activation = Activation.At(t, schedule.Reps, plans);
            double v = carrier[i] * activation * mvcRmsUv + k.NoiseUv * Gaussian(random) + offsetUv;
            v += k.PowerlineUv * Math.Sin(2 * Math.PI * k.MainsHz * t + mainsPhase);
            v += k.BaselineWanderUv * Math.Sin(2 * Math.PI * WanderHz * t + wanderPhase);
            if (back)
            {
                double sinceBeat = (t + ecgPhase) % (1 / HeartRateHz) - 0.5 / HeartRateHz;
                v += k.EcgUv * Math.Exp(-sinceBeat * sinceBeat / (2 * QrsSigmaS * QrsSigmaS));
            }

            x[i] = v;
        }

        foreach (Schedule.Rep rep in schedule.Reps)
        {
            foreach (PhaseTruth phase in rep.Phases)
            {
                AddBump(x, rate, phase.StartS, k.MotionArtefactUv * (0.5 + random.NextDouble()));
            }

            if (rep.Index == k.LiftOffRep && muscle == "gmax_l")
            {
                LiftOff(x, rate, rep, random);
                gaps.Add(new GapTruth(muscle, rep.StartS, rep.EndS, "lead-off"));
            }

            if (rep.Index == k.SaturationRep && muscle == "es_r")
            {
                double at = rep.Phases[0].EndS;
                AddBump(x, rate, at, SaturatingUv);
                gaps.Add(new GapTruth(muscle, at, at + ArtefactS, "saturation"));
            }
        }

        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(x[i], -Simulator.AfeFullScaleUv, Simulator.AfeFullScaleUv);
        }

        return x;
    }

    // White Gaussian noise through the carrier band-pass, scaled to unit RMS.
    private static double[] Carrier(int n, int rate, Random random)
    {
        double[][] sos = Simulator.CarrierFilter(rate);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = Gaussian(random);
        }

        SosFilter.Apply(y, sos);

        double sum = 0;
        foreach (double v in y)
        {
            sum += v * v;
        }

        double scale = n > 0 ? 1 / Math.Sqrt(sum / n) : 1;
        for (int i = 0; i < n; i++)
        {
            y[i] *= scale;
        }

        return y;
    }

    // A damped low-frequency oscillation: skin stretch and cable movement when the movement changes direction.
    private static void AddBump(double[] x, int rate, double startS, double amplitudeUv)
    {
        int first = (int)(startS * rate), count = (int)(ArtefactS * rate);
        for (int i = 0; i < count && first + i < x.Length; i++)
        {
            double t = (double)i / rate;
            x[first + i] += amplitudeUv * Math.Sin(2 * Math.PI * ArtefactHz * t) * Math.Exp(-t / (ArtefactS / 3));
        }
    }

    // The electrode loses contact: the input floats to a large drifting potential with no EMG in it.
    private static void LiftOff(double[] x, int rate, Schedule.Rep rep, Random random)
    {
        double level = 150_000 * (random.NextDouble() < 0.5 ? -1 : 1);
        for (int i = (int)(rep.StartS * rate); i < Math.Min(x.Length, (int)(rep.EndS * rate)); i++)
        {
            x[i] = level + 20_000 * Math.Sin(2 * Math.PI * 0.7 * i / rate);
        }
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
