using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace GluteSense.Host.Statistics;

/// <summary>
/// ICC(A,1) - two-way random effects, absolute agreement, single measurement (McGraw and Wong 1996; Shrout and
/// Fleiss's ICC(2,1); psych::ICC's "ICC2") - with its 95 % confidence interval, the ANOVA mean squares it came from,
/// SEM = sqrt(MS_error) in the measure's units and MDC95 = 1.96 sqrt(2) SEM (Weir 2005).
/// </summary>
public sealed record AgreementIcc(double Icc, double CiLow, double CiHigh, double F, int Df1, int Df2, double P, double MsSubjects,
    double MsSessions, double MsError, double SemUnits, double Mdc95Units, int Subjects, int Sessions);

/// <summary>Test-retest repeatability: ICC(3,1), SEM and MDC95 in the measure's units, and the CV of the repeats (%).</summary>
public sealed record Repeatability(double Icc31, double SemUnits, double Mdc95Units, double CvPct, int Subjects, int Sessions);

/// <summary>Repeatability statistics (Shrout and Fleiss 1979; Weir 2005).</summary>
public static class Reliability
{
    /// <summary>Two-sided 95 % normal quantile used by every MDC and reliable-change threshold (Weir 2005).</summary>
    public const double Z95 = 1.96;

    /// <summary>
    /// ICC(A,1) from an n subjects x k sessions table (no missing cells) with the confidence interval of McGraw and
    /// Wong (1996), exactly as psych::ICC computes it (checked against R in tests/fixtures/icc_psych.json).
    /// SEM = sqrt(MS_error): the within-subject scatter between sessions without intervention, independent of how
    /// different the subjects are (Hopkins 2000; Weir 2005), rather than SD x sqrt(1 - ICC).
    /// </summary>
    public static AgreementIcc IccA1(IReadOnlyList<double[]> subjectsBySessions, double confidence = 0.95)
    {
        int n = subjectsBySessions.Count;
        if (n < 2) throw new ArgumentException($"ICC(A,1) needs at least 2 subjects, got {n}");
        int k = subjectsBySessions[0].Length;
        if (k < 2 || subjectsBySessions.Any(r => r.Length != k))
        {
            throw new ArgumentException("ICC(A,1) needs every subject measured in the same number (>= 2) of sessions");
        }

        if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"confidence must lie in (0, 1), got {confidence}");
        double[] all = subjectsBySessions.SelectMany(r => r).ToArray();
        Descriptive.Check(all, 4, "reliability table");
        double grand = all.Average();
        double ssRows = k * subjectsBySessions.Sum(r => Sq(r.Average() - grand));
        double ssCols = n * Enumerable.Range(0, k).Sum(j => Sq(subjectsBySessions.Average(r => r[j]) - grand));
        double ssError = all.Sum(v => Sq(v - grand)) - ssRows - ssCols;
        int dfRows = n - 1, dfCols = k - 1, dfError = (n - 1) * (k - 1);
        double msb = ssRows / dfRows, msj = ssCols / dfCols, mse = Math.Max(0, ssError / dfError);
        if (mse == 0)
            throw new ArgumentException("reliability table: the sessions agree exactly (zero error variance), so no SEM can be estimated");
        double icc = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n);
        double f = msb / mse;
        double p = 1 - FisherSnedecor.CDF(dfRows, dfError, f);

        // Satterthwaite df of the denominator, then the F bounds (McGraw and Wong 1996, case 2A; psych::ICC).
        double fj = msj / mse;
        double a = n * (1 + (k - 1) * icc) - k * icc;
        double v = (k - 1) * (n - 1) * Sq(k * icc * fj + a) / ((n - 1) * k * k * icc * icc * fj * fj + a * a);
        double upperTail = 1 - (1 - confidence) / 2;
        double fU = FisherSnedecor.InvCDF(n - 1, v, upperTail);
        double fL = FisherSnedecor.InvCDF(v, n - 1, upperTail);
        double shared = k * msj + (k * n - k - n) * mse;
        double low = n * (msb - fU * mse) / (fU * shared + n * msb);
        double high = n * (fL * msb - mse) / (shared + n * fL * msb);
        double sem = Math.Sqrt(mse);
        return new AgreementIcc(icc, low, high, f, dfRows, dfError, p, msb, msj, mse, sem, Mdc95(sem), n, k);
    }

    /// <summary>MDC95 of one subject's change between two single measurements: 1.96 sqrt(2) SEM (Weir 2005).</summary>
    public static double Mdc95(double semUnits) => Z95 * Math.Sqrt(2) * semUnits;

    /// <summary>
    /// Reliable-change threshold for a change of means of k_a and k_b sets: 1.96 SEM sqrt(1/k_a + 1/k_b). With one set
    /// each this is the MDC95; more sets shrink it because the set-to-set error averages out.
    /// </summary>
    public static double ReliableChangeThreshold(double semUnits, int setsBefore, int setsAfter)
    {
        if (setsBefore < 1 || setsAfter < 1)
            throw new ArgumentException($"reliable change needs at least one set on each side, got {setsBefore} and {setsAfter}");
        if (!(semUnits >= 0) || !double.IsFinite(semUnits)) throw new ArgumentException($"SEM must be a finite value >= 0, got {semUnits}");
        return Z95 * semUnits * Math.Sqrt(1.0 / setsBefore + 1.0 / setsAfter);
    }
    /// <summary>
    /// ICC(3,1): two-way mixed, consistency, single measurement (McGraw and Wong's ICC(C,1)) from an n subjects x k
    /// sessions table: (MS_rows - MS_error) / (MS_rows + (k - 1) MS_error). Chosen because the sessions are fixed
    /// occasions (test, retest) of the same device and rater. SEM = SD of all values x sqrt(1 - ICC); MDC95 = 1.96
    /// sqrt(2) SEM (Weir 2005); CV = mean over subjects of SD/mean of their repeats (%).
    /// </summary>
    public static Repeatability Icc31(IReadOnlyList<double[]> subjectsBySessions)
    {
        int n = subjectsBySessions.Count;
        if (n < 2) throw new ArgumentException($"repeatability needs at least 2 subjects, got {n}");
        int k = subjectsBySessions[0].Length;
        if (k < 2 || subjectsBySessions.Any(r => r.Length != k))
            throw new ArgumentException("repeatability needs every subject measured in the same >= 2 sessions");
        double[] all = subjectsBySessions.SelectMany(r => r).ToArray();
        Descriptive.Check(all, 4, "repeatability table");
        double grand = all.Average();
        double ssRows = k * subjectsBySessions.Sum(r => Sq(r.Average() - grand));
        double ssCols = n * Enumerable.Range(0, k).Sum(j => Sq(subjectsBySessions.Average(r => r[j]) - grand));
        double ssTotal = all.Sum(v => Sq(v - grand));
        double msRows = ssRows / (n - 1);
        double msError = (ssTotal - ssRows - ssCols) / ((n - 1) * (k - 1));
        double icc = (msRows - msError) / (msRows + (k - 1) * msError);
        double sd = Math.Sqrt(Descriptive.Variance(all));
        double sem = sd * Math.Sqrt(Math.Max(0, 1 - icc));
        double cv = 100 * subjectsBySessions.Average(r => Math.Sqrt(Descriptive.Variance(r)) / Math.Abs(r.Average()));
        return new Repeatability(icc, sem, Mdc95(sem), cv, n, k);
    }

    private static double Sq(double x) => x * x;
}

/// <summary>Multiple-comparison control.</summary>
public static class Multiplicity
{
    /// <summary>Holm's step-down adjusted p-values (as statsmodels multipletests(method="holm")), in input order.</summary>
    public static double[] Holm(IReadOnlyList<double> p)
    {
        if (p.Any(v => !(v >= 0 && v <= 1))) throw new ArgumentException("p-values must lie in [0, 1]");
        int m = p.Count;
        int[] order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[m];
        double running = 0;
        for (int r = 0; r < m; r++)
        {
            running = Math.Max(running, Math.Min(1, (m - r) * p[order[r]]));
            adjusted[order[r]] = running;
        }

        return adjusted;
    }

    /// <summary>Holm over the rows that were tested (p not null); untested rows stay null. Input order kept.</summary>
    public static double?[] HolmWhereTested(IReadOnlyList<double?> p)
    {
        int[] tested = Enumerable.Range(0, p.Count).Where(i => p[i] != null).ToArray();
        double[] holm = Holm(tested.Select(i => p[i]!.Value).ToArray());
        var adjusted = new double?[p.Count];
        for (int k = 0; k < tested.Length; k++) adjusted[tested[k]] = holm[k];
        return adjusted;
    }
}
