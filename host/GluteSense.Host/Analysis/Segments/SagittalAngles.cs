using System;
using GluteSense.Host.Analysis.Orientation;

namespace GluteSense.Host.Analysis.Segments;

/// <summary>
/// Sensor-to-segment alignment estimated from the data: the segment's reference axis is the vertical seen by the
/// sensor in the start-of-trial pose, and the segment's mediolateral (flexion/extension) axis is the dominant rotation
/// axis of the movement (first principal axis of the gyro). Both in the sensor frame, unit length.
/// </summary>
/// <param name="UpAtStart">Earth vertical in the sensor frame during the start window (the 0° pose).</param>
/// <param name="MediolateralAxis">Sagittal rotation axis in the sensor frame, orthogonal to <paramref name="UpAtStart"/>;
/// its sign makes the movement's mean excursion from the start pose positive.</param>
public readonly record struct SagittalAlignment(Vec3 UpAtStart, Vec3 MediolateralAxis);

/// <summary>Mount-independent sagittal segment angles (degrees) from AHRS output and gyro.</summary>
public static class SagittalAngles
{
    /// <summary>Default length of the start-of-trial window that defines the 0° pose, seconds.</summary>
    public const double DefaultStartWindowS = 0.5;

    private const int PowerIterations = 100;

    /// <summary>Estimates the alignment from sensor-to-earth quaternions and the gyro (rad/s) of one sensor.</summary>
    public static SagittalAlignment EstimateAlignment(QuaternionD[] sensorToEarth, Vec3[] gyroRadPerS, double sampleRateHz,
        double startWindowS = DefaultStartWindowS)
    {
        if (sensorToEarth.Length == 0 || sensorToEarth.Length != gyroRadPerS.Length)
            throw new ArgumentException("quaternions and gyro must be non-empty and of equal length");
        if (!(sampleRateHz > 0) || !(startWindowS > 0)) throw new ArgumentOutOfRangeException(nameof(sampleRateHz));

        int n0 = Math.Clamp((int)Math.Round(startWindowS * sampleRateHz), 1, sensorToEarth.Length);
        Vec3 up = default;
        for (int i = 0; i < n0; i++) up = up + UpInSensor(sensorToEarth[i]);
        up = up.Normalized();

        // Dominant rotation axis: first eigenvector of sum(ω ωᵀ), the axis that carries most angular-rate energy.
        double sxx = 0, sxy = 0, sxz = 0, syy = 0, syz = 0, szz = 0;
        foreach (Vec3 w in gyroRadPerS)
        {
            sxx += w.X * w.X; sxy += w.X * w.Y; sxz += w.X * w.Z; syy += w.Y * w.Y; syz += w.Y * w.Z; szz += w.Z * w.Z;
        }
        Vec3 axis = new(1, 1, 1);
        for (int k = 0; k < PowerIterations; k++)
        {
            axis = new Vec3(sxx * axis.X + sxy * axis.Y + sxz * axis.Z,
                            sxy * axis.X + syy * axis.Y + syz * axis.Z,
                            sxz * axis.X + syz * axis.Y + szz * axis.Z).Normalized();
            if (axis.Norm == 0) throw new ArgumentException("no rotation in the gyro data: the sagittal axis is undefined");
        }
        // Sagittal rotation tilts the segment, so its axis is horizontal at the start pose: remove any vertical part.
        Vec3 ml = (axis - Vec3.Dot(axis, up) * up).Normalized();
        if (ml.Norm == 0) throw new ArgumentException("the movement rotates about the vertical only: no sagittal angle");

        var alignment = new SagittalAlignment(up, ml);
        double sum = 0;
        foreach (QuaternionD q in sensorToEarth) sum += AngleDeg(alignment, q);
        return sum < 0 ? alignment with { MediolateralAxis = -1 * ml } : alignment;
    }

    /// <summary>Sagittal angle (degrees) of the segment relative to the start pose: rotation of the vertical about the
    /// mediolateral axis, after projecting out the frontal component. Heading (rotation about the vertical) does not
    /// enter, so 6-axis estimates serve as well as 9-axis ones.</summary>
    public static double AngleDeg(SagittalAlignment alignment, QuaternionD sensorToEarth)
    {
        Vec3 m = alignment.MediolateralAxis;
        Vec3 u = UpInSensor(sensorToEarth);
        Vec3 up = u - Vec3.Dot(u, m) * m;
        Vec3 l = alignment.UpAtStart;
        // When the segment turns by +θ about m, the vertical seen from the segment turns by −θ about m.
        double sin = Vec3.Dot(Vec3.Cross(up, l), m);
        double cos = Vec3.Dot(up, l);
        return Math.Atan2(sin, cos) * 180 / Math.PI;
    }

    /// <summary>Sagittal angles (degrees) of every sample, written to <paramref name="angleDeg"/>.</summary>
    public static void AnglesDeg(SagittalAlignment alignment, ReadOnlySpan<QuaternionD> sensorToEarth, Span<double> angleDeg)
    {
        if (angleDeg.Length < sensorToEarth.Length) throw new ArgumentException("output too short", nameof(angleDeg));
        for (int i = 0; i < sensorToEarth.Length; i++) angleDeg[i] = AngleDeg(alignment, sensorToEarth[i]);
    }

    /// <summary>Convenience: alignment from the data, then the sagittal angle of every sample, degrees.</summary>
    public static double[] SegmentAngleDeg(QuaternionD[] sensorToEarth, Vec3[] gyroRadPerS, double sampleRateHz,
        double startWindowS = DefaultStartWindowS)
    {
        var alignment = EstimateAlignment(sensorToEarth, gyroRadPerS, sampleRateHz, startWindowS);
        var angles = new double[sensorToEarth.Length];
        AnglesDeg(alignment, sensorToEarth, angles);
        return angles;
    }

    /// <summary>
    /// Angle of one segment relative to another (degrees), e.g. lumbar minus sacrum (lumbar flexion/extension) or head
    /// minus trunk (cervical extension), both from <see cref="SegmentAngleDeg"/> of their own sensors. Each sensor's
    /// axis sign is fixed by its own movement; because two sensors' signs cannot be related without a shared frame,
    /// the lower segment's angle is flipped if it is negatively correlated with the upper one (adjacent segments in a
    /// hinge or bridge rotate the same way).
    /// </summary>
    public static double[] RelativeAngleDeg(double[] upperDeg, double[] lowerDeg)
    {
        if (upperDeg.Length != lowerDeg.Length) throw new ArgumentException("segment angle series differ in length");
        double dot = 0;
        for (int i = 0; i < upperDeg.Length; i++) dot += upperDeg[i] * lowerDeg[i];
        double sign = dot < 0 ? -1 : 1;
        var rel = new double[upperDeg.Length];
        for (int i = 0; i < rel.Length; i++) rel[i] = upperDeg[i] - sign * lowerDeg[i];
        return rel;
    }

    private static Vec3 UpInSensor(QuaternionD sensorToEarth) => sensorToEarth.Conjugate().Rotate(0, 0, 1);
}
