using System;

namespace GluteSense.Host.Analysis.Orientation;

/// <summary>
/// Settings of <see cref="Ahrs"/>. <see cref="Default"/> holds the documented defaults (docs/orientation.md says why
/// each value was chosen; none was fitted to a single trial).
/// </summary>
public readonly record struct AhrsSettings
{
    /// <summary>Complementary-filter gain (rad/s of correction per rad of tilt/heading error). Sets how fast the
    /// accelerometer and magnetometer pull the gyro integral back; the time constant is 1/gain seconds.</summary>
    public double Gain { get; init; }

    /// <summary>An accelerometer sample whose direction differs from the estimated vertical by more than this is
    /// treated as containing linear acceleration and not used (acceleration rejection), degrees.</summary>
    public double AccelerationRejectionDeg { get; init; }

    /// <summary>An accelerometer sample whose magnitude differs from 1 g by more than this fraction is rejected.</summary>
    public double AccelerationMagnitudeTolerance { get; init; }

    /// <summary>
    /// Time constant (s) of the mean the accelerometer correction uses: each sample is rotated into the earth frame with
    /// the current estimate, low-passed there (first order), and rotated back. Gravity is constant in the earth frame;
    /// the linear acceleration of a movement that starts and ends at rest integrates to the change of its velocity, so
    /// its mean over T is that change over T and tends to zero (a back-and-forth translation averages out). 0 = off: the
    /// raw sample is used, as Fusion does. Default 2 s = 1 / <see cref="Gain"/>, the filter's own time constant: the
    /// correction cannot follow anything faster anyway.
    /// </summary>
    public double AccelerationMeanS { get; init; }

    /// <summary>A magnetometer sample whose heading differs from the estimate by more than this is treated as a
    /// magnetic disturbance and not used (magnetic rejection), degrees.</summary>
    public double MagneticRejectionDeg { get; init; }

    /// <summary>A magnetometer sample whose field magnitude differs from the reference (learned at start) by more than
    /// this fraction is rejected.</summary>
    public double MagneticMagnitudeTolerance { get; init; }

    /// <summary>If a sensor has been rejected continuously for this long, its next sample is accepted anyway so a
    /// drifted estimate can recover (Fusion's recovery trigger), seconds.</summary>
    public double RecoveryPeriodS { get; init; }

    /// <summary>Gyro magnitude below which the sensor is considered still for bias estimation, rad/s.</summary>
    public double StationaryThresholdRadPerS { get; init; }

    /// <summary>How long the sensor must be still before the bias estimate starts to follow the gyro, seconds.</summary>
    public double StationaryTimeoutS { get; init; }

    /// <summary>Time constant of the low-pass that tracks the gyro bias while still, seconds.</summary>
    public double BiasTimeConstantS { get; init; }

    /// <summary>Use the magnetometer when <see cref="Ahrs.Update(Vec3, Vec3, Vec3)"/> is given one (false: 6-axis, heading drifts).</summary>
    public bool UseMagnetometer { get; init; }

    /// <summary>Standard gravity, m/s^2 (accelerometer magnitude reference).</summary>
    public const double GravityMPerS2 = 9.80665;

    /// <summary>The documented defaults.</summary>
    public static AhrsSettings Default => new()
    {
        Gain = 0.5,
        AccelerationRejectionDeg = 10,
        AccelerationMagnitudeTolerance = 0.1,
        AccelerationMeanS = 2,
        MagneticRejectionDeg = 10,
        MagneticMagnitudeTolerance = 0.2,
        RecoveryPeriodS = 5,
        StationaryThresholdRadPerS = 3 * Math.PI / 180,
        StationaryTimeoutS = 1,
        BiasTimeConstantS = 5,
        UseMagnetometer = true,
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(Gain >= 0 && Gain < 100, nameof(Gain));
        Check(AccelerationRejectionDeg > 0 && AccelerationRejectionDeg <= 180, nameof(AccelerationRejectionDeg));
        Check(AccelerationMagnitudeTolerance > 0, nameof(AccelerationMagnitudeTolerance));
        Check(AccelerationMeanS >= 0, nameof(AccelerationMeanS));
        Check(MagneticRejectionDeg > 0 && MagneticRejectionDeg <= 180, nameof(MagneticRejectionDeg));
        Check(MagneticMagnitudeTolerance > 0, nameof(MagneticMagnitudeTolerance));
        Check(RecoveryPeriodS > 0, nameof(RecoveryPeriodS));
        Check(StationaryThresholdRadPerS >= 0, nameof(StationaryThresholdRadPerS));
        Check(StationaryTimeoutS >= 0, nameof(StationaryTimeoutS));
        Check(BiasTimeConstantS > 0, nameof(BiasTimeConstantS));
    }

    private static void Check(bool ok, string name)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, "AHRS setting " + name + " is out of range.");
    }
}
