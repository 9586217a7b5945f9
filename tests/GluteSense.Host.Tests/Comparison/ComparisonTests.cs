using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Comparison;

public class ComparisonTests
{
    private static readonly Normalisation Mvc = MakeMvc();

    private static Normalisation MakeMvc()
    {
        SimulatedRecording mvc = Simulator.Run(new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1, Seed = 11 });
        (IReadOnlyList<ChannelSignals> channels, _) = EmgSignals.From(SimulationExport.ToRecording(mvc, RecordingMode.Raw), new());
        return Normalisation.FromReferenceTrial(channels, NormalisationMethod.Mvc, "mvc");
    }

    private static AnalysisResult Analyze(SimulationSettings s, Normalisation? n = null) =>
        RecordingAnalyzer.Analyze(SimulationExport.ToRecording(Simulator.Run(s), RecordingMode.Both), n ?? Mvc);

    [Fact]
    public void PullThroughWithTheEffect_RecruitsGmaxMoreInTheFirstPhase_ThanTheBridge()
    {
        AnalysisResult bridge = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 8, Seed = 21 });
        AnalysisResult pull = Analyze(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 8, Seed = 22, EccentricEffect = 1.0 });
        ComparisonResult c = ExerciseComparison.Compare(bridge, pull);
        // Truth: first phase GMax 0.35 (bridge concentric) vs 0.20 x 2 = 0.40 (pull-through eccentric), so B > A.
        Assert.True(c.Verdict.Significant, c.Verdict.Sentence);
        Assert.True(c.Verdict.Difference < 0);
        Assert.Contains("higher in the pull-through", c.Verdict.Sentence);
        Assert.Equal(6 * 4, c.Comparisons.Count);   // (gmax, es, 4 channels) x (first, eccentric, concentric, hold)
        ComparisonRow first = c.Comparisons.Single(r => r.Muscle == "gmax" && r.Phase == PhaseSelector.First);
        Assert.Equal(8, first.A.N);
        Assert.True(first.PHolm >= first.WelchP);
        Assert.InRange(first.A.Mean!.Value - first.B.Mean!.Value, first.DiffCi95![0], first.DiffCi95[1]);
    }

    [Fact]
    public void SameExerciseTwice_GivesNoVerdict_AndDifferentNormalisationsAreRefused()
    {
        AnalysisResult a = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 8, Seed = 31 });
        AnalysisResult b = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 8, Seed = 32 });
        ComparisonResult c = ExerciseComparison.Compare(a, b);
        Assert.False(c.Verdict.Significant, c.Verdict.Sentence);
        Assert.StartsWith("No reliable difference", c.Verdict.Sentence);
        AnalysisResult uv = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 3, Seed = 33 }, Normalisation.None);
        Assert.Throws<ArgumentException>(() => ExerciseComparison.Compare(a, uv));
        Assert.Throws<ArgumentException>(() => Vocabulary.Parse<Metric>("median"));
    }

    private static AnalysisResult Bridge(int seed, double gmaxScale, MovementPattern pattern = MovementPattern.LumbarDominant) =>
        Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Pattern = pattern, Reps = 8, Seed = seed, GmaxScale = gmaxScale });

    [Fact]
    public void Audit_CallsFromSets_NeverFromReps()
    {
        AnalysisResult treat = Analyze(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 10, Seed = 42 });
        var test = new[] { Bridge(41, 1.0), Bridge(45, 1.05) };
        var better = new[] { Bridge(43, 1.6), Bridge(46, 1.55) };
        AuditResult audit = Audit.Run(new AuditInput(test, better) { Treat = new[] { (treat, (GluteSense.Host.Recording.RecordingData?)null) }, PainBefore = 6, PainAfter = 4 });
        AuditOutcome gmax = audit.Outcomes[0];
        Assert.Equal("gmax_mean", gmax.Name);
        Assert.Equal(2, gmax.Test.Sets.Length);
        Assert.Equal(gmax.Test.Sets.Average(), gmax.Test.Mean!.Value, 9);
        Assert.Equal(gmax.Retest.Mean!.Value - gmax.Test.Mean.Value, gmax.Change!.Value, 9);
        Assert.Equal(AuditCall.Improved, gmax.Call);
        Assert.StartsWith("this patient's own set-to-set spread", gmax.ThresholdSource);
        Assert.Contains("cannot attribute the change to the pull-throughs", audit.Verdict);
        Assert.Contains("Pain went from 6 to 4", audit.Verdict);
        Assert.Contains(audit.Caveats, c => c.StartsWith("Not causal", StringComparison.Ordinal) && c.Contains("regression to the mean"));
        Assert.Contains(audit.Caveats, c => c.Contains("control session"));
        Assert.Equal(10, audit.Treat!.Reps);

        // One set per condition and no reliability file: cannot judge, however large the rep-level difference.
        AuditResult single = Audit.Run(new AuditInput(test.Take(1).ToList(), better.Take(1).ToList()) { Design = AuditDesign.Control });
        Assert.All(single.Outcomes.Where(o => o.Name != "lumbar_range_deg"), o => Assert.Equal(AuditCall.CannotJudge, o.Call));
        Assert.StartsWith("No judgement on gluteus maximus activation", single.Verdict);

        // With a reliability file: 1.96 x SEM x sqrt(1/k_test + 1/k_retest).
        var file = new ReliabilityFile(ReliabilityFile.FormatV1, "fixture", ReliabilityFile.DesignText, 10,
            new[] { new ReliabilityEstimate("gmax_mean", "%MVC", "%MVC", 10, 0.8, new[] { 0.5, 0.9 }, 1.5, GluteSense.Host.Statistics.Reliability.Mdc95(1.5), 20) },
            Array.Empty<RefusedOutcome>());
        AuditResult withFile = Audit.Run(new AuditInput(test, better) { Design = AuditDesign.Control, Reliability = file });
        Assert.Equal(1.96 * 1.5 * Math.Sqrt(0.5 + 0.5), withFile.Outcomes[0].Threshold!.Value, 9);
        Assert.StartsWith("reliability study fixture", withFile.Outcomes[0].ThresholdSource);
        AuditResult singleWithFile = Audit.Run(new AuditInput(test.Take(1).ToList(), better.Take(1).ToList()) { Design = AuditDesign.Control, Reliability = file });
        Assert.Equal(GluteSense.Host.Statistics.Reliability.Mdc95(1.5), singleWithFile.Outcomes[0].Threshold!.Value, 9);

        // The same person twice without change: no improved/worsened call on GMax.
        AuditResult same = Audit.Run(new AuditInput(test, new[] { Bridge(47, 1.02), Bridge(48, 0.98) }) { Design = AuditDesign.Control, Reliability = file });
        Assert.Equal(AuditCall.Unchanged, same.Outcomes[0].Call);
        Assert.Contains("This does not show that it stayed the same", same.Verdict);
    }

    [Fact]
    public void Audit_RefusesMixedSubjectsRolesAndUnnormalisedRatios()
    {
        AnalysisResult a = Bridge(51, 1.0), b = Bridge(52, 1.0);
        Assert.Contains("bridges", Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { Analyze(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 3, Seed = 53 }) }, new[] { b }) { Design = AuditDesign.Control })).Message);
        AnalysisResult other = a with { Subject = "someone-else" };
        Assert.Contains("one audit is one person", Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { a }, new[] { other }) { Design = AuditDesign.Control })).Message);
        AnalysisResult marked = b with { Meta = b.Meta with { Protocol = new GluteSense.Host.Recording.SetProtocol { Condition = GluteSense.Host.Recording.SetCondition.Test } } };
        Assert.Contains("marks this set as test", Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { a }, new[] { marked }) { Design = AuditDesign.Control })).Message);
        Assert.Contains("treat block", Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { a }, new[] { b }))).Message);
        Assert.Throws<ArgumentException>(() => Audit.Run(new AuditInput(new[] { a }, new[] { b }) { Design = AuditDesign.Control, PainBefore = 11 }));

        AnalysisResult Uv(int seed) => Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 6, Seed = seed }, Normalisation.None);
        AuditResult uv = Audit.Run(new AuditInput(new[] { Uv(54), Uv(55) }, new[] { Uv(56), Uv(57) }) { Design = AuditDesign.Control });
        AuditOutcome ratio = uv.Outcomes.Single(o => o.Name == "gmax_es_log_ratio");
        Assert.Equal(AuditCall.CannotJudge, ratio.Call);
        Assert.Contains("not normalised", ratio.Reading);
        Assert.Contains(uv.Caveats, c => c.Contains("cross-muscle-not-normalised"));
    }
}
