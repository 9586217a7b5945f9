using System;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using static GluteSense.Host.Tests.Comparison.SyntheticResults;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// The audit on hand-made sets: every outcome's set values, change, threshold, call and reading, the tempo, the onset
/// order, the verdict and the caveats, worked out by hand; the t quantile from scipy 1.10.1
/// (<c>/usr/bin/python3 -c "from scipy import stats; print(stats.t.ppf(0.975, 2))"</c> = 4.302652729911275).
/// </summary>
public class AuditSetsComparisonNumbersTests
{
    private const double T975With2Df = 4.302652729911275;

    // Test: set A (labelled "test 1"; two reps at GMax 10 and an excluded one at 99), set B (one rep at 12, ES first).
    // Re-test: set C ("re-test 1", failed signal check) at 20, set D with two reps at 22 (the second without onsets).
    private static readonly AnalysisResult A = Set(new[] { Rep(1, 10, 5, lagMs: 10), Rep(2, 10, 5, lagMs: 10, firstS: 2.5), Rep(3, 99, 99, lagMs: 999, excluded: true, firstS: 9) },
        protocol: new SetProtocol { Set = new SetIndex(1, "test 1") }, source: "a.csv", warnings: "MVC lower than the exercise's peaks");
    private static readonly AnalysisResult B = Set(new[] { Rep(1, 12, 5, lagMs: -30) }, source: "b.csv");
    private static readonly AnalysisResult C = Set(new[] { Rep(1, 20, 8, lagMs: 20) }, source: "c.csv", warnings: "MVC lower than the exercise's peaks",
        protocol: new SetProtocol { Set = new SetIndex(1, "re-test 1"), SignalCheck = new SignalCheckMeta(false, "gmax_l flat") });
    private static readonly AnalysisResult D = Set(new[] { Rep(1, 22, 8, lagMs: 40), Rep(2, 22, 8) }, source: "d.csv");

    [Fact]
    public void EveryOutcomeOfTwoSetsPerConditionWithTheOwnSpreadThreshold()
    {
        AuditResult audit = Audit.Run(new AuditInput(new[] { A, B }, new[] { C, D }) { Design = AuditDesign.Control, PainBefore = 3, PainAfter = 2 });
        Assert.Equal(("p-1", AuditDesign.Control, "%MVC", Mvc.CedeDescription), (audit.Subject, audit.Design, audit.Units, audit.Normalisation));
        Assert.Equal(new[] { "gmax_mean", "es_mean", "gmax_es_log_ratio", "lumbar_range_deg", "onset_lag_ms" }, audit.Outcomes.Select(o => o.Name));

        // GMax: sets 10 and 12 vs 20 and 22; change 10 (+90.9 % of 11); pooled SD sqrt((2 + 2) / 2); df 2.
        AuditOutcome g = audit.Outcomes[0];
        Assert.Equal(("Gluteus maximus activation", "%MVC", "higher"), (g.Label, g.Units, g.Better));
        Assert.Equal(new[] { 10.0, 12.0 }, g.Test.Sets);
        Assert.Equal(new[] { 20.0, 22.0 }, g.Retest.Sets);
        Assert.Equal((11.0, 21.0, 10.0), (g.Test.Mean!.Value, g.Retest.Mean!.Value, g.Change!.Value));
        Assert.Equal(100 * 10 / 11.0, g.ChangePct!.Value, 1e-9);
        Assert.Equal(T975With2Df * Math.Sqrt(2), g.Threshold!.Value, 1e-8);
        Assert.Equal(AuditCall.Improved, g.Call);
        Assert.Equal("this patient's own set-to-set spread (pooled SD 1.414 %MVC over 2 + 2 sets, t 4.30 with 2 df): imprecise, because a spread "
            + "estimated from 4 sets is itself very uncertain (with 2 df the true SD lies between 0.52 and 6.3 times the estimate, 95 % CI); a "
            + "reliability file from a no-intervention study gives a firmer threshold", g.ThresholdSource);
        // The SD's 95 % CI factors against scipy 1.10.1: sqrt(df / stats.chi2.ppf(0.975, df)), sqrt(df / stats.chi2.ppf(0.025, df)).
        Assert.Equal(0.5206582666988174, Audit.SdCi95Factors(2).Low, 1e-9);
        Assert.Equal(6.2847346964853825, Audit.SdCi95Factors(2).High, 1e-9);
        Assert.Equal(0.566489546602246, Audit.SdCi95Factors(3).Low, 1e-9);
        Assert.Equal(3.728547275827744, Audit.SdCi95Factors(3).High, 1e-9);
        Assert.Contains("                     threshold from this patient's own set-to-set spread", string.Join("\n", AuditText.Lines(audit)));
        Assert.Equal("improved: the change +10.0 %MVC exceeds the threshold +-6.085 (a change beyond measurement error, not evidence of its cause)", g.Reading);
        // Rep spread, for description: included reps 10, 10, 12 and 20, 22, 22 (sample SD 1.1547 both).
        Assert.Equal(3, g.TestReps.Reps);
        Assert.Equal(32 / 3.0, g.TestReps.Mean!.Value, 1e-9);
        Assert.Equal(1.1547005383792515, g.TestReps.Sd!.Value, 1e-9);
        Assert.Equal(3, g.RetestReps.Reps);
        Assert.Equal(64 / 3.0, g.RetestReps.Mean!.Value, 1e-9);
        Assert.Equal(1.1547005383792515, g.RetestReps.Sd!.Value, 1e-9);

        // ES (lower is better): 5, 5 vs 8, 8; no spread, so the threshold is 0 and a rise is a worsening.
        AuditOutcome es = audit.Outcomes[1];
        Assert.Equal((3.0, 60.0, 0.0, AuditCall.Worsened, "lower"), (es.Change!.Value, es.ChangePct!.Value, es.Threshold!.Value, es.Call, es.Better));
        Assert.Equal("worsened: the change +3.0 %MVC exceeds the threshold +-0.0 (a change beyond measurement error, not evidence of its cause)", es.Reading);

        // The log ratio has no true zero: no change in %.
        AuditOutcome ratio = audit.Outcomes[2];
        Assert.Equal("ln ratio", ratio.Units);
        Assert.Equal(Math.Log(22 / 8.0) / 2 + Math.Log(20 / 8.0) / 2 - Math.Log(2) / 2 - Math.Log(12 / 5.0) / 2, ratio.Change!.Value, 1e-12);
        Assert.Null(ratio.ChangePct);
        Assert.Equal(AuditCall.Unchanged, ratio.Call);

        // No lumbar range without a sacrum IMU.
        AuditOutcome lumbar = audit.Outcomes[3];
        Assert.Equal((AuditCall.CannotJudge, "no threshold: no value"), (lumbar.Call, lumbar.ThresholdSource));
        Assert.Equal("cannot judge: no repetition has this outcome in the test sets (lumbar range needs a sacrum IMU as well as the lumbar one)", lumbar.Reading);
        Assert.Null(lumbar.Change);

        // Onset lag: 10 and -30 vs 20 and 40 ms (D's second rep has none): change 40, pooled SD sqrt((800 + 200) / 2).
        AuditOutcome lag = audit.Outcomes[4];
        Assert.Equal((-10.0, 30.0, 40.0), (lag.Test.Mean!.Value, lag.Retest.Mean!.Value, lag.Change!.Value));
        Assert.Equal(T975With2Df * Math.Sqrt(500), lag.Threshold!.Value, 1e-7);   // MathNet's quantile: 4e-11 relative
        Assert.Equal("unchanged: the change +40.0 ms lies within the threshold +-96.21 (no evidence of a change; a smaller real change can go undetected)", lag.Reading);

        // Tempo: the included reps' mean phase durations (A: first phases of 1.5 and 2.5 s; the excluded 9 s one left out).
        Assert.Equal(new[] { new SetTempo("test", "test 1", 2.0, 1.0, 2.0), new SetTempo("test", "b.csv", 2.0, 1.0, 1.5),
            new SetTempo("retest", "re-test 1", 2.0, 1.0, 1.5), new SetTempo("retest", "d.csv", 2.0, 1.0, 1.5) }, audit.Tempo);
        // Onset order: test reps with an order 3 (GMax first in 2), re-test 2 (both GMax first).
        Assert.Equal(new OnsetOrderCounts(3, 2, 2, 2), audit.OnsetOrder);
        Assert.Null(audit.Treat);

        Assert.Equal("Gluteus maximus activation in the bridge was higher after the control block than before it: 11.0 to 21.0 %MVC (change +10.0, "
            + "+91 %; 2 test and 2 re-test set(s); threshold +-6.1). In a control session this change estimates what warm-up, practice and drift do "
            + "without the pull-throughs. Pain went from 3 to 2 of 10.", audit.Verdict);
        Assert.Equal(new[]
        {
            $"Control session: a change here comes from {Audit.Alternatives}; compare it with the treat session's change.",
            $"What would separate them: {Audit.ControlDesign}.",
            "Sets are the unit: each set's value is the mean over its repetitions, and repetitions are not independent samples, so rep-level p-values "
                + "and effect sizes are not used for the calls (rep spread is shown for description).",
            "Single person: the result describes this patient on this day and says nothing about other patients.",
            "Threshold: no reliability file, so thresholds come from this patient's own between-set spread where there are two or more sets per "
                + "condition (imprecise).",
            "Normalisation: " + Mvc.CedeDescription + ".",
            "Cannot judge: lumbar_range_deg (reasons in the table).",
            "Signal check failed before re-test 1: gmax_l flat. Treat this set's amplitudes with caution.",
            "Set-up not recorded (load_kg, knee_angle_deg, body_mass_kg, cue in meta.json): the audit cannot check that the test and re-test "
                + "bridges were done the same way.",
            // Concentric: test (1.5 + 2.5 + 1.5) / 3 = 1.83 s over A's and B's included reps, re-test 1.50 s: 0.33 s apart.
            "Tempo differed between test and re-test (mean phase durations): concentric 1.83 s in the test sets, 1.50 s in the re-test sets (more "
                + "than 0.3 s, twice the analysis's boundary error). Amplitude depends on how fast and how long the muscle works, so a change can "
                + "come from the tempo rather than the block; keep the tempo the same (a metronome) or compare repetitions of similar duration.",
            "1 bridge repetition(s) excluded (partial or data gap); see the tables.",
            "Warning: MVC lower than the exercise's peaks",
        }, audit.Caveats);
    }

    [Fact]
    public void TheTreatDesignSaysItCannotAttributeTheChange_AndALowerGmaxIsCalledLower()
    {
        AnalysisResult treat = Set(Enumerable.Range(1, 4).Select(i => Rep(i, 30 + i % 2, 10, first: PhaseKind.Eccentric)), exercise: Exercise.PullThrough);
        AuditResult audit = Audit.Run(new AuditInput(new[] { C, D }, new[] { A, B }) { Treat = new[] { (treat, (RecordingData?)null) } });
        Assert.Equal(AuditDesign.Treat, audit.Design);
        Assert.Equal(4, audit.Treat!.Reps);
        Assert.Equal(AuditCall.Worsened, audit.Outcomes[0].Call);
        Assert.Equal("Gluteus maximus activation in the bridge was lower after the pull-through block than before it: 21.0 to 11.0 %MVC (change -10.0, "
            + "-48 %; 2 test and 2 re-test set(s); threshold +-6.1). This Test / Treat / Re-test design cannot attribute the change to the pull-throughs.",
            audit.Verdict);
        Assert.Equal($"Not causal: without a control session a change from test to re-test can come from {Audit.Alternatives}.", audit.Caveats[0]);
    }

    [Fact]
    public void OneSetPerConditionCannotBeJudged_UnlessAReliabilityStudyGivesTheThreshold()
    {
        AuditResult single = Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control });
        const string Why = "1 test set(s) and 1 re-test set(s) and no reliability file for gmax_mean in %MVC: nothing separates a real change from "
            + "set-to-set measurement error (record two sets per condition, or give --reliability)";
        AuditOutcome g = single.Outcomes[0];
        Assert.Equal((AuditCall.CannotJudge, "no threshold: " + Why, "cannot judge: " + Why), (g.Call, g.ThresholdSource, g.Reading));
        Assert.Equal(10.0, g.Change!.Value);
        Assert.Equal("No judgement on gluteus maximus activation: " + Why + ".", single.Verdict);
        Assert.Contains("for onset_lag_ms in not applicable:", single.Outcomes[4].Reading);

        // SEM 1.5 %MVC: threshold 1.96 x 1.5 x sqrt(1 + 1); the change of 10 exceeds it.
        var file = new ReliabilityFile(ReliabilityFile.FormatV1, "fixture", ReliabilityFile.DesignText, 10,
            new[] { new ReliabilityEstimate("gmax_mean", "%MVC", "%MVC", 10, 0.8, new[] { 0.5, 0.9 }, 1.5, 4.16, 20) }, Array.Empty<RefusedOutcome>());
        AuditResult withFile = Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control, Reliability = file });
        AuditOutcome f = withFile.Outcomes[0];
        Assert.Equal(1.96 * 1.5 * Math.Sqrt(2), f.Threshold!.Value, 1e-12);
        Assert.Equal("reliability study fixture: SEM 1.5 %MVC from 10 subjects' repeated sets without intervention (ICC(A,1) 0.80, 95 % CI 0.50 to "
            + "0.90); threshold 1.96 x SEM x sqrt(1/1 + 1/1)", f.ThresholdSource);
        Assert.Equal(AuditCall.Improved, f.Call);
        Assert.Equal("fixture", withFile.Reliability);
        Assert.Contains("Threshold: from the reliability study fixture.", withFile.Caveats);
        // ES has no estimate in the file and one set per condition: cannot judge.
        Assert.Equal(AuditCall.CannotJudge, withFile.Outcomes[1].Call);
    }

    [Fact]
    public void AReliabilityEstimateIsUsedOnlyForTheSameOutcomeAndNormalisation()
    {
        // A %RVC estimate for gmax_mean and a %MVC one for es_mean: a %MVC audit of one set each takes neither for GMax.
        var file = new ReliabilityFile(ReliabilityFile.FormatV1, "fixture", ReliabilityFile.DesignText, 10, new[]
        {
            new ReliabilityEstimate("gmax_mean", "%RVC", "%RVC", 10, 0.8, new[] { 0.5, 0.9 }, 1.5, 4.16, 20),
            new ReliabilityEstimate("es_mean", "%MVC", "%MVC", 10, 0.8, new[] { 0.5, 0.9 }, 0.5, 1.39, 5),
            new ReliabilityEstimate("onset_lag_ms", "ms", SetOutcomes.PhysicalKey, 10, 0.6, new[] { 0.2, 0.8 }, 10, 27.7, 0),
        }, Array.Empty<RefusedOutcome>());
        AuditResult audit = Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control, Reliability = file });
        Assert.Equal(AuditCall.CannotJudge, audit.Outcomes[0].Call);
        Assert.Contains("no reliability file for gmax_mean in %MVC", audit.Outcomes[0].ThresholdSource);
        // es_mean 5 -> 8 %MVC against 1.96 x 0.5 x sqrt(2) = 1.386: worsened (lower is better).
        Assert.Equal((1.96 * 0.5 * Math.Sqrt(2), AuditCall.Worsened), (audit.Outcomes[1].Threshold!.Value, audit.Outcomes[1].Call));
        // The onset lag is in ms whatever the amplitudes' normalisation: the physical estimate applies to a uV audit too.
        AuditResult uv = Audit.Run(new AuditInput(new[] { Set(A.Reps, Normalisation.None, source: "a") }, new[] { Set(C.Reps, Normalisation.None, source: "c") })
        {
            Design = AuditDesign.Control, Reliability = file,
        });
        Assert.Equal(1.96 * 10 * Math.Sqrt(2), uv.Outcomes[4].Threshold!.Value, 1e-12);
        Assert.Equal(AuditCall.CannotJudge, uv.Outcomes[1].Call);   // the %MVC es estimate does not apply to microvolts
    }

    [Fact]
    public void MicrovoltAmplitudesAfterReappliedElectrodesCannotBeJudged_ButAnglesAndTimesCan()
    {
        AnalysisResult Uv(AnalysisResult s, bool reapplied) =>
            Set(s.Reps, Normalisation.None, source: s.Source, protocol: new SetProtocol { ElectrodesReapplied = reapplied });
        // Only a later set's re-application counts: the first set's electrodes were applied for it anyway.
        AuditResult firstOnly = Audit.Run(new AuditInput(new[] { Uv(A, true), Uv(B, false) }, new[] { Uv(C, false), Uv(D, false) }) { Design = AuditDesign.Control });
        Assert.Equal(AuditCall.Improved, firstOnly.Outcomes[0].Call);
        Assert.Equal("uV", firstOnly.Outcomes[0].Units);

        AuditResult later = Audit.Run(new AuditInput(new[] { Uv(A, false), Uv(B, false) }, new[] { Uv(C, true), Uv(D, false) }) { Design = AuditDesign.Control });
        const string Why = "amplitudes are in microvolts and the electrodes were re-applied between sets, so a change mixes the new contact with the muscle";
        Assert.Equal((AuditCall.CannotJudge, "no threshold: " + Why, "cannot judge: " + Why), (later.Outcomes[0].Call, later.Outcomes[0].ThresholdSource, later.Outcomes[0].Reading));
        Assert.Equal(AuditCall.CannotJudge, later.Outcomes[1].Call);
        Assert.Equal(AuditCall.Unchanged, later.Outcomes[4].Call);   // the onset lag is in ms
        // The log ratio in uV is refused for its own reason first, re-applied electrodes or not.
        Assert.All(new[] { firstOnly.Outcomes[2], later.Outcomes[2] }, o => Assert.StartsWith("cannot judge: amplitudes are not normalised", o.Reading));
    }

    [Fact]
    public void PainIsOnTheZeroToTenScale_AndAMarkedRoleMustMatch()
    {
        AuditResult edges = Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control, PainBefore = 0, PainAfter = 10 });
        Assert.EndsWith(" Pain went from 0 to 10 of 10.", edges.Verdict);
        Assert.DoesNotContain("Pain", Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control, PainBefore = 3 }).Verdict);
        var e = Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control, PainAfter = -1 }));
        Assert.Equal("pain must be on the 0-10 numeric rating scale, got -1", e.Message);
        Assert.Equal("the audit needs at least one test set and one re-test set",
            Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(Array.Empty<AnalysisResult>(), new[] { C }) { Design = AuditDesign.Control })).Message);
        Assert.Equal("the treat design needs the treat block's recording(s) (--treat)",
            Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { C }))).Message);
        AnalysisResult pull = Set(A.Reps, exercise: Exercise.PullThrough, source: "p.csv");
        Assert.Equal("p.csv: test and re-test sets must be bridges, this is a pull-through",
            Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { pull }) { Design = AuditDesign.Control })).Message);
        AnalysisResult other = Set(C.Reps, subject: "p-2", source: "o.csv");
        Assert.Equal("o.csv: subject p-2, but the first test set is subject p-1; one audit is one person",
            Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { other }) { Design = AuditDesign.Control })).Message);
        AnalysisResult marked = Set(C.Reps, source: "m.csv", protocol: new SetProtocol { Condition = SetCondition.Test });
        Assert.Equal("m.csv: meta.json marks this set as test, but it was given as retest",
            Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { marked }) { Design = AuditDesign.Control })).Message);
        // A control block's set marked "control" is accepted as such.
        AnalysisResult control = Set(C.Reps, source: "k.csv", protocol: new SetProtocol { Condition = SetCondition.Control });
        Assert.Equal(AuditDesign.Control, Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control, Treat = new[] { (control, (RecordingData?)null) } }).Design);
    }

    [Fact]
    public void MeasuredTempoIsTheIncludedRepsMeanPhaseDurations()
    {
        Assert.Equal(new PhaseDurations(2.0, 1.0, 2.0), Audit.MeasuredTempo(A));
        Assert.Equal(new PhaseDurations(null, null, null), Audit.MeasuredTempo(Set(Array.Empty<RepResult>())));
    }
    [Fact]
    public void EdgesOfTheCallsAndCaveats()
    {
        // Re-test sets without onsets: the lag cannot be judged for want of re-test values (no lumbar remark there).
        AnalysisResult c2 = Set(new[] { Rep(1, 20, 5, lumbarDeg: 4) }, source: "c2.csv"), d2 = Set(new[] { Rep(1, 22, 5, lumbarDeg: 6), Rep(2, 22, 5, excluded: true) }, source: "d2.csv");
        AnalysisResult a2 = Set(new[] { Rep(1, 10, 5, lagMs: 10, lumbarDeg: 5), Rep(2, 10, 5, excluded: true) }, source: "a2.csv");
        AnalysisResult b2 = Set(new[] { Rep(1, 12, 5, lagMs: 30, lumbarDeg: 7) }, source: "b2.csv");
        AuditResult audit = Audit.Run(new AuditInput(new[] { a2, b2 }, new[] { c2, d2 }) { Design = AuditDesign.Control });
        Assert.Equal("cannot judge: no repetition has this outcome in the re-test sets", audit.Outcomes[4].Reading);
        // ES 5, 5 vs 5, 5: no change and no spread: a change of 0 lies within a threshold of 0.
        Assert.Equal((0.0, 0.0, AuditCall.Unchanged), (audit.Outcomes[1].Change!.Value, audit.Outcomes[1].Threshold!.Value, audit.Outcomes[1].Call));
        Assert.Equal(AuditCall.Unchanged, audit.Outcomes[3].Call);   // lumbar 5, 7 vs 4, 6
        Assert.Contains("Cannot judge: onset_lag_ms (reasons in the table).", audit.Caveats);
        Assert.Contains("2 bridge repetition(s) excluded (partial or data gap); see the tables.", audit.Caveats);   // one in a2, one in d2

        // Nothing to judge missing and nothing excluded: neither caveat.
        AuditResult clean = Audit.Run(new AuditInput(new[] { Set(new[] { Rep(1, 10, 5, lagMs: 10, lumbarDeg: 5) }), Set(new[] { Rep(1, 12, 5, lagMs: 30, lumbarDeg: 7) }) },
            new[] { Set(new[] { Rep(1, 20, 5, lagMs: 20, lumbarDeg: 4) }), Set(new[] { Rep(1, 22, 5, lagMs: 40, lumbarDeg: 6) }) }) { Design = AuditDesign.Control });
        Assert.DoesNotContain(clean.Caveats, c => c.StartsWith("Cannot judge", StringComparison.Ordinal) || c.Contains("excluded", StringComparison.Ordinal));
        // Two outcomes without values: both named.
        Assert.Contains("Cannot judge: lumbar_range_deg, onset_lag_ms (reasons in the table).", Audit.Run(new AuditInput(new[] { A, B }, new[] { Set(new[] { Rep(1, 20, 5) }), Set(new[] { Rep(1, 22, 5) }) }) { Design = AuditDesign.Control }).Caveats);

        // One test set and two re-test sets, no file: cannot judge. One rep in a condition: no rep SD.
        AuditResult oneTwo = Audit.Run(new AuditInput(new[] { A }, new[] { C, D }) { Design = AuditDesign.Control });
        Assert.Equal(AuditCall.CannotJudge, oneTwo.Outcomes[0].Call);
        Assert.Null(Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Design = AuditDesign.Control }).Outcomes[0].RetestReps.Sd);
        // Two and three sets: t(0.975, 3 df) x pooled SD x sqrt(1/2 + 1/3); scipy: stats.t.ppf(0.975, 3) = 3.182446305284263.
        // GMax sets 10, 12 and 20, 22, 21: pooled variance (2 + 2) / 3.
        AuditResult twoThree = Audit.Run(new AuditInput(new[] { A, B }, new[] { C, D, Set(new[] { Rep(1, 21, 8) }) }) { Design = AuditDesign.Control });
        Assert.Equal(3.182446305284263 * Math.Sqrt(4 / 3.0) * Math.Sqrt(1 / 2.0 + 1 / 3.0), twoThree.Outcomes[0].Threshold!.Value, 1e-7);

        // The treat block's sets are checked too (one person), and one marked "treat" is accepted as such.
        AnalysisResult treat = Set(Enumerable.Range(1, 4).Select(i => Rep(i, 30 + i % 2, 10)), exercise: Exercise.PullThrough,
            protocol: new SetProtocol { Condition = SetCondition.Treat, SignalCheck = new SignalCheckMeta(false, "es_r off") }, source: "t.csv");
        AuditResult treated = Audit.Run(new AuditInput(new[] { A, B }, new[] { C, D }) { Treat = new[] { (treat, (RecordingData?)null) } });
        Assert.Contains("Signal check failed before t.csv: es_r off. Treat this set's amplitudes with caution.", treated.Caveats);
        AnalysisResult someoneElse = Set(treat.Reps, subject: "p-9", exercise: Exercise.PullThrough, source: "x.csv");
        Assert.Contains("one audit is one person", Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { C }) { Treat = new[] { (someoneElse, (RecordingData?)null) } })).Message);
        AnalysisResult uv = Set(C.Reps, Normalisation.None, source: "uv.csv");
        Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { A }, new[] { uv }) { Design = AuditDesign.Control }));
    }
}
