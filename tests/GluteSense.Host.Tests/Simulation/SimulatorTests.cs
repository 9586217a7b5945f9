using System;
using System.Linq;
using System.Numerics;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Simulation;

/// <summary>The simulator's signals against the ground truth it writes, measured by independent methods.</summary>
public class SimulatorTests
{
    private static readonly Contamination Clean = new()
    {
        PowerlineUv = 0, EcgUv = 0, BaselineWanderUv = 0, ElectrodeOffsetUv = 0, MotionArtefactUv = 0, NoiseUv = 0.5,
    };

    private static SimulatedRecording Run(Exercise exercise, MovementPattern pattern = MovementPattern.Good, int seed = 1, int reps = 4, Contamination? contamination = null) =>
        Simulator.Run(new SimulationSettings { Exercise = exercise, Pattern = pattern, Seed = seed, Reps = reps, Contamination = contamination ?? new Contamination() });

    [Fact]
    public void SameSeedSameRecordingOtherSeedOtherRecording()
    {
        SimulatedRecording a = Run(Exercise.Bridge, seed: 7, reps: 2), b = Run(Exercise.Bridge, seed: 7, reps: 2), c = Run(Exercise.Bridge, seed: 8, reps: 2);
        Assert.Equal(a.Emg[0], b.Emg[0]);
        Assert.Equal(a.Imu["lumbar"][100], b.Imu["lumbar"][100]);
        Assert.NotEqual(a.Emg[0].Take(1000), c.Emg[0].Take(1000));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2000)]
    public void EmgMedianFrequencyIsBetween60And120Hz(int rate)
    {
        SimulatedRecording rec = Simulator.Run(new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1, EmgRateHz = rate, Contamination = Clean });
        var effort = rec.Truth.Reps[0].Phases[0];
        foreach (double[] channel in rec.Emg)
        {
            double[] active = channel.Skip((int)((effort.StartS + 1) * rate)).Take(3 * rate).ToArray();
            double median = MedianFrequency(active, rate);
            Assert.InRange(median, 60, 120);
        }
    }

    [Theory]
    [InlineData(Exercise.Bridge, MovementPattern.Good)]
    [InlineData(Exercise.Bridge, MovementPattern.LumbarDominant)]
    [InlineData(Exercise.PullThrough, MovementPattern.Good)]
    public void EnvelopeRisesAfterTheTruthOnsetAndFollowsTheOnsetOrder(Exercise exercise, MovementPattern pattern)
    {
        SimulatedRecording rec = Run(exercise, pattern, contamination: Clean);
        const int rate = 1000;
        foreach (RepTruth rep in rec.Truth.Reps)
        {
            var crossings = rec.Channels.Select((name, c) =>
            {
                double[] env = MovingRms(rec.Emg[c], rate / 20);
                double rest = Simulator.MvcRmsUv[name] * 0.02, first = Simulator.MvcRmsUv[name] * rep.PhaseActivation[name][0];
                double threshold = rest + 0.3 * (first - rest);
                int from = (int)((rep.OnsetS[name] - 0.5) * rate);
                int i = Array.FindIndex(env, from, v => v > threshold);
                return (name, timeS: (double)i / rate);
            }).ToArray();
            foreach ((string name, double timeS) in crossings)
            {
                // A 30 % crossing comes after the onset (activation starts rising there) and within the ramp plus the
                // RMS window's delay plus the stochastic carrier's spread.
                Assert.InRange(timeS, rep.OnsetS[name] - 0.02, rep.OnsetS[name] + 0.2);
            }

            double gmax = crossings.Where(x => x.name.StartsWith("gmax")).Min(x => x.timeS);
            double es = crossings.Where(x => x.name.StartsWith("es")).Min(x => x.timeS);
            double gmaxTruth = rep.OnsetS["gmax_l"] + rep.OnsetS["gmax_r"], esTruth = rep.OnsetS["es_l"] + rep.OnsetS["es_r"];
            Assert.Equal(esTruth < gmaxTruth, es < gmax);
        }
    }

    [Theory]
    [InlineData(Exercise.Bridge)]
    [InlineData(Exercise.PullThrough)]
    public void SagittalAngularVelocityHasTheSignOfEachPhase(Exercise exercise)
    {
        SimulatedRecording rec = Run(exercise);
        ImuTruth lumbar = rec.Truth.Imus.Single(i => i.Name == "lumbar");
        var mount = new Quaternion((float)lumbar.MountingWxyz[1], (float)lumbar.MountingWxyz[2], (float)lumbar.MountingWxyz[3], (float)lumbar.MountingWxyz[0]);
        double SegmentY(double[] row) =>
            Vector3.Transform(new Vector3((float)(row[0] - lumbar.GyroBiasRadPerS[0]), (float)(row[1] - lumbar.GyroBiasRadPerS[1]), (float)(row[2] - lumbar.GyroBiasRadPerS[2])), mount).Y;

        // Positive segment y rotation = flexion. Bridge: concentric extends (negative), eccentric returns (positive);
        // pull-through: eccentric hinges forward (positive), concentric returns (negative).
        foreach (RepTruth rep in rec.Truth.Reps)
        {
            foreach (PhaseTruth phase in rep.Phases)
            {
                double inset = 0.25 * (phase.EndS - phase.StartS);
                double mean = Enumerable.Range((int)((phase.StartS + inset) * 100), (int)((phase.EndS - phase.StartS - 2 * inset) * 100))
                    .Average(i => SegmentY(rec.Imu["lumbar"][i]));
                double expected = (exercise, phase.Kind) switch
                {
                    (Exercise.Bridge, PhaseKind.Concentric) or (Exercise.PullThrough, PhaseKind.Concentric) => -1,
                    (_, PhaseKind.Hold) => 0,
                    _ => 1,
                };
                if (expected == 0)
                {
                    Assert.InRange(mean, -0.05, 0.05);
                }
                else
                {
                    Assert.True(Math.Sign(mean) == expected && Math.Abs(mean) > 0.1, $"{exercise} rep {rep.Index} {phase.Kind}: {mean:F3} rad/s");
                }
            }
        }
    }

    [Fact]
    public void AtRestTheAccelerometerSeesGravityThroughTheMountingRotation()
    {
        SimulatedRecording rec = Run(Exercise.PullThrough);
        foreach (ImuTruth imu in rec.Truth.Imus)
        {
            var mount = new Quaternion((float)imu.MountingWxyz[1], (float)imu.MountingWxyz[2], (float)imu.MountingWxyz[3], (float)imu.MountingWxyz[0]);
            double[][] still = rec.Imu[imu.Name].Take(100).ToArray();
            var mean = new Vector3(
                (float)still.Average(r => r[3] - imu.AccelBiasMps2[0]),
                (float)still.Average(r => r[4] - imu.AccelBiasMps2[1]),
                (float)still.Average(r => r[5] - imu.AccelBiasMps2[2]));
            Vector3 inSegment = Vector3.Transform(mean, mount);

            // Standing: the segment's z axis is up, so gravity reads +1 g on it (sway of 1-2 deg tilts it slightly).
            Assert.InRange(inSegment.Z, 9.7, 9.9);
            Assert.InRange(Math.Sqrt(inSegment.X * inSegment.X + inSegment.Y * inSegment.Y), 0, 0.5);
        }
    }

    [Fact]
    public void MagnetometerSeesTheEarthFieldThroughTheMountingRotation()
    {
        SimulatedRecording rec = Simulator.Run(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 1, Magnetometer = true });
        ImuTruth imu = rec.Truth.Imus.Single(i => i.Name == "lumbar");
        double[][] still = rec.Imu["lumbar"].Take(100).ToArray();
        Assert.Equal(9, still[0].Length);
        double[] m = Enumerable.Range(6, 3).Select(a => still.Average(r => r[a]) - imu.MagOffsetUt![a - 6]).ToArray();
        double magnitude = Math.Sqrt(m.Sum(v => v * v));
        (double x, double y, double z) = Simulator.EarthFieldUt;
        Assert.InRange(magnitude, Math.Sqrt(x * x + y * y + z * z) - 0.5, Math.Sqrt(x * x + y * y + z * z) + 0.5);

        // The angle between the field and the accelerometer's "up" is frame independent: 90 deg plus the field's
        // inclination below the horizontal, atan(44 / 20) = 65.6 deg.
        double[] g = Enumerable.Range(3, 3).Select(a => still.Average(r => r[a]) - imu.AccelBiasMps2[a - 3]).ToArray();
        double cos = (m[0] * g[0] + m[1] * g[1] + m[2] * g[2]) / (magnitude * Math.Sqrt(g.Sum(v => v * v)));
        double expected = 90 + Math.Atan2(-z, y) * 180 / Math.PI;
        Assert.InRange(Math.Acos(cos) * 180 / Math.PI, expected - 3, expected + 3);
    }

    [Fact]
    public void PatternsShowInTheTruthAngles()
    {
        double Lumbar(SimulatedRecording r) => r.Truth.Reps.Average(x => x.LumbarRangeDeg);
        Assert.True(Lumbar(Run(Exercise.Bridge, MovementPattern.LumbarDominant)) > 3 * Lumbar(Run(Exercise.Bridge)));
        Assert.True(Lumbar(Run(Exercise.PullThrough, MovementPattern.LumbarFlexion)) > 3 * Lumbar(Run(Exercise.PullThrough)));
        SimulatedRecording neck = Run(Exercise.PullThrough, MovementPattern.NeckHyperextension);
        Assert.Contains("head", neck.Imu.Keys);
        Assert.All(neck.Truth.Reps, r => Assert.InRange(r.CervicalExtensionDeg, 20, 30));
    }

    [Fact]
    public void EccentricEffectRaisesGmaxInTheEccentricAndFollowingConcentricPhase()
    {
        SimulatedRecording without = Simulator.Run(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 1, Seed = 2 });
        SimulatedRecording with = Simulator.Run(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 1, Seed = 2, EccentricEffect = 0.5 });
        double[] a = without.Truth.Reps[0].PhaseActivation["gmax_l"], b = with.Truth.Reps[0].PhaseActivation["gmax_l"];
        Assert.Equal(PhaseKind.Eccentric, with.Truth.Reps[0].Phases[0].Kind);
        Assert.Equal(1.5, b[0] / a[0], 6);
        Assert.Equal(1.0, b[1] / a[1], 6);
        Assert.Equal(1.5, b[2] / a[2], 6);
    }

    [Fact]
    public void LiftOffAndSaturationAreInTheSignalAndInTheGaps()
    {
        SimulatedRecording rec = Run(Exercise.Bridge, contamination: new Contamination { LiftOffRep = 1, SaturationRep = 2 });
        Assert.Contains(rec.Truth.Gaps, g => g.Channel == "gmax_l" && g.Reason == "lead-off");
        Assert.Contains(rec.Truth.Gaps, g => g.Channel == "es_r" && g.Reason == "saturation");
        Assert.Contains(rec.Emg[3], v => Math.Abs(v) >= Simulator.AfeFullScaleUv);
    }

    private static double[] MovingRms(double[] x, int window)
    {
        var result = new double[x.Length];
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
            if (i >= window)
            {
                sum -= x[i - window] * x[i - window];
            }

            result[i] = Math.Sqrt(Math.Max(0, sum) / Math.Min(i + 1, window));
        }

        return result;
    }

    // Welch periodogram (Hann, 512-sample segments, half overlap) by a plain DFT; median frequency over 10-450 Hz.
    private static double MedianFrequency(double[] x, int rate)
    {
        const int n = 512;
        var power = new double[n / 2];
        for (int start = 0; start + n <= x.Length; start += n / 2)
        {
            for (int k = 1; k < n / 2; k++)
            {
                double re = 0, im = 0;
                for (int i = 0; i < n; i++)
                {
                    double w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1));
                    re += w * x[start + i] * Math.Cos(2 * Math.PI * k * i / n);
                    im -= w * x[start + i] * Math.Sin(2 * Math.PI * k * i / n);
                }

                power[k] += re * re + im * im;
            }
        }

        double binHz = (double)rate / n;
        int lo = (int)Math.Ceiling(10 / binHz), hi = (int)Math.Floor(Math.Min(450, rate / 2.0 - 1) / binHz);
        double total = 0;
        for (int k = lo; k <= hi; k++) total += power[k];
        double running = 0;
        for (int k = lo; k <= hi; k++)
        {
            running += power[k];
            if (running >= total / 2) return k * binHz;
        }

        return double.NaN;
    }
}
