using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Comparison;

/// <summary>One sample of a comparison: n, mean, SD and the per-repetition values.</summary>
public sealed record SampleSummary(int N, double? Mean, double? Sd, double[] Values);

/// <summary>One muscle x phase x metric comparison of A and B; differences and effect sizes are A minus B (scipy's order).</summary>
public sealed record ComparisonRow(string Muscle, PhaseSelector Phase, Metric Metric, SampleSummary A, SampleSummary B,
    double? WelchT, double? WelchP, [property: JsonPropertyName("mannwhitney_u")] double? MannWhitneyU,
    [property: JsonPropertyName("mannwhitney_p")] double? MannWhitneyP,
    [property: JsonPropertyName("mannwhitney_method")] string? MannWhitneyMethod,
    double? HedgesG, double? CliffsDelta, double[]? DiffCi95, double? PHolm, string? Note);

/// <summary>The answer to the question asked, in numbers and in one sentence.</summary>
public sealed record Verdict(string Question, string Muscle, PhaseSelector Phase, Metric Metric, double? Difference, double[]? Ci95,
    double? HedgesG, double? PHolm, bool Significant, string Sentence);

/// <summary>Everything compare produces.</summary>
public sealed record ComparisonResult(string LabelA, string LabelB, string Units, string Normalisation,
    IReadOnlyList<ComparisonRow> Comparisons, Verdict Verdict);

/// <summary>
/// Compares two analysed recordings (reps as samples; one subject): every muscle (channels and bilateral groups) in
/// every phase kind plus "first" (the first phase of each repetition), with Welch, Mann-Whitney, Hedges g, Cliff's
/// delta, a seeded bootstrap CI of A - B, and Holm correction across all rows. Differences are A minus B.
/// </summary>
public static class ExerciseComparison
{
    /// <summary>Significance level of the verdict (after Holm).</summary>
    public const double Alpha = 0.05;

    /// <summary>Seed of the bootstrap (fixed: the same data give the same report).</summary>
    public const int BootstrapSeed = 20261125;

    /// <summary>
    /// Compares <paramref name="a"/> with <paramref name="b"/> on <paramref name="metric"/>; both must use the same normalisation.
    /// </summary>
    public static ComparisonResult Compare(AnalysisResult a, AnalysisResult b, Metric metric = Metric.Mean)
    {
        Normalisation.EnsureComparable(a.Normalisation, b.Normalisation);
        PhaseSelector[] phases = metric == Metric.Onset ? new[] { PhaseSelector.Repetition }
            : new[] { PhaseSelector.First, PhaseSelector.Eccentric, PhaseSelector.Concentric, PhaseSelector.Hold };
        var rows = new List<ComparisonRow>();
        foreach (MuscleGroup group in Enum.GetValues<MuscleGroup>())
        {
            foreach (PhaseSelector phase in phases)
            {
                rows.Add(Row(group.Name(), phase, metric, RepValues.Of(a, group, phase, metric), RepValues.Of(b, group, phase, metric)));
            }
        }

        foreach (string channel in a.Meta.Channels.Select(c => c.Name))
        {
            foreach (PhaseSelector phase in phases)
            {
                rows.Add(
                    Row(channel, phase, metric, RepValues.OfChannel(a, channel, phase, metric),
                        RepValues.OfChannel(b, channel, phase, metric)));
            }
        }

        double?[] holm = Multiplicity.HolmWhereTested(rows.Select(r => r.WelchP).ToArray());
        rows = rows.Select((r, i) => r with { PHolm = holm[i] }).ToList();

        string labelA = Label(a), labelB = Label(b);
        return new ComparisonResult(labelA, labelB, a.Units, a.Normalisation.CedeDescription, rows,
            MakeVerdict(rows.First(r => r.Muscle == MuscleGroup.Gmax.Name() && r.Phase == phases[0]), labelA, labelB, a, b));
    }

    /// <summary>Label of a trial: exercise, subject and which phase comes first.</summary>
    public static string Label(AnalysisResult r) =>
        r.Reps.Count > 0 ? $"{r.Exercise.Name()} ({r.Reps[0].Phases[0].Kind.Name()} first)" : r.Exercise.Name();

    /// <summary>Statistics of one row; rows with fewer than 2 values on a side carry a note instead.</summary>
    public static ComparisonRow Row(string muscle, PhaseSelector phase, Metric metric, double[] a, double[] b)
    {
        SampleSummary sa = Summary(a), sb = Summary(b);
        if (a.Length < 2 || b.Length < 2)
        {
            return new ComparisonRow(muscle, phase, metric, sa, sb, null, null, null, null, null, null, null, null, null,
                "fewer than 2 repetitions on a side");
        }

        try
        {
            TTest w = TwoSample.Welch(a, b);
            MannWhitney u = TwoSample.MannWhitneyU(a, b);
            Interval ci = TwoSample.BootstrapMeanDifferenceCi(a, b, BootstrapSeed);
            return new ComparisonRow(muscle, phase, metric, sa, sb, w.T, w.P, u.U, u.P, u.Method, TwoSample.HedgesG(a, b),
                TwoSample.CliffsDelta(a, b), new[] { ci.Low, ci.High }, null, null);
        }
        catch (ArgumentException e)
        {
            return new ComparisonRow(muscle, phase, metric, sa, sb, null, null, null, null, null, null, null, null, null, e.Message);
        }
    }

    private static SampleSummary Summary(double[] v) => v.Length == 0 ? new SampleSummary(0, null, null, v)
        : new SampleSummary(v.Length, v.Average(), v.Length > 1 ? Math.Sqrt(Descriptive.Variance(v)) : null, v);

    private static Verdict MakeVerdict(ComparisonRow row, string labelA, string labelB, AnalysisResult a, AnalysisResult b)
    {
        string question = $"Is gluteus maximus {row.Metric.Name()} activation in the first phase of each repetition different between "
            + $"{labelA} and {labelB}?";
        string units = a.Units;
        if (row.WelchP == null)
        {
            return new Verdict(question, row.Muscle, row.Phase, row.Metric, null, null, null, null, false,
                $"No verdict: {row.Note} (A n = {row.A.N}, B n = {row.B.N}).");
        }

        double diff = row.A.Mean!.Value - row.B.Mean!.Value;
        bool significant = row.PHolm < Alpha;
        string higher = diff > 0 ? labelA : labelB, lower = diff > 0 ? labelB : labelA;
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"(difference {labelA} minus {labelB} {diff:0.0} {units}, 95 % CI {row.DiffCi95![0]:0.0} to {row.DiffCi95[1]:0.0}; "
                + $"Hedges g {row.HedgesG:0.00}; Holm-adjusted p {row.PHolm:0.0000}; n = {row.A.N} and {row.B.N} repetitions)");
        string sentence = significant
            ? $"Gluteus maximus activation in the first phase was higher in the {higher} than in the {lower} {numbers}."
            : $"No reliable difference in gluteus maximus activation in the first phase between the {labelA} and the {labelB} {numbers}.";
        sentence += " One subject's repetitions: this describes this person on this day, not a population, and does not show cause.";
        return new Verdict(question, row.Muscle, row.Phase, row.Metric, diff, row.DiffCi95, row.HedgesG, row.PHolm, significant, sentence);
    }
}
