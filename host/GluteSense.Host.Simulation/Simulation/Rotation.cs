using System;

namespace GluteSense.Host.Simulation;

/// <summary>A unit quaternion in double precision (w, x, y, z) with the few operations the simulator needs.</summary>
public readonly record struct Rotation(double W, double X, double Y, double Z)
{
    /// <summary>No rotation.</summary>
    public static Rotation Identity => new(1, 0, 0, 0);

    /// <summary>Rotation by <paramref name="angleRad"/> about the unit axis (x, y, z).</summary>
    public static Rotation AxisAngle(double x, double y, double z, double angleRad)
    {
        double n = Math.Sqrt(x * x + y * y + z * z);
        double s = Math.Sin(angleRad / 2) / n;
        return new Rotation(Math.Cos(angleRad / 2), x * s, y * s, z * s);
    }

    /// <summary>A rotation drawn uniformly over all orientations (Shoemake's method).</summary>
    public static Rotation Random(Random random)
    {
        double u1 = random.NextDouble(), u2 = random.NextDouble() * 2 * Math.PI, u3 = random.NextDouble() * 2 * Math.PI;
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        return new Rotation(b * Math.Cos(u3), a * Math.Sin(u2), a * Math.Cos(u2), b * Math.Sin(u3));
    }

    /// <summary>Composition: this rotation after... (this * other applies other first, then this).</summary>
    public static Rotation operator *(Rotation a, Rotation b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    /// <summary>The inverse rotation.</summary>
    public Rotation Conjugate => new(W, -X, -Y, -Z);

    /// <summary>Rotates vector v.</summary>
    public (double X, double Y, double Z) Rotate(double vx, double vy, double vz)
    {
        Rotation r = this * new Rotation(0, vx, vy, vz) * Conjugate;
        return (r.X, r.Y, r.Z);
    }

    /// <summary>Rotation vector (axis x angle, rad) of this rotation, taking the short way.</summary>
    public (double X, double Y, double Z) Log()
    {
        Rotation q = W < 0 ? new Rotation(-W, -X, -Y, -Z) : this;
        double s = Math.Sqrt(q.X * q.X + q.Y * q.Y + q.Z * q.Z);
        if (s < 1e-12)
        {
            return (2 * q.X, 2 * q.Y, 2 * q.Z);
        }

        double angle = 2 * Math.Atan2(s, q.W);
        return (q.X / s * angle, q.Y / s * angle, q.Z / s * angle);
    }
}
