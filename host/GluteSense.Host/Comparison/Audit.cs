using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Comparison;

/// <summary>One outcome of the bridge, test vs retest. Change = retest minus test.</summary>
/// <param name="Mdc95">Within-subject MDC95 of the change of session means (<see cref="Reliability.SessionMeanMdc95"/>).</param>
/// <param name="Better">"higher" or "lower": which direction is better form.</param>
public sealed record AuditOutcome(string Name, string Units, string Better, SampleSummary Test, SampleSummary Retest, double? Change,
    double[]? ChangeCi95, double? HedgesG, double? WelchP, double? MannWhitneyP, double? PHolm, double? Mdc95, bool ExceedsMdc, string Reading);

/// <summary>What happened during the treat block: GMax over the repetitions and, with raw EMG, the median frequency.</summary>
public sealed record TreatSummary(int Reps, double[] GmaxByRep, LinearTrend? GmaxTrend, double[]? MedianFrequencyHzByRep,
    LinearTrend? MedianFrequencyTrend, string Reading);

/// <summary>Repetitions in which gluteus maximus started before erector spinae, test and retest.</summary>
public sealed record OnsetOrderCounts(int TestReps, int TestGmaxFirst, int RetestReps, int RetestGmaxFirst);

/// <summary>The clinic audit of a Test / Treat / Re-test session.</summary>
public sealed record AuditResult(string Subject, string Units, string Normalisation, IReadOnlyList<AuditOutcome> Outcomes,
    OnsetOrderCounts OnsetOrder, TreatSummary Treat, int? PainBefore, int? PainAfter, string Verdict, IReadOnlyList<string> Caveats);

/// <summary>
/// Test (bridge) / Treat (pull-throughs) / Re-test (bridge): did the bridge change after the block? Outcomes per
/// repetition: GMax activation, GMax:ES ratio, onset lag, lumbar range, GMax symmetry; Welch and Mann-Whitney with Holm
/// across the outcomes; a change counts only when Holm p &lt; 0.05 AND it exceeds the within-subject MDC95.
/// </summary>
public static class Audit
{
    public static AuditResult Run(AnalysisResult test, AnalysisResult treat, AnalysisResult retest, RecordingData? treatData = null,
        int? painBefore = null, int? painAfter = null)
    {
        if (test.Exercise != Exercise.Bridge || retest.Exercise != Exercise.Bridge)
        {
            throw new ArgumentException($"test and retest must be bridges (got {test.Exercise.Name()} and {retest.Exercise.Name()})");
        }

        Normalisation.EnsureComparable(test.Normalisation, retest.Normalisation);
        foreach (int? pain in new[] { painBefore, painAfter })
        {
            if (pain is < 0 or > 10) throw new ArgumentException($"pain must be on the 0-10 numeric rating scale, got {pain}");
        }

        bool lumbar = test.Reps.Any(r => r.LumbarRangeDeg != null);
        var outcomes = new List<AuditOutcome>
        {
            Outcome("GMax activation", test.Units, "higher", test, retest, r => r.GmaxMean),
            Outcome("GMax:ES ratio", "ratio", "higher", test, retest, r => r.GmaxEsRatio),
            Outcome("ES onset minus GMax onset", "ms", "higher", test, retest, r => r.OnsetOrder.LagMs),
            lumbar ? Outcome("Lumbar flexion/extension range", "deg", "lower", test, retest, r => r.LumbarRangeDeg)
                   : Outcome("Trunk range (no sacrum IMU)", "deg", "lower", test, retest, r => r.TrunkRangeDeg),
            Outcome("GMax asymmetry |SI|", "%", "lower", test, retest, r => r.GmaxSymmetryPct is double s ? Math.Abs(s) : null),
        };
        double?[] holm = Multiplicity.HolmWhereTested(outcomes.Select(o => o.WelchP).ToArray());
        for (int i = 0; i < outcomes.Count; i++)
        {
            if (holm[i] == null) continue;
            AuditOutcome o = outcomes[i];
            o = o with { PHolm = holm[i], ExceedsMdc = o.Change is double c && o.Mdc95 is double m && Math.Abs(c) > m };
            outcomes[i] = o with { Reading = Reading(o) };
        }

        var order = new OnsetOrderCounts(Included(test).Count(r => r.OnsetOrder.First != null), Included(test).Count(r => r.OnsetOrder.First == MuscleGroup.Gmax),
            Included(retest).Count(r => r.OnsetOrder.First != null), Included(retest).Count(r => r.OnsetOrder.First == MuscleGroup.Gmax));
        TreatSummary treatSummary = Treat(treat, treatData);
        var caveats = new List<string>
        {
            "Single subject: the statistics treat this person's repetitions as samples; they say nothing about other patients.",
            "Not causal: without a control session, warm-up, practice and attention can change the retest as much as the pull-throughs.",
            "Normalisation: " + test.Normalisation.CedeDescription + ".",
        };
        int excluded = test.Reps.Count(r => r.Excluded) + retest.Reps.Count(r => r.Excluded);
        if (excluded > 0) caveats.Add($"{excluded} bridge repetition(s) excluded (partial or data gap); see the tables.");
        caveats.AddRange(test.Warnings.Concat(retest.Warnings).Distinct().Select(w => "Warning: " + w));
        return new AuditResult(test.Subject, test.Units, test.Normalisation.CedeDescription, outcomes, order, treatSummary, painBefore, painAfter,
            VerdictSentence(outcomes[0], painBefore, painAfter), caveats);
    }

    private static IEnumerable<RepResult> Included(AnalysisResult r) => r.Reps.Where(x => !x.Excluded);

    private static AuditOutcome Outcome(string name, string units, string better, AnalysisResult test, AnalysisResult retest, Func<RepResult, double?> value)
    {
        double[] a = Included(test).Select(value).OfType<double>().ToArray();
        double[] b = Included(retest).Select(value).OfType<double>().ToArray();
        ComparisonRow row = ExerciseComparison.Row(name, PhaseSelector.Repetition, Metric.Mean, b, a);   // B = test, A = retest: differences are retest - test
        double? mdc = a.Length >= 2 && b.Length >= 2 ? Reliability.SessionMeanMdc95(a, b) : null;
        return new AuditOutcome(name, units, better, row.B, row.A, row.A.Mean - row.B.Mean, row.DiffCi95, row.HedgesG, row.WelchP,
            row.MannWhitneyP, null, mdc, false, row.Note ?? "");
    }

    private static string Reading(AuditOutcome o)
    {
        if (o.Change is not double c || o.PHolm is not double p) return "not tested";
        bool improved = (o.Better == "higher") == (c > 0);
        if (p < ExerciseComparison.Alpha && o.ExceedsMdc) return improved ? "improved" : "worsened";
        return "no change beyond measurement noise";
    }

    private static TreatSummary Treat(AnalysisResult treat, RecordingData? data)
    {
        double[] gmax = Included(treat).Select(r => r.GmaxMean).OfType<double>().ToArray();
        LinearTrend? trend = gmax.Length >= 3 ? Trend.OverRepetitions(gmax) : null;
        double[]? mdf = null;
        LinearTrend? mdfTrend = null;
        if (data?.Emg != null)
        {
            string[] channels = RepValues.Channels(treat, MuscleGroup.Gmax);
            mdf = Included(treat).Select(r =>
            {
                int from = EmgSignals.IndexAtOrAfter(data.Emg.TimeS, r.StartS), to = EmgSignals.IndexAtOrAfter(data.Emg.TimeS, r.EndS);
                return channels.Average(c => Trend.MedianFrequencyHz(data.Emg.Column(c)[from..to], data.Meta.EmgRateHz));
            }).ToArray();
            mdfTrend = mdf.Length >= 3 ? Trend.OverRepetitions(mdf) : null;
        }

        string reading = trend == null ? "too few repetitions for a trend" : string.Create(CultureInfo.InvariantCulture,
            $"GMax activation {(trend.P < 0.05 ? (trend.Slope > 0 ? "rose" : "fell") : "did not change significantly")} over the {gmax.Length} pull-throughs ({trend.Slope:+0.00;-0.00} {treat.Units} per repetition, p {trend.P:0.000})");
        if (mdfTrend != null)
        {
            reading += string.Create(CultureInfo.InvariantCulture,
                $"; median frequency {(mdfTrend.P < 0.05 && mdfTrend.Slope < 0 ? "fell (fatigue)" : "showed no fatigue")} ({mdfTrend.Slope:+0.00;-0.00} Hz per repetition, p {mdfTrend.P:0.000})");
        }
        else
        {
            reading += "; no raw EMG in the treat recording, so no median-frequency fatigue index";
        }

        return new TreatSummary(gmax.Length, gmax, trend, mdf, mdfTrend, reading + ".");
    }

    private static string VerdictSentence(AuditOutcome gmax, int? painBefore, int? painAfter)
    {
        string pain = painBefore is int pb && painAfter is int pa ? $" Pain went from {pb} to {pa} of 10." : "";
        if (gmax.Change is not double c || gmax.PHolm is not double p)
        {
            return "No verdict: too few usable bridge repetitions in the test or the retest." + pain;
        }

        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"{gmax.Test.Mean:0.0} to {gmax.Retest.Mean:0.0} {gmax.Units} (change {c:+0.0;-0.0}, 95 % CI {gmax.ChangeCi95![0]:+0.0;-0.0} to {gmax.ChangeCi95[1]:+0.0;-0.0}; Hedges g {gmax.HedgesG:0.00}; Holm p {p:0.000}; MDC95 {gmax.Mdc95:0.0}; n = {gmax.Test.N} and {gmax.Retest.N} repetitions)");
        string text = gmax.Reading switch
        {
            "improved" => $"After the pull-through block, gluteus maximus worked harder in the bridge: {numbers}.",
            "worsened" => $"After the pull-through block, gluteus maximus worked less in the bridge: {numbers}.",
            _ => $"Gluteus maximus activation in the bridge did not change beyond measurement noise after the pull-through block: {numbers}.",
        };
        return text + pain;
    }
}
