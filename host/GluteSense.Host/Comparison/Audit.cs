using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Comparison;

/// <summary>The audit's call on one outcome. "Improved" follows the outcome's better direction.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditCall>))]
public enum AuditCall
{
    /// <summary>The change exceeds the threshold in the outcome's better direction.</summary>
    [JsonStringEnumMemberName("improved")]
    Improved,

    /// <summary>The change exceeds the threshold in the outcome's worse direction.</summary>
    [JsonStringEnumMemberName("worsened")]
    Worsened,

    /// <summary>The change lies within the threshold: no evidence of a change (not evidence of none).</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>
    /// No call is possible: a condition has no value for the outcome, the values are not comparable, or there is no
    /// threshold (one set per condition and no reliability file).
    /// </summary>
    [JsonStringEnumMemberName("cannot-judge")]
    CannotJudge,
}

/// <summary>The session design: pull-throughs between test and re-test, or a control block (rest or sham).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditDesign>))]
public enum AuditDesign
{
    /// <summary>Test / Treat / Re-test: a pull-through block between test and re-test.</summary>
    [JsonStringEnumMemberName("treat")]
    Treat,

    /// <summary>Test / control / Re-test: a rest or sham block instead of the pull-throughs.</summary>
    [JsonStringEnumMemberName("control")]
    Control,
}

/// <summary>One condition's set values (one per set, in set order) and their mean.</summary>
public sealed record ConditionSets(double[] Sets, double? Mean);

/// <summary>Rep-to-rep spread of one condition, for description only (reps are not independent samples).</summary>
public sealed record RepSpread(int Reps, double? Mean, double? Sd);

/// <summary>One outcome, test sets vs re-test sets. Change = mean of re-test sets minus mean of test sets.</summary>
/// <param name="ChangePct">Change in % of the test mean; null for outcomes without a true zero (log ratio, onset lag).</param>
/// <param name="Threshold">Smallest |change| called a change, in <paramref name="Units"/>; null when no call is possible.</param>
/// <param name="ThresholdSource">Where the threshold came from, or why there is none.</param>
public sealed record AuditOutcome(string Name, string Label, string Units, string Better, ConditionSets Test, ConditionSets Retest,
    double? Change, double? ChangePct, double? Threshold, string ThresholdSource, AuditCall Call, string Reading,
    RepSpread TestReps, RepSpread RetestReps);

/// <summary>Measured tempo of a set: mean phase durations (s) over its included repetitions.</summary>
public sealed record SetTempo(string Condition, string Set, double? EccentricS, double? HoldS, double? ConcentricS);

/// <summary>Repetitions in which gluteus maximus started before erector spinae, test and retest.</summary>
public sealed record OnsetOrderCounts(int TestReps, int TestGmaxFirst, int RetestReps, int RetestGmaxFirst);

/// <summary>The clinic audit of a Test / Treat / Re-test session, sets as the unit.</summary>
public sealed record AuditResult(string Subject, AuditDesign Design, string Units, string Normalisation, string? Reliability,
    IReadOnlyList<AuditOutcome> Outcomes, IReadOnlyList<SetTempo> Tempo, OnsetOrderCounts OnsetOrder, TreatSummary? Treat,
    int? PainBefore, int? PainAfter, string Verdict, IReadOnlyList<string> Caveats)
{
    /// <summary>Every set in protocol order with the meta.json facts the audit read (set-up, started_at, pain, ...).</summary>
    public IReadOnlyList<AuditSetFacts> Sets { get; init; } = Array.Empty<AuditSetFacts>();
}

/// <summary>What the audit is given: each condition's sets in order, the treat block's raw data, the reliability file.</summary>
public sealed record AuditInput(IReadOnlyList<AnalysisResult> Test, IReadOnlyList<AnalysisResult> Retest)
{
    /// <summary>
    /// The middle block's sets in order (pull-throughs, or the rest or sham sets of a control), each with its raw data or
    /// null when the recording has envelopes only; required for the treat design.
    /// </summary>
    public IReadOnlyList<(AnalysisResult Result, RecordingData? Data)> Treat { get; init; } = Array.Empty<(AnalysisResult, RecordingData?)>();

    /// <summary>Whether the middle block was the treatment or a control; the default is the treat design.</summary>
    public AuditDesign Design { get; init; } = AuditDesign.Treat;

    /// <summary>SEMs of a no-intervention reliability study for the thresholds; null: the patient's own between-set spread.</summary>
    public ReliabilityFile? Reliability { get; init; }

    /// <summary>Pain before the block, 0-10 numeric rating scale; null: the worst pain_nrs of the test sets' meta.json, if any.</summary>
    public int? PainBefore { get; init; }

    /// <summary>Pain after the block, 0-10 numeric rating scale; null: the worst pain_nrs of the re-test sets' meta.json, if any.</summary>
    public int? PainAfter { get; init; }
}

/// <summary>
/// Test / Treat / Re-test: each condition is one or more bridge sets; an outcome's value per set is the mean over its
/// included repetitions, and sets (not repetitions) are the unit. A change is called only when it exceeds a
/// reliable-change threshold: 1.96 SEM sqrt(1/k_test + 1/k_retest) with the SEM of a no-intervention reliability study,
/// or, without one and with >= 2 sets per condition, a t criterion on the patient's own between-set spread;
/// with one set per condition the call is "cannot-judge".
/// </summary>
public static class Audit
{
    /// <summary>Two-sided confidence of the patient's own between-set criterion.</summary>
    public const double OwnSetsConfidence = 0.95;

    /// <summary>The alternatives a clinician should weigh before crediting the block (said wherever a call appears).</summary>
    public const string Alternatives = "warm-up, practice with the bridge, fatigue, cueing, electrode drift (sweat, contact), "
        + "regression to the mean, and order (the re-test always comes last)";

    /// <summary>The design that separates the block's effect from those alternatives.</summary>
    public const string ControlDesign = "a control session (Test / rest or sham / Re-test, on another day, the two sessions in random order): "
        + "only the difference between the two sessions' changes estimates what the pull-throughs did";

    /// <summary>
    /// A phase's mean duration (s) may differ by this much between the test and the re-test sets before the audit says
    /// so: twice the analysis's phase-boundary error on bridges (p95 58 ms on our simulator's standard bridges and 147 ms
    /// on the independent generator's, docs/analysis.md), so a smaller difference can come from where the boundaries
    /// were placed. Amplitude depends on how fast and how long the muscle works, so a different tempo is an alternative
    /// explanation of a change.
    /// </summary>
    public const double TempoCaveatS = 0.3;

    /// <summary>
    /// Audits one session: each outcome's change between test and re-test sets with its call, the tempo, the onset order,
    /// the treat block's summary, the verdict and its caveats. Throws on an inconsistent input
    /// (no test or re-test set, a non-bridge test or re-test set, two subjects, mixed normalisations, pain outside 0-10).
    /// </summary>
    public static AuditResult Run(AuditInput input)
    {
        Validate(input);
        AnalysisResult first = input.Test[0];
        Normalisation n = first.Normalisation;
        var outcomes = SetOutcomes.All.Select(o => Outcome(o, input, n)).ToList();
        TreatSummary? treat = input.Treat.Count > 0 ? TreatBlock.Summarise(input.Treat) : null;
        var tempo = input.Test.Select(s => Tempo("test", s)).Concat(input.Retest.Select(s => Tempo("retest", s))).ToList();
        IReadOnlyList<AuditSetFacts> facts = AuditSets.Facts(input);
        input = input with
        {
            PainBefore = input.PainBefore ?? AuditSets.WorstPain(facts, SetCondition.Test),
            PainAfter = input.PainAfter ?? AuditSets.WorstPain(facts, SetCondition.Retest),
        };
        int Ordered(IEnumerable<AnalysisResult> sets) => Included(sets).Count(r => r.OnsetOrder.First != null);
        int GmaxFirst(IEnumerable<AnalysisResult> sets) => Included(sets).Count(r => r.OnsetOrder.First == MuscleGroup.Gmax);
        var order = new OnsetOrderCounts(Ordered(input.Test), GmaxFirst(input.Test), Ordered(input.Retest), GmaxFirst(input.Retest));
        return new AuditResult(first.Subject, input.Design, first.Units, n.CedeDescription, input.Reliability?.Source, outcomes, tempo,
            order, treat, input.PainBefore, input.PainAfter, Verdict(outcomes[0], input), Caveats(input, outcomes, facts)) { Sets = facts };
    }

    private static void Validate(AuditInput input)
    {
        if (input.Test.Count == 0 || input.Retest.Count == 0)
            throw new ArgumentException("the audit needs at least one test set and one re-test set");
        if (input.Design == AuditDesign.Treat && input.Treat.Count == 0)
            throw new ArgumentException("the treat design needs the treat block's recording(s) (--treat)");
        foreach (int? pain in new[] { input.PainBefore, input.PainAfter })
        {
            if (pain is < 0 or > SetProtocol.PainNrsMax)
                throw new ArgumentException($"pain must be on the 0-{SetProtocol.PainNrsMax} numeric rating scale, got {pain}");
        }

        AnalysisResult first = input.Test[0];
        var roles = input.Test.Select(s => (s, SetCondition.Test)).Concat(input.Retest.Select(s => (s, SetCondition.Retest)))
            .Concat(input.Treat.Select(s => (s.Result, input.Design == AuditDesign.Treat ? SetCondition.Treat : SetCondition.Control)));
        foreach ((AnalysisResult set, SetCondition role) in roles)
        {
            if (role is SetCondition.Test or SetCondition.Retest && set.Exercise != Exercise.Bridge)
                throw new ArgumentException($"{set.Source}: test and re-test sets must be bridges, this is a {set.Exercise.Name()}");
            if (set.Subject != first.Subject)
            {
                throw new ArgumentException(
                    $"{set.Source}: subject {set.Subject}, but the first test set is subject {first.Subject}; one audit is one person");
            }

            if (set.Meta.Protocol?.Condition is SetCondition c && c != role)
                throw new ArgumentException($"{set.Source}: meta.json marks this set as {c.Name()}, but it was given as {role.Name()}");
            Normalisation.EnsureComparable(first.Normalisation, set.Normalisation);
        }
    }

    private static IEnumerable<RepResult> Included(IEnumerable<AnalysisResult> sets) =>
        sets.SelectMany(s => s.Reps.Where(r => !r.Excluded));

    private static string Format(FormattableString s) => NumberText.Sentence(s);

    private static AuditOutcome Outcome(SetOutcome o, AuditInput input, Normalisation n)
    {
        double[] test = input.Test.Select(o.SetValue).OfType<double>().ToArray();
        double[] retest = input.Retest.Select(o.SetValue).OfType<double>().ToArray();
        var t = new ConditionSets(test, test.Length > 0 ? test.Average() : null);
        var r = new ConditionSets(retest, retest.Length > 0 ? retest.Average() : null);
        string units = o.Units(n), better = o.HigherIsBetter ? "higher" : "lower";
        RepSpread Spread(IEnumerable<AnalysisResult> sets)
        {
            double[] v = Included(sets).Select(o.RepValue).OfType<double>().ToArray();
            return new RepSpread(v.Length, v.Length > 0 ? v.Average() : null, v.Length > 1 ? Math.Sqrt(Descriptive.Variance(v)) : null);
        }

        AuditOutcome Make(double? change, double? threshold, string source, AuditCall call, string reading) =>
            new(o.Name, o.Label, units, better, t, r, change,
                change is double c && o.RatioScale && t.Mean is double m && m != 0 ? 100 * c / Math.Abs(m) : null,
                threshold, source, call, reading, Spread(input.Test), Spread(input.Retest));

        if (t.Mean == null || r.Mean == null)
        {
            return Make(null, null, "no threshold: no value", AuditCall.CannotJudge,
                "cannot judge: no repetition has this outcome in " + (t.Mean == null ? "the test sets" : "the re-test sets")
                + (o.Name == "lumbar_range_deg" ? " (lumbar range needs a sacrum IMU as well as the lumbar one)" : ""));
        }

        double change = r.Mean.Value - t.Mean.Value;
        string? notComparable = SetOutcomes.NotComparable(o, n)
            ?? (o.Scale != OutcomeScale.Physical && n.Method == NormalisationMethod.None
                && input.Test.Concat(input.Retest).Skip(1).Any(s => s.Meta.Protocol?.ElectrodesReapplied == true)
                    ? "amplitudes are in microvolts and the electrodes were re-applied between sets, "
                        + "so a change mixes the new contact with the muscle"
                    : null);
        if (notComparable != null)
            return Make(change, null, "no threshold: " + notComparable, AuditCall.CannotJudge, "cannot judge: " + notComparable);

        double threshold;
        string source;
        if (input.Reliability?.Find(o, n) is ReliabilityEstimate e)
        {
            threshold = Reliability.ReliableChangeThreshold(e.Sem, test.Length, retest.Length);
            source = Format($"reliability study {input.Reliability.Source}: SEM {e.Sem:0.###} {e.Units} from {e.N} subjects' ")
                + Format($"repeated sets without intervention (ICC(A,1) {e.IccA1:0.00}, 95 % CI {e.IccCi95[0]:0.00} to {e.IccCi95[1]:0.00}); ")
                + Format($"threshold 1.96 x SEM x sqrt(1/{test.Length} + 1/{retest.Length})");
        }
        else if (test.Length >= 2 && retest.Length >= 2)
        {
            int df = test.Length + retest.Length - 2;
            double pooledSd = Math.Sqrt(
                ((test.Length - 1) * Descriptive.Variance(test) + (retest.Length - 1) * Descriptive.Variance(retest)) / df);
            double tq = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 1 - (1 - OwnSetsConfidence) / 2);
            threshold = tq * pooledSd * Math.Sqrt(1.0 / test.Length + 1.0 / retest.Length);
            (double low, double high) = SdCi95Factors(df);
            source = Format($"this patient's own set-to-set spread (pooled SD {pooledSd:0.###} {units} over ")
                + Format($"{test.Length} + {retest.Length} sets, t {tq:0.00} with {df} df): imprecise, because a spread estimated from ")
                + Format($"{test.Length + retest.Length} sets is itself very uncertain (with {df} df the true SD lies between ")
                + Format($"{low:0.00} and {high:0.0} times the estimate, 95 % CI); ")
                + "a reliability file from a no-intervention study gives a firmer threshold";
        }
        else
        {
            string why = Format($"{test.Length} test set(s) and {retest.Length} re-test set(s) and no reliability file for {o.Name} in ")
                + Format($"{o.NormalisationKey(n)}: nothing separates a real change from set-to-set measurement error ")
                + "(record two sets per condition, or give --reliability)";
            return Make(change, null, "no threshold: " + why, AuditCall.CannotJudge, "cannot judge: " + why);
        }

        AuditCall call = Math.Abs(change) <= threshold ? AuditCall.Unchanged
            : (change > 0) == o.HigherIsBetter ? AuditCall.Improved : AuditCall.Worsened;
        string reading = call == AuditCall.Unchanged
            ? Format($"unchanged: the change {change:+0.0##;-0.0##} {units} lies within the threshold +-{threshold:0.0##} ")
                + "(no evidence of a change; a smaller real change can go undetected)"
            : Format($"{(call == AuditCall.Improved ? "improved" : "worsened")}: the change {change:+0.0##;-0.0##} {units} exceeds the ")
                + Format($"threshold +-{threshold:0.0##} (a change beyond measurement error, not evidence of its cause)");
        return Make(change, threshold, source, call, reading);
    }

    /// <summary>95 % confidence factors of a standard deviation estimated with <paramref name="df"/> degrees of freedom:
    /// sqrt(df / chi2(0.975, df)) and sqrt(df / chi2(0.025, df)); how imprecise the own-spread threshold is.</summary>
    public static (double Low, double High) SdCi95Factors(int df) => (
        Math.Sqrt(df / MathNet.Numerics.Distributions.ChiSquared.InvCDF(df, 1 - (1 - OwnSetsConfidence) / 2)),
        Math.Sqrt(df / MathNet.Numerics.Distributions.ChiSquared.InvCDF(df, (1 - OwnSetsConfidence) / 2)));

    private static SetTempo Tempo(string condition, AnalysisResult set)
    {
        PhaseDurations d = MeasuredTempo(set);
        return new SetTempo(condition, set.Meta.Protocol?.Set?.Label ?? set.Source, d.EccentricS, d.HoldS, d.ConcentricS);
    }

    /// <summary>A set's measured tempo: mean phase durations over its included repetitions (the audit's tempo table and
    /// the live views' meta.json <c>measured_tempo</c> both come from here).</summary>
    public static PhaseDurations MeasuredTempo(AnalysisResult set) => MeasuredTempo(new[] { set });

    /// <summary>The same over several sets' included repetitions pooled (a condition's tempo).</summary>
    public static PhaseDurations MeasuredTempo(IEnumerable<AnalysisResult> sets)
    {
        double? Mean(PhaseKind kind)
        {
            double[] d = sets.SelectMany(s => s.Reps).Where(r => !r.Excluded)
                .SelectMany(r => r.Phases.Where(p => p.Kind == kind)).Select(p => p.DurationS).ToArray();
            return d.Length > 0 ? d.Average() : null;
        }

        return new PhaseDurations(Mean(PhaseKind.Eccentric), Mean(PhaseKind.Hold), Mean(PhaseKind.Concentric));
    }

    /// <summary>The tempo caveat: each phase whose mean duration over the test sets and over the re-test sets differs by
    /// more than <see cref="TempoCaveatS"/>; null when none does or a condition has no included repetition.</summary>
    private static string? TempoCaveat(AuditInput input)
    {
        PhaseDurations before = MeasuredTempo(input.Test), after = MeasuredTempo(input.Retest);
        var changed = new List<string>();
        foreach ((string name, double? t, double? r) in new[]
                 {
                     ("eccentric", before.EccentricS, after.EccentricS), ("hold", before.HoldS, after.HoldS),
                     ("concentric", before.ConcentricS, after.ConcentricS),
                 })
        {
            if (t is double a && r is double b && Math.Abs(b - a) > TempoCaveatS)
                changed.Add(Format($"{name} {a:0.00} s in the test sets, {b:0.00} s in the re-test sets"));
        }

        return changed.Count == 0 ? null
            : "Tempo differed between test and re-test (mean phase durations): " + string.Join("; ", changed)
                + Format($" (more than {TempoCaveatS:0.0} s, twice the analysis's boundary error). ")
                + "Amplitude depends on how fast and how long the muscle works, so a change can come from the tempo rather than the block; "
                + "keep the tempo the same (a metronome) or compare repetitions of similar duration.";
    }

    private static string Verdict(AuditOutcome g, AuditInput input)
    {
        string pain = input.PainBefore is int pb && input.PainAfter is int pa ? $" Pain went from {pb} to {pa} of 10." : "";
        string sets = $"{g.Test.Sets.Length} test and {g.Retest.Sets.Length} re-test set(s)";
        string block = input.Design == AuditDesign.Treat ? "the pull-through block" : "the control block";
        string numbers = g.Change is double c
            ? Format($"{g.Test.Mean:0.0} to {g.Retest.Mean:0.0} {g.Units} (change {c:+0.0;-0.0}")
                + (g.ChangePct is double p ? Format($", {p:+0;-0} %") : "") + $"; {sets}"
            : sets;
        string design = input.Design == AuditDesign.Treat
            ? " This Test / Treat / Re-test design cannot attribute the change to the pull-throughs."
            : " In a control session this change estimates what warm-up, practice and drift do without the pull-throughs.";
        string text = g.Call switch
        {
            AuditCall.Improved or AuditCall.Worsened =>
                Format($"Gluteus maximus activation in the bridge was {(g.Change > 0 ? "higher" : "lower")} after {block} than before it: ")
                + Format($"{numbers}; threshold +-{g.Threshold:0.0}).") + design,
            AuditCall.Unchanged =>
                Format($"No evidence that gluteus maximus activation in the bridge changed after {block}: {numbers}; ")
                + Format($"within the threshold +-{g.Threshold:0.0}). This does not show that it stayed the same."),
            _ => $"No judgement on gluteus maximus activation: {g.Reading["cannot judge: ".Length..]}.",
        };
        return text + pain;
    }

    private static List<string> Caveats(AuditInput input, IReadOnlyList<AuditOutcome> outcomes, IReadOnlyList<AuditSetFacts> facts)
    {
        AnalysisResult first = input.Test[0];
        var caveats = new List<string>
        {
            input.Design == AuditDesign.Treat
                ? $"Not causal: without a control session a change from test to re-test can come from {Alternatives}."
                : $"Control session: a change here comes from {Alternatives}; compare it with the treat session's change.",
            $"What would separate them: {ControlDesign}.",
            "Sets are the unit: each set's value is the mean over its repetitions, and repetitions are not independent samples, "
                + "so rep-level p-values and effect sizes are not used for the calls (rep spread is shown for description).",
            "Single person: the result describes this patient on this day and says nothing about other patients.",
            "Threshold: " + (input.Reliability == null
                ? "no reliability file, so thresholds come from this patient's own between-set spread where there are two or more sets "
                    + "per condition (imprecise)."
                : $"from the reliability study {input.Reliability.Source}."),
            "Normalisation: " + first.Normalisation.CedeDescription + ".",
        };
        string[] cannotJudge = outcomes.Where(o => o.Call == AuditCall.CannotJudge).Select(o => o.Name).ToArray();
        if (cannotJudge.Length > 0) caveats.Add("Cannot judge: " + string.Join(", ", cannotJudge) + " (reasons in the table).");
        IEnumerable<AnalysisResult> bridges = input.Test.Concat(input.Retest);
        IEnumerable<AnalysisResult> everySet = bridges.Concat(input.Treat.Select(x => x.Result));
        foreach (AnalysisResult s in everySet.Where(s => s.Meta.Protocol?.SignalCheck is { Passed: false }))
        {
            caveats.Add($"Signal check failed before {s.Meta.Protocol!.Set?.Label ?? s.Source}: {s.Meta.Protocol.SignalCheck!.Summary}. "
                + "Treat this set's amplitudes with caution.");
        }

        caveats.AddRange(AuditSets.Caveats(facts));
        if (TempoCaveat(input) is string tempo) caveats.Add(tempo);
        int excluded = bridges.Sum(s => s.Reps.Count(r => r.Excluded));
        if (excluded > 0) caveats.Add($"{excluded} bridge repetition(s) excluded (partial or data gap); see the tables.");
        caveats.AddRange(bridges.SelectMany(s => s.Warnings).Distinct().Select(w => "Warning: " + w));
        return caveats;
    }
}
