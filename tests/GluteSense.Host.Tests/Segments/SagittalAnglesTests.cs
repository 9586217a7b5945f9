using System;
using GluteSense.Host.Analysis.Orientation;
using GluteSense.Host.Analysis.Segments;
using Xunit;

namespace GluteSense.Host.Tests.Segments;

/// <summary>
/// Own synthetic ground truth (no project simulator): a segment performs sagittal reps (hip-hinge or bridge-like) with
/// small frontal and transverse wobble; a sensor strapped on with a random rotation measures gyro + accel with noise
/// and bias. The recovered sagittal angle must match the truth for every mounting.
/// </summary>
public class SagittalAnglesTests
{
    private const double RateHz = 100;
    private const double DurationS = 24;
    private const double StillS = 2;          // start-of-trial rest (the 0° pose)
    private const double RmseToleranceDeg = 2; // documented in docs/orientation.md
    private const int Mountings = 40;

    private static double Deg(double rad) => rad * 180 / Math.PI;
    private static double Rad(double deg) => deg * Math.PI / 180;

    /// <summary>Segment-to-earth rotation: heading ψ about earth z, then sagittal θ about segment x, frontal φ about segment y.</summary>
    private static QuaternionD Segment(double t, double amplitudeDeg, double headingDeg, out double sagittalDeg)
    {
        double active = t < StillS ? 0 : t - StillS;
        sagittalDeg = amplitudeDeg * (1 - Math.Cos(2 * Math.PI * active / 4)) / 2;           // 4 s reps
        double frontalDeg = t < StillS ? 0 : 3 * Math.Sin(2 * Math.PI * 0.7 * active);         // small side sway
        double transverseDeg = headingDeg + (t < StillS ? 0 : 4 * Math.Sin(2 * Math.PI * 0.3 * active));
        return QuaternionD.FromAxisAngle(0, 0, 1, Rad(transverseDeg))
             * QuaternionD.FromAxisAngle(1, 0, 0, Rad(sagittalDeg))
             * QuaternionD.FromAxisAngle(0, 1, 0, Rad(frontalDeg));
    }

    private static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Simulated sensor: sensor-to-earth = segment ⊗ mount; returns estimated quaternions (6-axis AHRS) and gyro.</summary>
    private static (QuaternionD[] Q, Vec3[] Gyro, double[] TruthDeg) Record(QuaternionD mount, Random rng, double amplitudeDeg,
        double headingDeg, Vec3 biasRadPerS)
    {
        int n = (int)(DurationS * RateHz);
        var q = new QuaternionD[n];
        var gyro = new Vec3[n];
        var truth = new double[n];
        var ahrs = new Ahrs(RateHz);
        const double gyroNoiseRadPerS = 0.01, accNoiseMPerS2 = 0.05;
        QuaternionD prev = Segment(0, amplitudeDeg, headingDeg, out _) * mount;
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz;
            QuaternionD cur = Segment(t, amplitudeDeg, headingDeg, out truth[i]) * mount;
            // Body rate that carries the previous attitude to this one over one sample (matches the AHRS integrator).
            Vec3 w = i == 0 ? default : RateHz * (prev.Conjugate() * cur).ToRotationVector();
            Vec3 g = cur.Conjugate().Rotate(0, 0, AhrsSettings.GravityMPerS2);
            gyro[i] = new Vec3(w.X + biasRadPerS.X + gyroNoiseRadPerS * Gauss(rng), w.Y + biasRadPerS.Y + gyroNoiseRadPerS * Gauss(rng),
                w.Z + biasRadPerS.Z + gyroNoiseRadPerS * Gauss(rng));
            Vec3 acc = new(g.X + accNoiseMPerS2 * Gauss(rng), g.Y + accNoiseMPerS2 * Gauss(rng), g.Z + accNoiseMPerS2 * Gauss(rng));
            ahrs.Update(gyro[i], acc);
            q[i] = ahrs.Quaternion;
            prev = cur;
        }
        return (q, gyro, truth);
    }

    private static double Rmse(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s / a.Length);
    }

    private static Vec3 RandomBias(Random rng) =>
        new(0.004 * (2 * rng.NextDouble() - 1), 0.004 * (2 * rng.NextDouble() - 1), 0.004 * (2 * rng.NextDouble() - 1));

    [Theory]
    [InlineData(40.0, 1)]  // hip hinge / pull-through: 40° trunk flexion
    [InlineData(25.0, 2)]  // bridge: 25° pelvis rise
    public void SagittalAngle_MatchesTruth_ForRandomMountings(double amplitudeDeg, int seed)
    {
        var rng = new Random(seed);
        double worst = 0;
        for (int m = 0; m < Mountings; m++)
        {
            var (q, gyro, truth) = Record(QuaternionD.Uniform(rng), rng, amplitudeDeg, 360 * rng.NextDouble(), RandomBias(rng));
            double[] angle = SagittalAngles.SegmentAngleDeg(q, gyro, RateHz);
            worst = Math.Max(worst, Rmse(angle, truth));
        }
        Assert.True(worst < RmseToleranceDeg, "worst RMSE over mountings " + worst.ToString("F2") + " deg");
    }

    [Fact]
    public void Alignment_FindsTheSegmentAxesInTheSensorFrame()
    {
        var rng = new Random(3);
        QuaternionD mount = QuaternionD.Uniform(rng);
        var (q, gyro, _) = Record(mount, rng, 40, 0, default);
        SagittalAlignment a = SagittalAngles.EstimateAlignment(q, gyro, RateHz);
        // Segment x (mediolateral) and z (up at start) expressed in the sensor frame: mount⁻¹ applied to the axes.
        Vec3 trueMl = mount.Conjugate().Rotate(1, 0, 0), trueUp = mount.Conjugate().Rotate(0, 0, 1);
        Assert.True(Vec3.AngleDeg(a.MediolateralAxis, trueMl) < 3, "ML axis off by " + Vec3.AngleDeg(a.MediolateralAxis, trueMl));
        Assert.True(Vec3.AngleDeg(a.UpAtStart, trueUp) < 1, "up axis off by " + Vec3.AngleDeg(a.UpAtStart, trueUp));
    }

    [Fact]
    public void RelativeAngle_LumbarVsSacrum_RecoversTheDifference_WithIndependentMountings()
    {
        var rng = new Random(4);
        var lumbar = Record(QuaternionD.Uniform(rng), rng, 40, 30, RandomBias(rng));
        var sacrum = Record(QuaternionD.Uniform(rng), rng, 25, 30, RandomBias(rng));
        double[] rel = SagittalAngles.RelativeAngleDeg(
            SagittalAngles.SegmentAngleDeg(lumbar.Q, lumbar.Gyro, RateHz), SagittalAngles.SegmentAngleDeg(sacrum.Q, sacrum.Gyro, RateHz));
        var truth = new double[rel.Length];
        for (int i = 0; i < truth.Length; i++) truth[i] = lumbar.TruthDeg[i] - sacrum.TruthDeg[i];
        Assert.True(Rmse(rel, truth) < RmseToleranceDeg, "relative RMSE " + Rmse(rel, truth).ToString("F2"));
    }

    [Fact]
    public void RotationAboutTheVerticalOnly_IsRejected()
    {
        int n = 200;
        var q = new QuaternionD[n];
        var gyro = new Vec3[n];
        for (int i = 0; i < n; i++)
        {
            q[i] = QuaternionD.FromAxisAngle(0, 0, 1, 0.01 * i);
            gyro[i] = new Vec3(0, 0, 1);
        }
        Assert.Throws<ArgumentException>(() => SagittalAngles.EstimateAlignment(q, gyro, RateHz));
    }
}
