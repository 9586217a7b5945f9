using System;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Statistics;

/// <summary>
/// Cumulative distribution of the noncentral t (what power and the d_z confidence interval rest on), by Lenth's
/// algorithm AS 243 (Applied Statistics 38, 1989): a Poisson-weighted series of incomplete beta functions whose
/// remaining error is bounded at every step. Equal to scipy.stats.nct.cdf (tests/fixtures/equivalence_power_statsmodels.json).
/// Accurate for |noncentrality| up to about 35, far beyond the d sqrt(n) of a study.
/// </summary>
public static class NoncentralT
{
    private const int MaxTerms = 2000;
    private const double ErrorBound = 1e-14;

    /// <summary>
    /// P(T &lt;= t) for T ~ noncentral t with <paramref name="df"/> degrees of freedom and noncentrality <paramref name="ncp"/>.
    /// </summary>
    public static double Cdf(double t, double df, double ncp)
    {
        if (!(df > 0) || !double.IsFinite(t) || !double.IsFinite(ncp))
            throw new ArgumentException($"noncentral t: t {t}, df {df}, ncp {ncp} out of range");
        bool negative = t < 0;
        double tt = negative ? -t : t, del = negative ? -ncp : ncp;
        double result = 0;
        double x = tt * tt / (tt * tt + df);
        if (x > 0)
        {
            double lambda = del * del;
            double p = 0.5 * Math.Exp(-0.5 * lambda);
            double q = Math.Sqrt(2 / Math.PI) * p * del;
            double s = 0.5 - p;
            double a = 0.5, b = 0.5 * df;
            double rxb = Math.Pow(1 - x, b);
            double logBeta = 0.5 * Math.Log(Math.PI) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(0.5 + b);
            double xodd = SpecialFunctions.BetaRegularized(a, b, x);
            double godd = 2 * rxb * Math.Exp(a * Math.Log(x) - logBeta);
            double xeven = 1 - rxb;
            double geven = b * x * rxb;
            result = p * xodd + q * xeven;
            for (int en = 1; en <= MaxTerms; en++)
            {
                a += 1;
                xodd -= godd;
                xeven -= geven;
                godd *= x * (a + b - 1) / a;
                geven *= x * (a + b - 0.5) / (a + 0.5);
                p *= lambda / (2 * en);
                q *= lambda / (2 * en + 1);
                s -= p;
                result += p * xodd + q * xeven;
                if (2 * s * (xodd - godd) <= ErrorBound && en > 1) break;
            }
        }

        result += Normal.CDF(0, 1, -del);
        result = negative ? 1 - result : result;
        return Math.Clamp(result, 0, 1);
    }
}
