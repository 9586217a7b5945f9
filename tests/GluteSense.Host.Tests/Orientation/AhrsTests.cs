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
        var settings = AhrsSettings.Default;
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
