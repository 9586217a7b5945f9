using System;
using System.Linq;
using GluteSense.Host.Analysis.Orientation;

namespace GluteSense.Host.Simulation;

/// <summary>
/// An IMU on a segment: gyro = angular velocity of the sensor in its own frame; accelerometer = specific force
/// (linear acceleration of the sensor plus 1 g up) in its own frame; both with bias and white noise, in a sensor frame
/// rotated from the segment frame by the mounting rotation.
/// </summary>
internal static class ImuSynthesis
{
    /// <summary>Step (s) of the finite differences for angular velocity and acceleration.</summary>
    private const double DerivativeStepS = 0.002;

    public static (double[][] Samples, ImuTruth Truth) Sensor(SimulationSettings s, Schedule schedule, Kinematics kinematics, string site,
        Random random)
    {
        QuaternionD mount = s.RandomMounting ? QuaternionD.Uniform(random) : QuaternionD.Identity;
        double[] gyroBias = { Bias(random, Simulator.GyroBiasMax), Bias(random, Simulator.GyroBiasMax), Bias(random, Simulator.GyroBiasMax) };
        double[] accelBias = { Bias(random, Simulator.AccelBiasMax), Bias(random, Simulator.AccelBiasMax),
            Bias(random, Simulator.AccelBiasMax) };
        double[] magOffset = { Bias(random, Simulator.MagOffsetMaxUt), Bias(random, Simulator.MagOffsetMaxUt),
            Bias(random, Simulator.MagOffsetMaxUt) };
        int n = (int)(schedule.DurationS * s.ImuRateHz);
        var samples = new double[n][];
        (double X, double Y, double Z) lever = Kinematics.Lever(site);
        const double h = DerivativeStepS;
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / s.ImuRateHz;
            QuaternionD before = kinematics.Segment(site, t - h) * mount;
            QuaternionD now = kinematics.Segment(site, t) * mount;
            QuaternionD after = kinematics.Segment(site, t + h) * mount;
            (double gx, double gy, double gz) = (before.Conjugate() * after).ToRotationVector();

            Vec3 p0 = Position(kinematics, site, t - h, lever);
            Vec3 p1 = Position(kinematics, site, t, lever);
            Vec3 p2 = Position(kinematics, site, t + h, lever);
            double ax = (p2.X - 2 * p1.X + p0.X) / (h * h);
            double ay = (p2.Y - 2 * p1.Y + p0.Y) / (h * h);
            double az = (p2.Z - 2 * p1.Z + p0.Z) / (h * h) + Simulator.Gravity;
            (double fx, double fy, double fz) = now.Conjugate().Rotate(ax, ay, az);

            double[] row = new[]
            {
                gx / (2 * h) + gyroBias[0] + Simulator.GyroNoise * EmgSynthesis.Gaussian(random),
                gy / (2 * h) + gyroBias[1] + Simulator.GyroNoise * EmgSynthesis.Gaussian(random),
                gz / (2 * h) + gyroBias[2] + Simulator.GyroNoise * EmgSynthesis.Gaussian(random),
                fx + accelBias[0] + Simulator.AccelNoise * EmgSynthesis.Gaussian(random),
                fy + accelBias[1] + Simulator.AccelNoise * EmgSynthesis.Gaussian(random),
                fz + accelBias[2] + Simulator.AccelNoise * EmgSynthesis.Gaussian(random),
            };
            if (s.Magnetometer)
            {
                (double mx, double my, double mz) = now.Conjugate()
                    .Rotate(Simulator.EarthFieldUt.X, Simulator.EarthFieldUt.Y, Simulator.EarthFieldUt.Z);
                row = row.Concat(new[]
                {
                    mx + magOffset[0] + Simulator.MagNoiseUt * EmgSynthesis.Gaussian(random),
                    my + magOffset[1] + Simulator.MagNoiseUt * EmgSynthesis.Gaussian(random),
                    mz + magOffset[2] + Simulator.MagNoiseUt * EmgSynthesis.Gaussian(random),
                }).ToArray();
            }

            samples[i] = row;
        }

        return (samples,
            new ImuTruth(site, site, new[] { mount.W, mount.X, mount.Y, mount.Z }, gyroBias, accelBias, s.Magnetometer ? magOffset : null));
    }

    private static Vec3 Position(Kinematics k, string site, double t, (double X, double Y, double Z) lever) =>
        k.Segment(site, t).Rotate(lever.X, lever.Y, lever.Z);

    private static double Bias(Random random, double max) => max * (2 * random.NextDouble() - 1);
}
