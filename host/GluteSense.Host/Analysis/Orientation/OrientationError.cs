using System;

namespace GluteSense.Host.Analysis.Orientation;

/// <summary>
/// Orientation error metrics exactly as the BROAD benchmark defines them (Laidig et al. 2021, example_code/broad_utils.py):
/// error quaternion in the earth frame q_err = q_est ⊗ q_truth⁻¹; heading error 2·atan(|z/w|); inclination error
/// 2·acos(sqrt(w² + z²)). No heading-offset alignment: heading is only meaningful for 9-axis ENU estimates.
/// </summary>
public static class OrientationError
{
    /// <summary>Inclination error (angle between true and estimated vertical), degrees.</summary>
    public static double InclinationDeg(QuaternionD estimate, QuaternionD truth)
    {
        QuaternionD e = (estimate * truth.Conjugate()).Normalized();
        return 2 * Math.Acos(Math.Min(1, Math.Sqrt(e.W * e.W + e.Z * e.Z))) * 180 / Math.PI;
    }

    /// <summary>Heading error (rotation about the earth vertical), degrees.</summary>
    public static double HeadingDeg(QuaternionD estimate, QuaternionD truth)
    {
        QuaternionD e = (estimate * truth.Conjugate()).Normalized();
        return 2 * Math.Atan(Math.Abs(e.Z / e.W)) * 180 / Math.PI;
    }

    /// <summary>BROAD-style RMSE of inclination and heading over the samples where <paramref name="use"/> is true
    /// and the truth is valid (not NaN).</summary>
    public static (double InclinationRmseDeg, double HeadingRmseDeg) Rmse(
        QuaternionD[] estimate, QuaternionD[] truth, bool[] use)
    {
        if (estimate.Length != truth.Length || truth.Length != use.Length)
            throw new ArgumentException("estimate, truth and use must have the same length");
        double si = 0, sh = 0;
        int n = 0;
        for (int i = 0; i < estimate.Length; i++)
        {
            if (!use[i] || double.IsNaN(truth[i].W)) continue;
            double inc = InclinationDeg(estimate[i], truth[i]);
            double head = HeadingDeg(estimate[i], truth[i]);
            si += inc * inc;
            sh += head * head;
            n++;
        }
        if (n == 0) throw new ArgumentException("no valid samples to score");
        return (Math.Sqrt(si / n), Math.Sqrt(sh / n));
    }
}
