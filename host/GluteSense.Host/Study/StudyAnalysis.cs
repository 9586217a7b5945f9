using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Study;

/// <summary>An outcome: a channel, a phase and a metric of the tidy table.</summary>
public sealed record OutcomeKey(string Channel, string Phase, string Metric)
{
    /// <summary>The outcome as its channel, phase and metric separated by spaces, as the CLI and the report headings show it.</summary>
    public override string ToString() => $"{Channel} {Phase} {Metric}";
}

/// <summary>The two-stage summary route for one level against the reference: each subject's mean per level, the paired
/// mean difference (level - reference) with its t CI, paired t, d_z with its CI, Wilcoxon signed-rank with the
/// Hodges-Lehmann estimate and CI that go with it and, with a SESOI, the TOST.</summary>
public sealed record TwoStage(
    string Level, string Reference, IReadOnlyList<string> Subjects, double[] LevelMeans, double[] ReferenceMeans,
    MeanDifference Difference, TTest PairedT, Dz Dz, Wilcoxon? Wilcoxon, Tost? Tost, PseudoMedian? HodgesLehmann = null);

/// <summary>Everything computed for one outcome.</summary>
public sealed record OutcomeResult(
    OutcomeKey Outcome, bool Primary, string Units, MixedModelFit? Model, IReadOnlyList<TwoStage> TwoStage, double? PHolm,
    string Reading, string? Problem, double? Sesoi = null);

/// <summary>The study's result: factor compared, its levels, the outcomes and the options used.</summary>
public sealed record StudyResult(
    string Factor, IReadOnlyList<string> Levels, int Subjects, string Units, IReadOnlyList<OutcomeResult> Outcomes, double? Sesoi,
    bool RandomSlope);

/// <summary>
/// Subject-level analysis of a study's tidy rows. The primary outcomes are declared here, before any data (GMax and ES
/// mean and the GMax:ES log ratio in the concentric phase; lumbar range per repetition); each gets a REML mixed model
/// <c>value ~ factor + (1 | subject) + (1 | subject:set)</c> (optionally a random slope) and the two-stage route beside it.
/// Secondary outcomes get the same, with Holm's correction across the secondary outcomes only. Amplitudes in microvolts
/// are refused: they are not comparable between subjects.
/// </summary>
public static class StudyAnalysis
{
    private static readonly string Concentric = PhaseKind.Concentric.Name(), Eccentric = PhaseKind.Eccentric.Name();

    /// <summary>Declared primary outcomes, in reporting order.</summary>
    public static readonly IReadOnlyList<OutcomeKey> Primary = new[]
    {
        new OutcomeKey(TidyTable.Gmax, Concentric, TidyTable.Mean),
        new OutcomeKey(TidyTable.Es, Concentric, TidyTable.Mean),
        new OutcomeKey(TidyTable.Ratio, Concentric, TidyTable.LogRatio),
        new OutcomeKey(TidyTable.Lumbar, TidyTable.WholeRep, TidyTable.RangeDeg),
    };

    /// <summary>Declared secondary outcomes (Holm across these only).</summary>
    public static readonly IReadOnlyList<OutcomeKey> Secondary = new[]
    {
        new OutcomeKey(TidyTable.Gmax, Eccentric, TidyTable.Mean),
        new OutcomeKey(TidyTable.Gmax, Concentric, TidyTable.Peak),
        new OutcomeKey(TidyTable.Es, Eccentric, TidyTable.Mean),
        new OutcomeKey(TidyTable.Es, Concentric, TidyTable.Peak),
    };

    /// <summary>Significance level of every test and of the TOST.</summary>
    public const double Alpha = 0.05;

    /// <summary>Analyses the rows. <paramref name="sesoi"/> (in the amplitude units) adds a TOST to the amplitude outcomes.</summary>
    public static StudyResult Run(IReadOnlyList<TidyRow> rows, double? sesoi = null, bool randomSlope = false)
    {
        if (sesoi is double s && !(s > 0 && double.IsFinite(s))) throw new ArgumentException($"--sesoi {s} must be a positive number");
        return Run(rows, new Sesoi(sesoi, new Dictionary<OutcomeKey, double>()), randomSlope);
    }

    /// <summary>All declared outcomes, primary then secondary (the names <c>--sesoi</c> accepts).</summary>
    public static IReadOnlyList<OutcomeKey> Declared => Primary.Concat(Secondary).ToArray();

    /// <summary>Analyses the rows; each outcome with a bound in <paramref name="sesoi"/> (in its own units) gets a TOST.</summary>
    public static StudyResult Run(IReadOnlyList<TidyRow> rows, Sesoi sesoi, bool randomSlope)
    {
        if (rows.Count == 0) throw new ArgumentException("the study has no repetitions to analyse");
        string[] amplitudeUnits = rows.Where(r => r.Metric == TidyTable.Mean && r.Channel == TidyTable.Gmax).Select(r => r.Units).Distinct()
            .ToArray();
        if (amplitudeUnits.Length != 1)
        {
            throw new ArgumentException($"amplitudes come in {string.Join(" and ", amplitudeUnits)}: "
                + $"give every subject the same normalisation (an mvc folder)");
        }

        string units = amplitudeUnits[0];
        if (units == "uV") throw new ArgumentException("amplitudes are in microvolts, which cannot be pooled across subjects: give every "
            + "subject an mvc folder (design.csv column mvc)");
        (string factor, Func<TidyRow, string> level) = Factor(rows);
        string[] levels = rows.Select(level).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var outcomes = Primary.Select(o => Outcome(o, true, rows, level, factor, units, sesoi, randomSlope))
            .Concat(Secondary.Select(o => Outcome(o, false, rows, level, factor, units, sesoi, randomSlope))).ToList();

        // Holm across the secondary outcomes' factor effect (the first non-intercept term of each model).
        int[] secondary = Enumerable.Range(0, outcomes.Count).Where(i => !outcomes[i].Primary).ToArray();
        double?[] holm = Multiplicity.HolmWhereTested(secondary.Select(i => outcomes[i].Model?.Fixed.Skip(1).FirstOrDefault()?.P).ToArray());
        for (int k = 0; k < secondary.Length; k++)
        {
            OutcomeResult o = outcomes[secondary[k]] with { PHolm = holm[k] };
            outcomes[secondary[k]] = o with { Reading = Reading(o, factor) };
        }

        return new StudyResult(factor, levels, rows.Select(r => r.Subject).Distinct().Count(), units, outcomes, sesoi.Amplitude, randomSlope);
    }

    /// <summary>The factor compared: exercise when exercises differ, else condition; both varying is refused.</summary>
    public static (string Name, Func<TidyRow, string> Level) Factor(IReadOnlyList<TidyRow> rows)
    {
        int exercises = rows.Select(r => r.Exercise).Distinct().Count(), conditions = rows.Select(r => r.Condition).Distinct().Count();
        if (exercises > 1 && conditions > 1) throw new ArgumentException("both exercise and condition vary: analyse one factor at a time "
            + "(one design per comparison)");
        if (exercises > 1) return ("exercise", r => r.Exercise);
        if (conditions > 1) return ("condition", r => r.Condition);
        throw new ArgumentException("every set has the same exercise and condition: nothing to compare");
    }

    private static OutcomeResult Outcome(OutcomeKey key, bool primary, IReadOnlyList<TidyRow> all, Func<TidyRow, string> level, string factor,
        string amplitudeUnits, Sesoi sesoi, bool randomSlope)
    {
        TidyRow[] rows = all.Where(r => !r.Excluded && r.Channel == key.Channel && r.Phase == key.Phase && r.Metric == key.Metric).ToArray();
        string units = rows.FirstOrDefault()?.Units ?? "";
        if (rows.Length == 0)
        {
            return new OutcomeResult(key, primary, units, null, Array.Empty<TwoStage>(), null, "not measured",
                "no included repetitions have this outcome");
        }

        MixedModelFit? model = null;
        string? problem = null;
        try
        {
            model = MixedModel.Fit(rows.Select(r => new MixedModelRow(r.Subject, r.Set, level(r), r.Value)).ToList(), factor, randomSlope);
        }
        catch (ArgumentException e)
        {
            problem = "mixed model: " + e.Message;
        }

        var twoStage = new List<TwoStage>();
        double? bound = sesoi.For(key, units, amplitudeUnits);
        string[] levels = rows.Select(level).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        foreach (string other in levels.Skip(1))
        {
            try
            {
                twoStage.Add(TwoStageRoute(rows, level, levels[0], other, bound));
            }
            catch (ArgumentException e)
            {
                problem = (problem == null ? "" : problem + "; ") + $"two-stage {other}: " + e.Message;
            }
        }

        var result = new OutcomeResult(key, primary, units, model, twoStage, null, "", problem, bound);
        return result with { Reading = Reading(result, factor) };
    }

    private static TwoStage TwoStageRoute(TidyRow[] rows, Func<TidyRow, string> level, string reference, string other, double? sesoi)
    {
        var means = rows.GroupBy(r => r.Subject)
            .Select(g => (Subject: g.Key, Ref: g.Where(r => level(r) == reference).Select(r => r.Value).ToArray(),
                Other: g.Where(r => level(r) == other).Select(r => r.Value).ToArray()))
            .Where(s => s.Ref.Length > 0 && s.Other.Length > 0).OrderBy(s => s.Subject, StringComparer.Ordinal).ToArray();
        double[] x = means.Select(s => s.Other.Average()).ToArray(), y = means.Select(s => s.Ref.Average()).ToArray();
        Wilcoxon? wilcoxon = null;
        PseudoMedian? hodgesLehmann = null;
        try
        {
            wilcoxon = Paired.SignedRank(x, y);
            hodgesLehmann = Paired.HodgesLehmann(x, y);
        }
        catch (ArgumentException)
        {
            // every difference zero: the rank test is undefined, the other statistics still stand
        }

        Tost? tost = sesoi is double b ? Equivalence.PairedTost(x, y, -b, b, Alpha) : null;
        return new TwoStage(other, reference, means.Select(s => s.Subject).ToArray(), x, y, Paired.MeanDifferenceCi(x, y), Paired.T(x, y),
            Equivalence.PairedDz(x, y), wilcoxon, tost, hodgesLehmann);
    }

    /// <summary>
    /// One sentence, effect with its CI first: "pull-through - bridge: +4.1 %MVC (95 % CI 2.0 to 6.2), p = 0.001 (mixed
    /// model, Satterthwaite df 11.0)". A p above alpha reads "no evidence of a difference", never "no difference"; with a
    /// SESOI the TOST verdict is added.
    /// </summary>
    public static string Reading(OutcomeResult o, string factor)
    {
        FixedEffect? effect = o.Model?.Fixed.Skip(1).FirstOrDefault();
        if (effect == null) return o.Problem ?? "not estimated";
        string level = effect.Term[factor.Length..];
        string reference = o.TwoStage.FirstOrDefault()?.Reference ?? "reference";
        double p = o.PHolm ?? effect.P;
        string pText = o.PHolm != null ? "Holm-adjusted " + P(p) : P(p);
        string sentence = NumberText.Sentence($"{level} - {reference}: {effect.Estimate:+0.00;-0.00} {o.Units} (95 % CI ")
            + NumberText.Sentence(
                $"{effect.Ci95.Low:0.00} to {effect.Ci95.High:0.00}), {pText} (mixed model, Satterthwaite df {effect.Df:0.0})");
        sentence += p < Alpha ? "; a difference" : "; no evidence of a difference (which is not evidence of no difference)";
        Tost? tost = o.TwoStage.FirstOrDefault()?.Tost;
        if (tost != null) sentence += "; equivalence test: " + Equivalence.Wording(tost.Verdict, tost.High, o.Units);
        return sentence;
    }

    /// <summary>"p = 0.012" (3 decimals), or "p &lt; 0.001".</summary>
    public static string P(double p) => p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.000", CultureInfo.InvariantCulture);
}
