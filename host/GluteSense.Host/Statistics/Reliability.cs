using System;
using System.Collections.Generic;
using System.Linq;

namespace GluteSense.Host.Statistics;

/// <summary>Test-retest repeatability: ICC(3,1), SEM and MDC95 in the measure's units, and the CV of the repeats (%).</summary>
public sealed record Repeatability(double Icc31, double SemUnits, double Mdc95Units, double CvPct, int Subjects, int Sessions);

/// <summary>Repeatability statistics (Shrout and Fleiss 1979; Weir 2005).</summary>
public static class Reliability
{
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
        if (k < 2 || subjectsBySessions.Any(r => r.Length != k)) throw new ArgumentException("repeatability needs every subject measured in the same >= 2 sessions");
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
        return new Repeatability(icc, sem, 1.96 * Math.Sqrt(2) * sem, cv, n, k);
    }

    /// <summary>
    /// Within-subject MDC95 of a change between two session means (single subject, repetitions as repeated
    /// measurements): 1.96 sqrt(SD1^2 / n1 + SD2^2 / n2) - the smallest change of the mean that the rep-to-rep scatter
    /// of these two sessions cannot explain at 95 %.
    /// </summary>
    public static double SessionMeanMdc95(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        Descriptive.Check(first, 2, "first session");
        Descriptive.Check(second, 2, "second session");
        return 1.96 * Math.Sqrt(Descriptive.Variance(first) / first.Count + Descriptive.Variance(second) / second.Count);
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
