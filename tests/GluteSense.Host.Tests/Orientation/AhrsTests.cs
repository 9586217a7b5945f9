using System;
using GluteSense.Host.Analysis.Orientation;
using Xunit;

namespace GluteSense.Host.Tests.Orientation;

public class AhrsTests
{
    private const double RateHz = 100;
    private static readonly Vec3 Up = new(0, 0, AhrsSettings.GravityMPerS2);

    [Fact]
    public void Initialises_FromFirstSample_TiltedSensor()
    {
        // Sensor tilted 30° about x: gravity seen in the sensor frame is R⁻¹·up.
        QuaternionD truth = QuaternionD.FromAxisAngle(1, 0, 0, 30 * Math.PI / 180);
        var ahrs = new Ahrs(RateHz);
        ahrs.Update(default, truth.Conjugate().Rotate(Up));
        Assert.True(OrientationError.InclinationDeg(ahrs.Quaternion, truth) < 1e-9);
    }

    [Fact]
    public void GyroBias_IsLearnedWhileStill_AndCancelsDrift()
    {
        var bias = new Vec3(0.01, -0.02, 0.015); // rad/s, below the stationary threshold
        var ahrs = new Ahrs(RateHz);
        for (int i = 0; i < 60 * RateHz; i++) ahrs.Update(bias, Up);
        Assert.True((ahrs.GyroBiasRadPerS - bias).Norm < 1e-3, "bias " + ahrs.GyroBiasRadPerS);
    }

    [Fact]
    public void AccelerationRejection_IgnoresALinearAccelerationBurst()
    {
        // The raw-sample gates alone (AccelerationMeanS = 0, Fusion's scheme): a constant 0.5 g sideways push is rejected.
        var settings = AhrsSettings.Default with { AccelerationMeanS = 0 };
        var ahrs = new Ahrs(RateHz, settings);
        var noReject = new Ahrs(RateHz, settings with { AccelerationRejectionDeg = 180, AccelerationMagnitudeTolerance = 100 });
        for (int i = 0; i < 100; i++) { ahrs.Update(default, Up); noReject.Update(default, Up); }
        var pushed = new Vec3(5, 0, AhrsSettings.GravityMPerS2); // 0.5 g sideways for 1 s
        bool sawRejection = false;
        for (int i = 0; i < 100; i++)
        {
            ahrs.Update(default, pushed);
            noReject.Update(default, pushed);
            sawRejection |= ahrs.AccelerationRejected;
        }
        Assert.True(sawRejection);
        Assert.True(OrientationError.InclinationDeg(ahrs.Quaternion, QuaternionD.Identity) < 0.01);
        Assert.True(OrientationError.InclinationDeg(noReject.Quaternion, QuaternionD.Identity) > 5);
    }

    [Fact]
    public void AccelerationMean_RidesOutAMovementThatStartsAndEndsAtRest()
    {
        // A sideways translation that starts and ends at rest: 0.5 g for 0.5 s, then -0.5 g for 0.5 s, repeated (fast
        // back-and-forth translation, as BROAD trials 15-18). Each sample passes or fails the gates on its own; the
        // earth-frame mean (AccelerationMeanS, default) sees gravity, since the pushes cancel.
        var withMean = new Ahrs(RateHz);
        var rawGates = new Ahrs(RateHz,
            AhrsSettings.Default with { AccelerationMeanS = 0, AccelerationRejectionDeg = 30, AccelerationMagnitudeTolerance = 0.2 });
        for (int i = 0; i < 100; i++) { withMean.Update(default, Up); rawGates.Update(default, Up); }
        double worstMean = 0, worstRaw = 0;
        for (int i = 0; i < 1000; i++)
        {
            double push = (i / 50) % 2 == 0 ? 5 : -5;
            var acc = new Vec3(push, 0, AhrsSettings.GravityMPerS2);
            withMean.Update(default, acc);
            rawGates.Update(default, acc);
            worstMean = Math.Max(worstMean, OrientationError.InclinationDeg(withMean.Quaternion, QuaternionD.Identity));
            worstRaw = Math.Max(worstRaw, OrientationError.InclinationDeg(rawGates.Quaternion, QuaternionD.Identity));
        }

        // Gates wide enough to pass the pushes (27 deg, 12 % of g) let the raw-sample filter tilt; the mean's ripple
        // (+-0.6 m/s^2 for these 1 s cycles and the 2 s mean) tilts it far less.
        Assert.True(worstRaw > 3, $"raw gates: {worstRaw:0.00} deg");
        Assert.True(worstMean < worstRaw / 2, $"earth-frame mean: {worstMean:0.00} deg, raw gates {worstRaw:0.00} deg");
    }

    [Fact]
    public void AccelerationMean_StillCorrectsATiltTheGyroMissed()
    {
        // The sensor is 20 deg tilted without the gyro seeing it (a wrong start, a missed rotation): the innovation is
        // rejected until recovery (RecoveryPeriodS), then the mean follows gravity and the estimate converges.
        var ahrs = new Ahrs(RateHz);
        for (int i = 0; i < 100; i++) ahrs.Update(default, Up);
        double angle = 20 * Math.PI / 180;
        var tilted = new Vec3(0, Math.Sin(angle) * AhrsSettings.GravityMPerS2, Math.Cos(angle) * AhrsSettings.GravityMPerS2);
        for (int i = 0; i < 30 * (int)RateHz; i++) ahrs.Update(default, tilted);
        var truth = QuaternionD.FromRotationVector(-angle, 0, 0);
        double error = Math.Min(OrientationError.InclinationDeg(ahrs.Quaternion, truth),
            OrientationError.InclinationDeg(ahrs.Quaternion, truth.Conjugate()));
        Assert.True(error < 1, $"still {error:0.00} deg off after 30 s");
    }

    [Fact]
    public void MagneticRejection_IgnoresADisturbance_AndNeverTilts()
    {
        var field = new Vec3(0, 20, -40);
        var ahrs = new Ahrs(RateHz);
        for (int i = 0; i < 100; i++) ahrs.Update(default, Up, field);
        var disturbed = new Vec3(30, 20, -40); // a magnet near the sensor
        bool sawRejection = false;
        for (int i = 0; i < 200; i++) { ahrs.Update(default, Up, disturbed); sawRejection |= ahrs.MagneticRejected; }
        Assert.True(sawRejection);
        Assert.True(OrientationError.HeadingDeg(ahrs.Quaternion, QuaternionD.Identity) < 0.01);
        Assert.True(OrientationError.InclinationDeg(ahrs.Quaternion, QuaternionD.Identity) < 1e-6);
    }

    [Fact]
    public void Update_DoesNotAllocate()
    {
        var ahrs = new Ahrs(RateHz);
        var g = new Vec3(0.1, 0.2, 0.3); var m = new Vec3(0, 20, -40);
        ahrs.Update(g, Up, m);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) ahrs.Update(g, Up, m);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void BadSettings_AndRate_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ahrs(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ahrs(100, AhrsSettings.Default with { Gain = -1 }));
    }
}
