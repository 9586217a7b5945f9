using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Dsp;

namespace GluteSense.Host.Simulation;

/// <summary>A simulated recording: raw EMG per channel (uV), IMU samples per site and the ground truth.</summary>
/// <param name="Emg">Per channel (order of <see cref="Channels"/>), samples at the EMG rate (uV, as the AFE sees them).</param>
/// <param name="Imu">Per IMU name: samples x 6 (gx gy gz rad/s, ax ay az m/s^2) or x 9 (plus mx my mz uT) in the sensor frame.</param>
public sealed record SimulatedRecording(SimulationSettings Settings, string[] Channels, double[][] Emg,
    IReadOnlyDictionary<string, double[][]> Imu, SimulationTruth Truth);

/// <summary>
/// Physiological simulator with ground truth (docs/simulator.md): glute bridge, cable pull-through, MVC and rest;
/// good and faulty patterns; band-limited stochastic sEMG driven by per-phase activation with per-muscle onsets;
/// contamination (ECG, powerline, baseline wander, electrode offset, motion artefacts, lift-off, saturation); IMUs
/// with noise, bias and a random mounting rotation. Seeded: the same settings give the same recording.
/// </summary>
public static class Simulator
{
    /// <summary>EMG RMS at 100 % MVC per muscle (uV): typical surface values for these sites.</summary>
    public static readonly IReadOnlyDictionary<string, double> MvcRmsUv = new Dictionary<string, double>
    {
        ["gmax_l"] = 250, ["gmax_r"] = 250, ["es_l"] = 200, ["es_r"] = 200,
    };

    /// <summary>Pass band of the sEMG carrier (Hz): white noise shaped to a median frequency of about 80-100 Hz.</summary>
    public const double CarrierLowHz = 20, CarrierHighHz = 160;

    /// <summary>AFE input range (uV): +-VREF / gain = +-2.4 V / 6; the simulated AFE clips here.</summary>
    public const double AfeFullScaleUv = 400_000;

    /// <summary>Gyro noise (rad/s RMS), accelerometer noise (m/s^2 RMS), largest bias per axis.</summary>
    public const double GyroNoise = 0.005, AccelNoise = 0.02, GyroBiasMax = 0.01, AccelBiasMax = 0.05;

    /// <summary>Earth's field in the earth frame (x east, y north, z up; uT): 20 uT north, 44 uT down (mid-latitude Europe).</summary>
    public static readonly (double X, double Y, double Z) EarthFieldUt = (0, 20, -44);

    /// <summary>Magnetometer noise (uT RMS) and largest hard-iron offset per axis (uT).</summary>
    public const double MagNoiseUt = 0.3, MagOffsetMaxUt = 5;

    /// <summary>Standard gravity (m/s^2).</summary>
    public const double Gravity = 9.80665;

    /// <summary>Runs the simulation.</summary>
    public static SimulatedRecording Run(SimulationSettings settings)
    {
        if (settings.EmgRateHz is not (1000 or 2000))
        {
            throw new ArgumentException("EMG rate must be 1000 or 2000 Hz");
        }

        if (settings.Reps < 0 || settings.ImuRateHz < 10 || settings.ImuRateHz > 1000)
        {
            throw new ArgumentException("reps must be >= 0 and the IMU rate 10..1000 Hz");
        }

        if (settings.DeadStart && settings.Exercise != Exercise.PullThrough)
        {
            throw new ArgumentException($"a dead start is a pull-through design, not a {settings.Exercise.Name()}");
        }

        var random = new Random(settings.Seed);
        var schedule = new Schedule(settings, random);
        var kinematics = new Kinematics(settings, schedule, random);
        string[] channels = Activation.Muscles;

        var onsets = schedule.Reps.Select(_ => new Dictionary<string, double>()).ToArray();
        var levels = schedule.Reps.Select(_ => new Dictionary<string, double[]>()).ToArray();
        var plans = new List<(double[] Levels, double OnsetS)>[channels.Length];
        for (int c = 0; c < channels.Length; c++)
        {
            plans[c] = new List<(double[], double)>();
            foreach (Schedule.Rep rep in schedule.Reps)
            {
                (double[] lv, double offset) = Activation.Plan(settings, channels[c], rep.Index % 2, random);
                if (settings.Fatigue > 0 && schedule.Reps.Count > 1)
                {
                    // Fatigue: more motor units (and more activation) for the same task as the set goes on.
                    double gain = 1 + settings.Fatigue * rep.Index / (schedule.Reps.Count - 1);
                    lv = lv.Select(l => l * gain).ToArray();
                }

                double onset = rep.StartS + offset;
                plans[c].Add((lv, onset));
                onsets[rep.Index][channels[c]] = onset;
                levels[rep.Index][channels[c]] = lv;
            }
        }

        // Extras of the adversarial scenarios draw from their own generator, so the standard recordings of a seed
        // stay what they were.
        var extra = new Random(unchecked(settings.Seed * 48271 + 11));
        double[]? beats = settings.Contamination.RealisticEcg ? EmgSynthesis.EcgBeats(schedule.DurationS, extra) : null;
        var gaps = new List<GapTruth>();
        var offsets = new Dictionary<string, double>();
        double[][] emg = new double[channels.Length][];
        double[][] clean = new double[channels.Length][];
        bool crosstalk = settings.CrosstalkFraction > 0;
        if (crosstalk)
        {
            // Every muscle's own signal first: each channel also picks up its neighbours'.
            for (int c = 0; c < channels.Length; c++) clean[c] = EmgSynthesis.Clean(settings, schedule, plans[c], MvcRmsUv[channels[c]], random);
        }

        for (int c = 0; c < channels.Length; c++)
        {
            double offset = settings.Contamination.ElectrodeOffsetUv * (2 * random.NextDouble() - 1);
            offsets[channels[c]] = offset;
            if (!crosstalk) clean[c] = EmgSynthesis.Clean(settings, schedule, plans[c], MvcRmsUv[channels[c]], random);
            double[]? neighbour = crosstalk ? Crosstalk(settings, schedule, channels, c, clean, plans, extra) : null;
            emg[c] = EmgSynthesis.Channel(settings, schedule, channels[c], clean[c], offset, random, gaps, neighbour, beats,
                channels[c].EndsWith("_r", StringComparison.Ordinal) ? 0.8 : 1);
        }

        var imus = new Dictionary<string, double[][]>();
        var imuTruth = new List<ImuTruth>();
        foreach (string site in Sites(settings))
        {
            (double[][] samples, ImuTruth truth) = ImuSynthesis.Sensor(settings, schedule, kinematics, site, random);
            imus[site] = samples;
            imuTruth.Add(truth);
        }

        var reps = schedule.Reps.Select(r => new RepTruth(r.Index, r.StartS, r.EndS, r.Partial, r.Phases,
            onsets[r.Index], levels[r.Index],
            RangeOver(r, kinematics.LumbarDeg), -Math.Min(0, MinOver(r, kinematics.CervicalDeg)), RangeOver(r, kinematics.PelvisDeg),
            r.RangeFraction, Activation.Baseline(settings))).ToList();
        var truthRecord = new SimulationTruth(settings.Exercise, Name(settings.Pattern), settings.Seed, settings.EccentricEffect,
            schedule.DurationS, reps, imuTruth, MvcRmsUv, offsets, gaps, settings.Contamination);
        return new SimulatedRecording(settings, channels, emg, imus, truthRecord);
    }

    /// <summary>Crosstalk reaching channel <paramref name="c"/> (uV): for gluteus maximus the hamstrings of that side
    /// (activation 0.8 x the gluteus maximus plan, onset within +-100 ms of it, own carrier), for erector spinae the
    /// contralateral erector spinae; scaled by the crosstalk fraction.</summary>
    private static double[] Crosstalk(SimulationSettings s, Schedule schedule, string[] channels, int c, double[][] clean,
        List<(double[] Levels, double OnsetS)>[] plans, Random extra)
    {
        string name = channels[c];
        double[] source;
        if (name.StartsWith("es", StringComparison.Ordinal))
        {
            string other = name.EndsWith("_l", StringComparison.Ordinal) ? "es_r" : "es_l";
            source = clean[Array.IndexOf(channels, other)];
        }
        else
        {
            var hamstrings = plans[c].Select(p => (p.Levels.Select(l => 0.8 * l).ToArray(), p.OnsetS + 0.1 * (2 * extra.NextDouble() - 1)))
                .ToList();
            source = EmgSynthesis.Clean(s, schedule, hamstrings, MvcRmsUv[name], extra);
        }

        return source.Select(v => s.CrosstalkFraction * v).ToArray();
    }

    /// <summary>IMU sites of a recording: lumbar always; sacrum and head when enabled.</summary>
    public static IEnumerable<string> Sites(SimulationSettings s)
    {
        yield return "lumbar";
        if (s.SacrumImu)
        {
            yield return "sacrum";
        }

        if (s.HeadImu || s.Pattern == MovementPattern.NeckHyperextension)
        {
            yield return "head";
        }
    }

    /// <summary>File-format name of a pattern ("good", "lumbar-dominant", "lumbar-flexion", "neck-hyperextension").</summary>
    public static string Name(MovementPattern p) => p switch
    {
        MovementPattern.LumbarDominant => "lumbar-dominant",
        MovementPattern.LumbarFlexion => "lumbar-flexion",
        MovementPattern.NeckHyperextension => "neck-hyperextension",
        _ => "good",
    };

    private static double RangeOver(Schedule.Rep r, Func<double, double> angle) =>
        Sample(r, angle).Max() - Sample(r, angle).Min();

    private static double MinOver(Schedule.Rep r, Func<double, double> angle) => Sample(r, angle).Min();

    private static IEnumerable<double> Sample(Schedule.Rep r, Func<double, double> angle)
    {
        for (double t = r.StartS; t <= r.EndS; t += 0.01)
        {
            yield return angle(t);
        }
    }

    /// <summary>Band-pass design for the sEMG carrier at a rate (host design, double).</summary>
    internal static double[][] CarrierFilter(int rateHz) => FilterDesigner.ButterworthBandPass(2, CarrierLowHz, CarrierHighHz, rateHz);
}
