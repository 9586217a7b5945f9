using System;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using static GluteSense.Host.Tests.Comparison.SyntheticResults;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// compare on hand-made repetitions (SyntheticResults): which values each row takes (phase, channel or group, metric,
/// excluded repetitions), the Holm correction over the tested rows, the rows that cannot be tested, and the verdict's
/// wording. Welch p of 1, 2, 3, 4 vs 2, 4, 6, 8, 10 from scipy 1.10.1 (see ComparisonNumbersTests): 0.06913359319239236.
/// </summary>
public class VerdictComparisonNumbersTests
{
    private const double WelchP = 0.06913359319239236;

    // A: bridge reps at GMax 1, 2, 3, 4 (plus an excluded one at 100), ES 2 each; B: pull-through reps at 2, 4, ..., 10, ES 3.
    private static AnalysisResult Bridge(params double[] gmax) =>
        Set(gmax.Select((g, i) => Rep(i + 1, g, 2, lagMs: 10 * (i + 1))).Append(Rep(9, 100, 100, excluded: true)));

    private static AnalysisResult PullThrough(params double[] gmax) =>
        Set(gmax.Select((g, i) => Rep(i + 1, g, 3, lagMs: 5, first: PhaseKind.Eccentric)), exercise: Exercise.PullThrough);

    [Fact]
    public void RowsTakeEachIncludedRepsValue_AndHolmRunsOverTheTestedRowsOnly()
    {
        ComparisonResult c = ExerciseComparison.Compare(Bridge(1, 2, 3, 4), PullThrough(2, 4, 6, 8, 10));
        Assert.Equal(("bridge (concentric first)", "pull-through (eccentric first)", "%MVC", Mvc.CedeDescription), (c.LabelA, c.LabelB, c.Units, c.Normalisation));
        // (gmax, es, gmax_l, gmax_r, es_l, es_r) x (first, eccentric, concentric, hold), groups first.
        Assert.Equal(24, c.Comparisons.Count);
        Assert.Equal(new[] { "gmax", "es", "gmax_l", "gmax_r", "es_l", "es_r" }, c.Comparisons.Select(r => r.Muscle).Distinct());
        Assert.Equal(new[] { PhaseSelector.First, PhaseSelector.Eccentric, PhaseSelector.Concentric, PhaseSelector.Hold }, c.Comparisons.Take(4).Select(r => r.Phase));
        foreach (ComparisonRow row in c.Comparisons.Where(r => r.Muscle.StartsWith("gmax", StringComparison.Ordinal)))
        {
            Assert.Equal(new[] { 1.0, 2, 3, 4 }, row.A.Values);   // the excluded rep left out, in every phase
            Assert.Equal(WelchP, row.WelchP!.Value, 1e-6);
            // Holm over the 12 tested rows, all with the same p: 12 p for every one.
            Assert.Equal(12 * WelchP, row.PHolm!.Value, 1e-6);
        }

        // ES is constant on both sides: no t statistic, the reason in the row, and no Holm p.
        ComparisonRow es = c.Comparisons.First(r => r.Muscle == "es");
        Assert.Equal("both samples are constant: the t statistic is undefined", es.Note);
        Assert.Equal((4, 2.0, 0.0), (es.A.N, es.A.Mean!.Value, es.A.Sd!.Value));
        Assert.Null(es.PHolm);
        Assert.Null(es.HedgesG);

        Verdict v = c.Verdict;
        Assert.Equal("Is gluteus maximus mean activation in the first phase of each repetition different between bridge (concentric first) and "
            + "pull-through (eccentric first)?", v.Question);
        Assert.Equal(("gmax", PhaseSelector.First, Metric.Mean, false), (v.Muscle, v.Phase, v.Metric, v.Significant));
        Assert.Equal(-3.5, v.Difference!.Value, 1e-12);
        Assert.Equal(-1.2270387698280683, v.HedgesG!.Value, 1e-9);
        Assert.StartsWith("No reliable difference in gluteus maximus activation in the first phase between the bridge (concentric first) and the "
            + "pull-through (eccentric first) (difference bridge (concentric first) minus pull-through (eccentric first) -3.5 %MVC, 95 % CI ", v.Sentence);
        Assert.EndsWith("; Hedges g -1.23; Holm-adjusted p 0.8296; n = 4 and 5 repetitions). One subject's repetitions: this describes this person on "
            + "this day, not a population, and does not show cause.", v.Sentence);
        Assert.Equal(v.Ci95, c.Comparisons[0].DiffCi95);
    }

    [Fact]
    public void ASignificantDifferenceNamesTheHigherExercise_WhicheverSideItIsOn()
    {
        AnalysisResult low = Bridge(1, 1.1, 0.9, 1.0), high = PullThrough(5, 5.1, 4.9, 5.0);
        Verdict ab = ExerciseComparison.Compare(low, high).Verdict, ba = ExerciseComparison.Compare(high, low).Verdict;
        Assert.True(ab.Significant && ba.Significant);
        Assert.Equal((-4.0, 4.0), (Math.Round(ab.Difference!.Value, 9), Math.Round(ba.Difference!.Value, 9)));
        Assert.StartsWith("Gluteus maximus activation in the first phase was higher in the pull-through (eccentric first) than in the bridge "
            + "(concentric first) (difference bridge (concentric first) minus pull-through (eccentric first) -4.0 %MVC", ab.Sentence);
        Assert.StartsWith("Gluteus maximus activation in the first phase was higher in the pull-through (eccentric first) than in the bridge "
            + "(concentric first) (difference pull-through (eccentric first) minus bridge (concentric first) 4.0 %MVC", ba.Sentence);
    }

    [Fact]
    public void TooFewRepsGiveNoVerdict_AndAnExerciseWithoutRepsIsLabelledByItsName()
    {
        Verdict v = ExerciseComparison.Compare(Bridge(3), PullThrough(2, 4, 6, 8, 10)).Verdict;
        Assert.False(v.Significant);
        Assert.Null(v.Difference);
        Assert.Null(v.PHolm);
        Assert.Equal("No verdict: fewer than 2 repetitions on a side (A n = 1, B n = 5).", v.Sentence);
        Assert.Equal("bridge", ExerciseComparison.Label(Set(Array.Empty<RepResult>())));
        ComparisonRow empty = ExerciseComparison.Row("gmax", PhaseSelector.First, Metric.Mean, Array.Empty<double>(), new[] { 1.0, 2 });
        Assert.Equal((0, (double?)null, (double?)null), (empty.A.N, empty.A.Mean, empty.A.Sd));
        Assert.Equal((2, 1.5), (empty.B.N, empty.B.Mean!.Value));
    }

    [Fact]
    public void PeaksOnsetsAndPhasesPickTheirOwnValues()
    {
        AnalysisResult a = Bridge(1, 2, 3, 4), b = PullThrough(2, 4, 6, 8, 10);
        // Peaks are twice the means here.
        ComparisonRow peak = ExerciseComparison.Compare(a, b, Metric.Peak).Comparisons[0];
        Assert.Equal(new[] { 2.0, 4, 6, 8 }, peak.A.Values);
        Assert.Equal(Metric.Peak, peak.Metric);

        // Onsets: one row per muscle for the whole repetition, relative to its start; a group takes its earlier side.
        ComparisonResult onsets = ExerciseComparison.Compare(a, b, Metric.Onset);
        Assert.Equal(6, onsets.Comparisons.Count);
        Assert.All(onsets.Comparisons, r => Assert.Equal(PhaseSelector.Repetition, r.Phase));
        Assert.Equal(new[] { -0.1, -0.1, -0.1, -0.1 }, onsets.Comparisons.Single(r => r.Muscle == "gmax").A.Values.Select(x => Math.Round(x, 9)));
        Assert.Equal(new[] { -0.05, -0.05, -0.05, -0.05 }, onsets.Comparisons.Single(r => r.Muscle == "gmax_r").A.Values.Select(x => Math.Round(x, 9)));
        Assert.Equal(new[] { -0.09, -0.08, -0.07, -0.06 }, onsets.Comparisons.Single(r => r.Muscle == "es").A.Values.Select(x => Math.Round(x, 9)));
        Assert.StartsWith("Is gluteus maximus onset activation", onsets.Verdict.Question);

        // A phase a rep does not have is skipped; the whole repetition ("rep") holds no amplitude.
        AnalysisResult noHold = Set(new[] { Rep(1, 1, 2) with { Phases = Rep(1, 1, 2).Phases.Take(1).ToList() }, Rep(2, 5, 2) });
        Assert.Equal(new[] { 5.0 }, RepValues.Of(noHold, MuscleGroup.Gmax, PhaseSelector.Hold, Metric.Mean));
        Assert.Equal(new[] { 1.0, 5.0 }, RepValues.Of(noHold, MuscleGroup.Gmax, PhaseSelector.Concentric, Metric.Mean));
        Assert.Equal(new[] { 5.0 }, RepValues.OfChannel(noHold, "gmax_l", PhaseSelector.Eccentric, Metric.Mean));
        Assert.Empty(RepValues.OfChannel(noHold, "no_such_channel", PhaseSelector.First, Metric.Mean));
        Assert.Equal(new[] { "es_l", "es_r" }, RepValues.Channels(noHold, MuscleGroup.Es));
        var e = Assert.Throws<ArgumentException>(() => RepValues.Of(noHold, MuscleGroup.Gmax, PhaseSelector.Repetition, Metric.Mean));
        Assert.Equal("phase 'rep' has no mean (only onsets are per repetition)", e.Message);
    }
    [Fact]
    public void EdgesOfRowsAndRepValues()
    {
        // Two values a side are enough for the statistics; different normalisations are refused.
        Assert.NotNull(ExerciseComparison.Row("gmax", PhaseSelector.First, Metric.Mean, new[] { 1.0, 2 }, new[] { 3.0, 5 }).WelchP);
        Assert.Throws<ArgumentException>(() => ExerciseComparison.Compare(Bridge(1, 2, 3), Set(Bridge(1, 2, 3).Reps, Normalisation.None)));

        // A rep without phases and one with only an eccentric phase are skipped where they have nothing; a group averages
        // its sides (left 2, right 4: 3); a rep without onsets has no onset value.
        RepResult sides = Rep(3, 2, 1, lagMs: 10);
        var muscles = sides.Phases[0].Muscles.ToDictionary(kv => kv.Key, kv => kv.Value);
        muscles["gmax_r"] = muscles["gmax_r"]! with { Mean = 4 };
        sides = sides with { Phases = new[] { sides.Phases[0] with { Muscles = muscles } } };
        AnalysisResult set = Set(new[]
        {
            Rep(1, 1, 2) with { Phases = Array.Empty<PhaseResult>() },
            Rep(2, 5, 2, first: PhaseKind.Eccentric) with { Phases = Rep(2, 5, 2, first: PhaseKind.Eccentric).Phases.Take(1).ToList() },
            sides,
        });
        Assert.Equal(new[] { 5.0, 3.0 }, RepValues.Of(set, MuscleGroup.Gmax, PhaseSelector.First, Metric.Mean));
        Assert.Equal(new[] { 3.0 }, RepValues.Of(set, MuscleGroup.Gmax, PhaseSelector.Concentric, Metric.Mean));
        Assert.Equal(new[] { -0.1 }, RepValues.Of(set, MuscleGroup.Gmax, PhaseSelector.Repetition, Metric.Onset).Select(x => Math.Round(x, 9)));
    }
}
