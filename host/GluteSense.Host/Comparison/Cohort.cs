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

/// <summary>One outcome across subjects: each subject's session means, paired tests of retest - test, and the outcome's
/// reliability from a separate study without intervention (null when no reliability file was given or it lacks the
/// outcome under this normalisation).</summary>
public sealed record CohortOutcome(string Name, string Units, string Better, double[] Test, double[] Retest, MeanDifference? Change,
    TTest? PairedT, Wilcoxon? Wilcoxon, double? PHolm, ReliabilityEstimate? Reliability, string Reading);

/// <summary>The cohort result and its verdict.</summary>
public sealed record CohortResult(int Subjects, string Units, IReadOnlyList<string> SubjectIds, IReadOnlyList<CohortOutcome> Outcomes,
    bool Significant, string Verdict);

/// <summary>
/// Many subjects' test/retest bridges: one value per subject and session (the mean over included repetitions) for the
/// bridge outcomes of <see cref="SetOutcomes"/> (GMax and ES activation, GMax:ES log ratio, lumbar range, onset lag),
/// then paired t and Wilcoxon signed-rank of retest - test, the mean change with its t CI, and Holm over the outcomes.
/// Amplitudes must be normalised (%MVC or %RVC): microvolts are not pooled across subjects. Reliability (ICC(A,1) with
/// its CI, SEM, MDC95) is never computed from these pairs, which straddle the treatment (a varied response would read
/// as measurement error); it comes from a reliability file made by <c>glutesense reliability</c> on sets without
/// intervention. The verdict is on GMax activation: significant when its Holm-adjusted paired t p and its Wilcoxon p
/// are both below 0.05 (a parametric and a rank test must agree).
/// </summary>
public static class Cohort
{
    /// <summary>
    /// Runs the cohort comparison over <paramref name="subjects"/> (at least 3, all normalised the same way), attaching each
    /// outcome's estimate from <paramref name="reliability"/> when given; throws when the subjects break those rules.
    /// </summary>
    public static CohortResult Run(IReadOnlyList<CohortSubject> subjects, ReliabilityFile? reliability = null)
    {
        if (subjects.Count < 3) throw new ArgumentException($"a cohort needs at least 3 subjects, got {subjects.Count}");
        Analysis.Emg.Normalisation normalisation = subjects[0].Test.Normalisation;
        string units = subjects[0].Test.Units;
        if (normalisation.Method == Analysis.Emg.NormalisationMethod.None)
        {
            throw new ArgumentException("amplitudes are in microvolts, which cannot be pooled across subjects: give every subject an mvc "
                + "folder (%MVC or %RVC)");
        }

        foreach (CohortSubject s in subjects)
        {
            Analysis.Emg.Normalisation.EnsureComparable(s.Test.Normalisation, s.Retest.Normalisation);
            if (s.Test.Units != units)
            {
                throw new ArgumentException($"subject {s.Subject} is in {s.Test.Units}, others in {units}: "
                    + $"use one normalisation method for all");
            }
        }

        var outcomes = SetOutcomes.All.Select(o => Outcome(o, normalisation, subjects, reliability)).ToList();
        double?[] holm = Multiplicity.HolmWhereTested(outcomes.Select(o => o.PairedT?.P).ToArray());
        for (int i = 0; i < outcomes.Count; i++)
        {
            if (holm[i] == null) continue;
            CohortOutcome o = outcomes[i] with { PHolm = holm[i] };
            outcomes[i] = o with { Reading = Reading(o) };
        }

        CohortOutcome gmax = outcomes[0];
        bool significant = gmax.Reading is "improved" or "worsened";
        return new CohortResult(subjects.Count, units, subjects.Select(s => s.Subject).ToList(), outcomes, significant,
            Sentence(gmax, subjects.Count));
    }

    private static CohortOutcome Outcome(SetOutcome outcome, Analysis.Emg.Normalisation normalisation,
        IReadOnlyList<CohortSubject> subjects, ReliabilityFile? reliability)
    {
        string name = outcome.Label, units = outcome.Units(normalisation), better = outcome.HigherIsBetter ? "higher" : "lower";
        ReliabilityEstimate? estimate = reliability?.Find(outcome, normalisation);
        var pairs = subjects.Select(s => (Test: outcome.SetValue(s.Test), Retest: outcome.SetValue(s.Retest)))
            .Where(p => p.Test != null && p.Retest != null)
            .Select(p => (Test: p.Test!.Value, Retest: p.Retest!.Value)).ToArray();
        double[] test = pairs.Select(p => p.Test).ToArray(), retest = pairs.Select(p => p.Retest).ToArray();
        if (pairs.Length < 3)
            return new CohortOutcome(name, units, better, test, retest, null, null, null, null, estimate,
                "too few subjects with this outcome");
        try
        {
            return new CohortOutcome(name, units, better, test, retest, Paired.MeanDifferenceCi(retest, test), Paired.T(retest, test),
                Paired.SignedRank(retest, test), null, estimate, "");
        }
        catch (ArgumentException e)
        {
            return new CohortOutcome(name, units, better, test, retest, null, null, null, null, estimate, e.Message);
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
        string numbers = NumberText.Sentence($"mean change {d.Mean:+0.0;-0.0} {gmax.Units} (95 % CI {d.Low:+0.0;-0.0} to {d.High:+0.0;-0.0}), ")
            + NumberText.Sentence($"paired t Holm p {gmax.PHolm:0.000}, Wilcoxon p {gmax.Wilcoxon!.P:0.000}, n = {d.N} subjects")
            + (gmax.Reliability is ReliabilityEstimate r
            ? string.Create(CultureInfo.InvariantCulture,
                $"; reliability without intervention ICC(A,1) {r.IccA1:0.00} (95 % CI {r.IccCi95[0]:0.00} to {r.IccCi95[1]:0.00}), "
                + $"MDC95 {r.Mdc95:0.0}")
            : "; no reliability file: measurement error unknown");
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
    public static IReadOnlyList<(string Subject, string Test, string Retest, string? Mvc)> ReadTable(string path) =>
        FolderTable.Read(path, "cohort", new[] { "subject", "test", "retest" }, new[] { "mvc" }, "subject")
            .Select(r => (r["subject"], r["test"], r["retest"], r["mvc"].Length > 0 ? r["mvc"] : (string?)null)).ToList();
}
