using System;

namespace GluteSense.Host.Analysis.Orientation;

/// <summary>Double-precision Hamilton quaternion (w first). Used as a rotation: <see cref="Rotate"/> maps vectors of
/// the child frame (sensor) into the parent frame (earth).</summary>
public readonly record struct QuaternionD(double W, double X, double Y, double Z)
{
    /// <summary>The identity rotation.</summary>
    public static readonly QuaternionD Identity = new(1, 0, 0, 0);

    /// <summary>Hamilton product a ⊗ b (apply b first, then a).</summary>
    public static QuaternionD operator *(QuaternionD a, QuaternionD b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    /// <summary>The inverse rotation (conjugate of a unit quaternion).</summary>
    public QuaternionD Conjugate() => new(W, -X, -Y, -Z);

    /// <summary>Euclidean norm.</summary>
    public double Norm => Math.Sqrt(W * W + X * X + Y * Y + Z * Z);

    /// <summary>This quaternion scaled to unit norm.</summary>
    public QuaternionD Normalized()
    {
        double n = Norm;
        return new QuaternionD(W / n, X / n, Y / n, Z / n);
    }

    /// <summary>Rotation of <paramref name="angleRad"/> about the (not necessarily unit) axis (x, y, z).</summary>
    public static QuaternionD FromAxisAngle(double x, double y, double z, double angleRad)
    {
        double n = Math.Sqrt(x * x + y * y + z * z);
        if (n == 0) return Identity;
        double s = Math.Sin(angleRad / 2) / n;
        return new QuaternionD(Math.Cos(angleRad / 2), x * s, y * s, z * s);
    }

    /// <summary>Rotation by the rotation vector (x, y, z) (axis times angle, radians), exact exponential map.</summary>
    public static QuaternionD FromRotationVector(double x, double y, double z)
    {
        double angle = Math.Sqrt(x * x + y * y + z * z);
        if (angle < 1e-12) return new QuaternionD(1, x / 2, y / 2, z / 2).Normalized();
        return FromAxisAngle(x, y, z, angle);
    }

    /// <summary>A rotation drawn uniformly over all orientations (Shoemake's method): random sensor mountings.</summary>
    public static QuaternionD Uniform(Random random)
    {
        double u1 = random.NextDouble(), u2 = random.NextDouble() * 2 * Math.PI, u3 = random.NextDouble() * 2 * Math.PI;
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        return new QuaternionD(b * Math.Cos(u3), a * Math.Sin(u2), a * Math.Cos(u2), b * Math.Sin(u3));
    }

    /// <summary>Rotation vector (axis times angle, rad) of this unit quaternion, taking the short way: the log map,
    /// inverse of <see cref="FromRotationVector"/>.</summary>
    public Vec3 ToRotationVector()
    {
        QuaternionD q = W < 0 ? new QuaternionD(-W, -X, -Y, -Z) : this;
        double s = Math.Sqrt(q.X * q.X + q.Y * q.Y + q.Z * q.Z);
        if (s < 1e-12) return new Vec3(2 * q.X, 2 * q.Y, 2 * q.Z);
        double angle = 2 * Math.Atan2(s, q.W);
        return new Vec3(q.X / s * angle, q.Y / s * angle, q.Z / s * angle);
    }

    /// <summary>Rotates the vector (x, y, z): q ⊗ v ⊗ q*.</summary>
    public Vec3 Rotate(double x, double y, double z)
    {
        // t = 2 q_v × v; v' = v + w t + q_v × t  (no allocation, no intermediate quaternion)
        double tx = 2 * (Y * z - Z * y), ty = 2 * (Z * x - X * z), tz = 2 * (X * y - Y * x);
        return new Vec3(
            x + W * tx + (Y * tz - Z * ty),
            y + W * ty + (Z * tx - X * tz),
            z + W * tz + (X * ty - Y * tx));
    }

    /// <summary>Rotates <paramref name="v"/>.</summary>
    public Vec3 Rotate(Vec3 v) => Rotate(v.X, v.Y, v.Z);

    /// <summary>Rotation angle in degrees, 0..180.</summary>
    public double AngleDeg => 2 * Math.Acos(Math.Min(1, Math.Abs(W) / Norm)) * 180 / Math.PI;
}

/// <summary>Double-precision 3-vector.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>Euclidean norm.</summary>
    public double Norm => Math.Sqrt(X * X + Y * Y + Z * Z);

    /// <summary>Unit vector in the same direction (zero stays zero).</summary>
    public Vec3 Normalized()
    {
        double n = Norm;
        return n == 0 ? this : new Vec3(X / n, Y / n, Z / n);
    }

    /// <summary>Dot product.</summary>
    public static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    /// <summary>Cross product a × b.</summary>
    public static Vec3 Cross(Vec3 a, Vec3 b) => new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    /// <summary>Sum.</summary>
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Difference.</summary>
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Scaling.</summary>
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);

    /// <summary>Angle between two non-zero vectors in degrees.</summary>
    public static double AngleDeg(Vec3 a, Vec3 b)
    {
        double c = Dot(a, b) / (a.Norm * b.Norm);
        return Math.Acos(Math.Clamp(c, -1, 1)) * 180 / Math.PI;
    }
}
