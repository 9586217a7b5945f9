using System;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Statistics;

/// <summary>Subjects needed for a paired two-sided t test: n, the power it reaches, and the inputs.</summary>
public sealed record PairedPowerPlan(int N, double AchievedPower, double EffectSize, double SdChange, double Effect, double TargetPower,
    double Alpha);

/// <summary>
/// Power of the paired (one-sample) t test, equal to statsmodels' TTestPower (tests/fixtures/equivalence_power_statsmodels.json).
/// </summary>
public static class Power
{
    /// <summary>Largest n searched; a plan needing more subjects is refused as unrealistic.</summary>
    public const int MaxSubjects = 100_000;

    /// <summary>Two-sided power of a paired t test with n subjects for a standardised effect d = mean change / SD of the
    /// change (statsmodels.stats.power.ttest_power): P(T &gt; t_crit) + P(T &lt; -t_crit), T noncentral t(n - 1, d sqrt(n)).</summary>
    public static double PairedT(double effectSize, int n, double alpha)
    {
        if (n < 2) throw new ArgumentException($"power needs at least 2 subjects, got {n}");
        double df = n - 1, ncp = effectSize * Math.Sqrt(n);
        double critical = StudentT.InvCDF(0, 1, df, 1 - alpha / 2);
        return (1 - NoncentralT.Cdf(critical, df, ncp)) + NoncentralT.Cdf(-critical, df, ncp);
    }

    /// <summary>Smallest number of subjects whose paired two-sided t test reaches <paramref name="power"/> for a mean
    /// change <paramref name="effect"/> when the change varies between subjects with SD <paramref name="sdChange"/>
    /// (statsmodels' TTestPower.solve_power rounded up).</summary>
    public static PairedPowerPlan SubjectsForPairedT(double sdChange, double effect, double power = 0.8, double alpha = 0.05)
    {
        if (!(sdChange > 0) || !double.IsFinite(sdChange)) throw new ArgumentException($"SD of the change {sdChange} must be a positive number");
        if (!(effect != 0) || !double.IsFinite(effect)) throw new ArgumentException($"effect {effect} must be a non-zero number");
        if (!(power > 0 && power < 1)) throw new ArgumentException($"power {power} must be between 0 and 1");
        if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentException($"alpha {alpha} must be between 0 and 0.5");
        if (power <= alpha) throw new ArgumentException($"power {power} must exceed alpha {alpha}");
        double d = Math.Abs(effect) / sdChange;

        // Power grows with n: double up to a bracket, then bisect to the first n that reaches the target.
        int low = 1, high = 2;
        while (PairedT(d, high, alpha) < power)
        {
            low = high;
            high *= 2;
            if (high > MaxSubjects)
                throw new ArgumentException($"more than {MaxSubjects} subjects needed for effect {effect} with SD {sdChange}");
        }

        while (high - low > 1)
        {
            int mid = (low + high) / 2;
            if (PairedT(d, mid, alpha) >= power) high = mid;
            else low = mid;
        }

        return new PairedPowerPlan(high, PairedT(d, high, alpha), d, sdChange, effect, power, alpha);
    }
}
