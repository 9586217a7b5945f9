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

    /// <summary>The muscle's own sEMG (uV): carrier x activation x MVC RMS. With fatigue the carrier's spectrum slides
    /// down over the trial (a crossfade to a carrier in a band lowered by half the fatigue fraction) and the plans
    /// already carry the rising activation.</summary>
    public static double[] Clean(SimulationSettings s, Schedule schedule, IReadOnlyList<(double[] Levels, double OnsetS)> plans,
        double mvcRmsUv, Random random)
    {
        int rate = s.EmgRateHz;
        int n = (int)(schedule.DurationS * rate);
        double[] carrier = Carrier(n, rate, random, Simulator.CarrierFilter(rate));
        if (s.Fatigue > 0)
        {
            double shift = 1 - s.Fatigue / 2;
            double[] tired = Carrier(n, rate, random,
                FilterDesigner.ButterworthBandPass(2, Simulator.CarrierLowHz * shift, Simulator.CarrierHighHz * shift, rate));
            double firstS = schedule.Reps.Count > 0 ? schedule.Reps[0].StartS : 0, lastS = schedule.Reps.Count > 0 ? schedule.Reps[^1].EndS : 1;
            for (int i = 0; i < n; i++)
            {
                // Equal-power crossfade of two independent unit-RMS carriers keeps the RMS at 1.
                double progress = Math.Clamp(((double)i / rate - firstS) / Math.Max(1e-9, lastS - firstS), 0, 1);
                carrier[i] = Math.Cos(progress * Math.PI / 2) * carrier[i] + Math.Sin(progress * Math.PI / 2) * tired[i];
            }
        }

        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / rate;
            x[i] = carrier[i] * Activation.At(t, schedule.Reps, plans, Activation.BaselineAt(s, t)) * mvcRmsUv;
        }

        return x;
    }

    /// <summary>What the electrode records: the muscle's sEMG (<paramref name="clean"/>), any crosstalk, and the
    /// contamination. <paramref name="ecgBeatsS"/> are the R-wave times of a realistic ECG (null = the smooth bump).</summary>
    public static double[] Channel(SimulationSettings s, Schedule schedule, string muscle, double[] clean, double offsetUv,
        Random random, List<GapTruth> gaps, double[]? crosstalkUv = null, double[]? ecgBeatsS = null, double ecgGain = 1)
    {
        int rate = s.EmgRateHz;
        int n = clean.Length;
        Contamination k = s.Contamination;
        double ecgPhase = random.NextDouble() / HeartRateHz, wanderPhase = random.NextDouble() * 6.3;
        double mainsPhase = random.NextDouble() * 6.3;
        bool back = muscle.StartsWith("es", StringComparison.Ordinal);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / rate;
            double v = clean[i] + k.NoiseUv * Gaussian(random) + offsetUv;
            if (crosstalkUv != null) v += crosstalkUv[i];
            v += k.PowerlineUv * Math.Sin(2 * Math.PI * k.MainsHz * t + mainsPhase);
            v += k.BaselineWanderUv * Math.Sin(2 * Math.PI * WanderHz * t + wanderPhase);
            if (back && ecgBeatsS == null)
            {
                double sinceBeat = (t + ecgPhase) % (1 / HeartRateHz) - 0.5 / HeartRateHz;
                v += k.EcgUv * Math.Exp(-sinceBeat * sinceBeat / (2 * QrsSigmaS * QrsSigmaS));
            }

            x[i] = v;
        }

        if (back && ecgBeatsS != null)
        {
            AddEcg(x, rate, ecgBeatsS, k.EcgUv * ecgGain);
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

    /// <summary>Waves of a realistic ECG beat: (time from the R peak s, Gaussian sigma s, amplitude re R). Q, R and S
    /// 5-6 ms wide (their spectrum reaches 20-40 Hz, as measured QRS complexes do), then the slower T wave.</summary>
    private static readonly (double AtS, double SigmaS, double Gain)[] EcgWaves =
    {
        (-0.022, 0.005, -0.12), (0, 0.006, 1), (0.024, 0.006, -0.3), (0.24, 0.04, 0.2),
    };

    /// <summary>R-peak times (s) of a heart at 72 /min with +-5 % beat-to-beat variation, over <paramref name="durationS"/>.</summary>
    public static double[] EcgBeats(double durationS, Random random)
    {
        var beats = new List<double>();
        for (double t = random.NextDouble() / HeartRateHz; t < durationS + 1; t += (1 + 0.05 * (2 * random.NextDouble() - 1)) / HeartRateHz)
        {
            beats.Add(t);
        }

        return beats.ToArray();
    }

    private static void AddEcg(double[] x, int rate, double[] beatsS, double amplitudeUv)
    {
        foreach (double beat in beatsS)
        {
            foreach ((double at, double sigma, double gain) in EcgWaves)
            {
                int from = Math.Max(0, (int)((beat + at - 4 * sigma) * rate)),
                to = Math.Min(x.Length, (int)((beat + at + 4 * sigma) * rate) + 1);
                for (int i = from; i < to; i++)
                {
                    double d = (double)i / rate - beat - at;
                    x[i] += amplitudeUv * gain * Math.Exp(-d * d / (2 * sigma * sigma));
                }
            }
        }
    }

    // White Gaussian noise through the carrier band-pass, scaled to unit RMS.
    private static double[] Carrier(int n, int rate, Random random, double[][] sos)
    {
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
