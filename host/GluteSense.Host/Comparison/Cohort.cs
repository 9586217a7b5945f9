using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.IO;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Comparison;

/// <summary>One subject's test and retest, analysed.</summary>
public sealed record CohortSubject(string Subject, AnalysisResult Test, AnalysisResult Retest);

/// <summary>One outcome across subjects: each subject's session means, paired tests of retest - test, repeatability.</summary>
public sealed record CohortOutcome(string Name, string Units, string Better, double[] Test, double[] Retest, MeanDifference? Change,
    TTest? PairedT, Wilcoxon? Wilcoxon, double? PHolm, Repeatability? Repeatability, string Reading);

/// <summary>The cohort result and its verdict.</summary>
public sealed record CohortResult(int Subjects, string Units, IReadOnlyList<string> SubjectIds, IReadOnlyList<CohortOutcome> Outcomes, bool Significant, string Verdict);

/// <summary>
/// Many subjects' test/retest bridges: one value per subject and session (the mean over included repetitions), then
/// paired t and Wilcoxon signed-rank of retest - test, the mean change with its t CI, ICC(3,1)/SEM/MDC95, and Holm over
/// the outcomes. The verdict is on GMax activation: significant when its Holm-adjusted paired t p and its Wilcoxon p
/// are both below 0.05 (a parametric and a rank test must agree).
/// </summary>
public static class Cohort
{
    private static readonly (string Name, string Better, Func<RepResult, double?> Value)[] Definitions =
    {
        ("GMax activation", "higher", r => r.GmaxMean),
        ("GMax:ES ratio", "higher", r => r.GmaxEsRatio),
        ("ES onset minus GMax onset (ms)", "higher", r => r.OnsetOrder.LagMs),
        ("Trunk range (deg)", "lower", r => r.TrunkRangeDeg),
    };

    /// <summary>Group statistics of the change from test to re-test over <paramref name="subjects"/> (one row each).</summary>
    public static CohortResult Run(IReadOnlyList<CohortSubject> subjects)
    {
        if (subjects.Count < 3) throw new ArgumentException($"a cohort needs at least 3 subjects, got {subjects.Count}");
        string units = subjects[0].Test.Units;
        foreach (CohortSubject s in subjects)
        {
            Analysis.Emg.Normalisation.EnsureComparable(s.Test.Normalisation, s.Retest.Normalisation);
            if (s.Test.Units != units) throw new ArgumentException($"subject {s.Subject} is in {s.Test.Units}, others in {units}: use one normalisation method for all");
        }

        var outcomes = Definitions.Select(d => Outcome(d.Name, d.Name == "GMax activation" ? units : "", d.Better, subjects, d.Value)).ToList();
        double?[] holm = Multiplicity.HolmWhereTested(outcomes.Select(o => o.PairedT?.P).ToArray());
        for (int i = 0; i < outcomes.Count; i++)
        {
            if (holm[i] == null) continue;
            CohortOutcome o = outcomes[i] with { PHolm = holm[i] };
            outcomes[i] = o with { Reading = Reading(o) };
        }

        CohortOutcome gmax = outcomes[0];
        bool significant = gmax.Reading is "improved" or "worsened";
        return new CohortResult(subjects.Count, units, subjects.Select(s => s.Subject).ToList(), outcomes, significant, Sentence(gmax, subjects.Count));
    }

    private static CohortOutcome Outcome(string name, string units, string better, IReadOnlyList<CohortSubject> subjects, Func<RepResult, double?> value)
    {
        double? SessionMean(AnalysisResult r)
        {
            double[] v = r.Reps.Where(x => !x.Excluded).Select(value).OfType<double>().ToArray();
            return v.Length == 0 ? null : v.Average();
        }

        var pairs = subjects.Select(s => (Test: SessionMean(s.Test), Retest: SessionMean(s.Retest))).Where(p => p.Test != null && p.Retest != null)
            .Select(p => (Test: p.Test!.Value, Retest: p.Retest!.Value)).ToArray();
        double[] test = pairs.Select(p => p.Test).ToArray(), retest = pairs.Select(p => p.Retest).ToArray();
        if (pairs.Length < 3) return new CohortOutcome(name, units, better, test, retest, null, null, null, null, null, "too few subjects with this outcome");
        try
        {
            return new CohortOutcome(name, units, better, test, retest, Paired.MeanDifferenceCi(retest, test), Paired.T(retest, test),
                Paired.SignedRank(retest, test), null, Reliability.Icc31(pairs.Select(p => new[] { p.Test, p.Retest }).ToArray()), "");
        }
        catch (ArgumentException e)
        {
            return new CohortOutcome(name, units, better, test, retest, null, null, null, null, null, e.Message);
        }
    }

    private static string Reading(CohortOutcome o)
    {
        if (o.PHolm is not double p || o.Wilcoxon is null || o.Change is null) return "not tested";
        if (p < ExerciseComparison.Alpha && o.Wilcoxon.P < ExerciseComparison.Alpha)
        {
            return (o.Better == "higher") == (o.Change.Mean > 0) ? "improved" : "worsened";
        }

        return "no significant change";
    }

    private static string Sentence(CohortOutcome gmax, int subjects)
    {
        if (gmax.Change is not MeanDifference d) return $"No verdict on GMax activation: {gmax.Reading} ({subjects} subjects).";
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"mean change {d.Mean:+0.0;-0.0} {gmax.Units} (95 % CI {d.Low:+0.0;-0.0} to {d.High:+0.0;-0.0}), paired t Holm p {gmax.PHolm:0.000}, Wilcoxon p {gmax.Wilcoxon!.P:0.000}, n = {d.N} subjects; test-retest ICC(3,1) {gmax.Repeatability?.Icc31:0.00}, MDC95 {gmax.Repeatability?.Mdc95Units:0.0}");
        return gmax.Reading switch
        {
            "improved" => $"Across subjects, gluteus maximus activation in the bridge rose from test to retest: {numbers}.",
            "worsened" => $"Across subjects, gluteus maximus activation in the bridge fell from test to retest: {numbers}.",
            _ => $"Across subjects, no significant change of gluteus maximus activation in the bridge from test to retest: {numbers}.",
        };
    }

    /// <summary>
    /// Reads a cohort table: CSV with header <c>subject,test,retest[,mvc]</c>; folder paths relative to the table.
    /// </summary>
    public static IReadOnlyList<(string Subject, string Test, string Retest, string? Mvc)> ReadTable(string path)
    {
        if (!File.Exists(path)) throw new InputException("cohort table not found: " + path);
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToArray();
        if (lines.Length == 0) throw new InputException($"{Path.GetFileName(path)}: empty");
        string[] header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int Col(string name, bool required)
        {
            int i = Array.IndexOf(header, name);
            if (i < 0 && required) throw new InputException($"{Path.GetFileName(path)} line 1: missing column '{name}' (expected subject,test,retest[,mvc])");
            return i;
        }

        int cs = Col("subject", true), ct = Col("test", true), cr = Col("retest", true), cm = Col("mvc", false);
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rows = new List<(string, string, string, string?)>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length) throw new InputException($"{Path.GetFileName(path)} line {i + 1}: {cells.Length} cells, header has {header.Length}");
            string Resolve(int c) => Path.GetFullPath(Path.Combine(baseDir, cells[c]));
            rows.Add((cells[cs], Resolve(ct), Resolve(cr), cm >= 0 && cells[cm].Length > 0 ? Resolve(cm) : null));
        }

        return rows;
    }
}
