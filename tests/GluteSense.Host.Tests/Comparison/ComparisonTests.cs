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

    [Fact]
    public void Audit_LumbarDominantTestThenGoodRetest_Improves_AndTheSameBridgeTwiceDoesNot()
    {
        AnalysisResult test = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Pattern = MovementPattern.LumbarDominant, Reps = 8, Seed = 41 });
        AnalysisResult treat = Analyze(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 10, Seed = 42 });
        AnalysisResult good = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 8, Seed = 43 });
        AuditResult audit = Audit.Run(test, treat, good, painBefore: 6, painAfter: 4);
        Assert.All(audit.Outcomes.Take(4), o => Assert.Equal("improved", o.Reading));
        Assert.StartsWith("After the pull-through block, gluteus maximus worked harder", audit.Verdict);
        Assert.Contains("Pain went from 6 to 4", audit.Verdict);
        Assert.Equal(0, audit.OnsetOrder.TestGmaxFirst);
        Assert.Equal(audit.OnsetOrder.RetestReps, audit.OnsetOrder.RetestGmaxFirst);
        Assert.Contains(audit.Caveats, c => c.StartsWith("Single subject", StringComparison.Ordinal));
        Assert.Contains(audit.Caveats, c => c.StartsWith("Not causal", StringComparison.Ordinal));

        AnalysisResult same = Analyze(new SimulationSettings { Exercise = Exercise.Bridge, Pattern = MovementPattern.LumbarDominant, Reps = 8, Seed = 44 });
        AuditResult none = Audit.Run(test, treat, same);
        Assert.Equal("no change beyond measurement noise", none.Outcomes[0].Reading);
        Assert.Contains("did not change beyond measurement noise", none.Verdict);
        Assert.Throws<ArgumentException>(() => Audit.Run(treat, treat, good));
        Assert.Throws<ArgumentException>(() => Audit.Run(test, treat, good, painBefore: 11));
    }
}
