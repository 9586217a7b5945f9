using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>Per-rep behaviour of the analysis against the simulator's ground truth (one recording per test).</summary>
public class RecordingAnalyzerTests
{
    private static (AnalysisResult Result, SimulatedRecording Rec) Run(SimulationSettings s, RecordingMode mode = RecordingMode.Raw, Normalisation? n = null)
    {
        SimulatedRecording rec = Simulator.Run(s);
        return (RecordingAnalyzer.Analyze(SimulationExport.ToRecording(rec, mode), n ?? Normalisation.None), rec);
    }

    [Fact]
    public void PartialRepIsReportedAndExcluded_NotCounted()
    {
        var (r, _) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 6, PartialReps = new[] { 2 }, Seed = 4 });
        Assert.Equal(6, r.Reps.Count);
        Assert.Equal(new[] { 3 }, r.Reps.Where(x => x.Partial).Select(x => x.Index));
        RepResult partial = r.Reps[2];
        Assert.True(partial.Excluded);
        Assert.Contains(FormFlag.Partial, partial.Flags);
        Assert.StartsWith("partial repetition", Assert.IsType<PartialRepetition>(partial.ExclusionReasons[0]).Sentence);
        Assert.Equal(5, r.Reps.Count(x => !x.Excluded));
    }

    [Fact]
    public void RepOverlappingALeadOff_IsExcludedWithTheReason_AndTheChannelHasNoMetrics()
    {
        var (r, rec) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 5, Seed = 2, Contamination = new Contamination { LiftOffRep = 2 } });
        GapTruth gap = Assert.Single(rec.Truth.Gaps);
        RepResult hit = r.Reps.Single(x => x.StartS < gap.EndS && x.EndS > gap.StartS);
        Assert.True(hit.Excluded);
        Assert.Contains(FormFlag.DataGap, hit.Flags);
        Assert.Contains(hit.ExclusionReasons, e => e is OverlapsGap && e.Sentence.StartsWith("gap: gmax_l lead-off", StringComparison.Ordinal));
        Assert.All(hit.Phases, p => Assert.Null(p.Muscles["gmax_l"]));
        Assert.All(hit.Phases, p => Assert.NotNull(p.Muscles["gmax_r"]));
        Assert.All(r.Reps.Where(x => x != hit), x => Assert.False(x.Excluded));
    }

    [Fact]
    public void LumbarDominantBridge_IsFlagged_GoodBridgeIsNot()
    {
        var (bad, badRec) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Pattern = MovementPattern.LumbarDominant, Reps = 6, Seed = 5 });
        var (good, _) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 6, Seed = 5 });
        Assert.All(bad.Reps, x => Assert.Contains(FormFlag.LumbarMotion, x.Flags));
        Assert.True(bad.Reps.Count(x => x.Flags.Contains(FormFlag.EsBeforeGmax)) >= 5, "ES leads GMax by 250 ms in this pattern");
        Assert.All(bad.Reps, x => Assert.Equal(badRec.Truth.Reps[x.Index - 1].LumbarRangeDeg, x.LumbarRangeDeg!.Value, 1.5));
        Assert.All(good.Reps, x => Assert.Empty(x.Flags));
        Assert.True(good.Reps.Average(x => x.GmaxEsRatio!.Value) > 2 * bad.Reps.Average(x => x.GmaxEsRatio!.Value));
    }

    [Fact]
    public void HeadVsTrunk_MeasuresCervicalExtension_WhateverTheMounting()
    {
        var (neck, rec) = Run(new SimulationSettings { Exercise = Exercise.PullThrough, Pattern = MovementPattern.NeckHyperextension, Reps = 5, Seed = 6 });
        var (good, _) = Run(new SimulationSettings { Exercise = Exercise.PullThrough, HeadImu = true, Reps = 5, Seed = 6 });
        Assert.All(neck.Reps, x => Assert.Equal(rec.Truth.Reps[x.Index - 1].CervicalExtensionDeg, x.CervicalExtensionDeg!.Value, 2.0));
        Assert.All(neck.Reps, x => Assert.Contains(FormFlag.CervicalHyperextension, x.Flags));
        Assert.All(good.Reps, x => Assert.InRange(x.CervicalExtensionDeg!.Value, 0, 5));
        Assert.All(good.Reps, x => Assert.DoesNotContain(FormFlag.CervicalHyperextension, x.Flags));
    }

    [Fact]
    public void PhasesFollowTheExerciseModel()
    {
        var (bridge, _) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 3 });
        var (pull, _) = Run(new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 3 });
        Assert.All(bridge.Reps, x => Assert.Equal(new[] { PhaseKind.Concentric, PhaseKind.Hold, PhaseKind.Eccentric }, x.Phases.Select(p => p.Kind)));
        Assert.All(pull.Reps, x => Assert.Equal(new[] { PhaseKind.Eccentric, PhaseKind.Hold, PhaseKind.Concentric }, x.Phases.Select(p => p.Kind)));
    }

    [Fact]
    public void BoardEnvelopeAndRawEmg_GiveTheSamePhasesAndAmplitudes()
    {
        var s = new SimulationSettings { Exercise = Exercise.PullThrough, Reps = 4, Seed = 8 };
        var (raw, _) = Run(s, RecordingMode.Raw);
        var (env, _) = Run(s, RecordingMode.Envelope);
        Assert.Equal("emg.csv", raw.Envelope.File);
        Assert.Equal("envelope.csv", env.Envelope.File);
        Assert.Equal(raw.Reps.Count, env.Reps.Count);
        int onsetsApart = 0;
        double toleranceS = new FormThresholds().EnvelopeOnsetOrderToleranceMs / 1000;
        for (int i = 0; i < raw.Reps.Count; i++)
        {
            Assert.Equal(raw.Reps[i].StartS, env.Reps[i].StartS, 6);
            Assert.Equal(raw.Reps[i].GmaxMean!.Value, env.Reps[i].GmaxMean!.Value, raw.Reps[i].GmaxMean!.Value * 0.01);
            if (Math.Abs(raw.Reps[i].OnsetsS["gmax_l"]!.Value - env.Reps[i].OnsetsS["gmax_l"]!.Value) > toleranceS) onsetsApart++;
        }

        // Onsets from the envelope are coarser (100 Hz, 50 ms windows) but find the same activation: within the
        // envelope mode's measured p95 onset error (132 ms), all but one rep; 2-4 % of envelope onsets are more than
        // 150 ms off (docs/analysis.md). Rep 4 of this seed is one: raw 26 ms late, envelope 167 ms early against the
        // simulator's truth, since the boundary localisation of issue 15 moved its baseline window 30 ms.
        Assert.True(onsetsApart <= 1, $"{onsetsApart} of {raw.Reps.Count} reps: envelope and raw GMax onsets over {toleranceS:0.000} s apart");
    }

    [Fact]
    public void MvcNormalisation_MatchesTheSimulatedActivation_AndFlagsASubmaximalMvc()
    {
        SimulatedRecording mvcRec = Simulator.Run(new SimulationSettings { Exercise = Exercise.Mvc, Reps = 2, Seed = 3 });
        (IReadOnlyList<ChannelSignals> channels, _) = EmgSignals.From(SimulationExport.ToRecording(mvcRec, RecordingMode.Raw), new());
        Normalisation mvc = Normalisation.FromReferenceTrial(channels, NormalisationMethod.Mvc, "mvc");
        // The MVC reference is the highest 500 ms RMS of efforts simulated at 100 % = the MVC RMS (within its fluctuation).
        foreach ((string channel, double rms) in Simulator.MvcRmsUv) Assert.InRange(mvc.ReferenceUv[channel], rms * 0.95, rms * 1.2);

        var (r, rec) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 4, Seed = 3 }, n: mvc);
        Assert.Equal("%MVC", r.Units);
        Assert.Empty(r.Warnings);
        // Hold phase of a good bridge: GMax at 30 % MVC (x the side factor within +-10 %).
        foreach (RepResult rep in r.Reps)
        {
            double truth = 100 * rec.Truth.Reps[rep.Index - 1].PhaseActivation["gmax_r"][1];
            Assert.Equal(truth, rep.Phases[1].Muscles["gmax_r"]!.Mean, truth * 0.2);
        }

        var weak = new Normalisation(NormalisationMethod.Mvc, mvc.ReferenceUv.ToDictionary(kv => kv.Key, kv => kv.Value * 0.2), 500, "weak mvc");
        var (flagged, _) = Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 4, Seed = 3 }, n: weak);
        Assert.Contains(flagged.Warnings, w => w.StartsWith("mvc-below-peak: gmax_l", StringComparison.Ordinal));
    }

    [Fact]
    public void MvcAndRestTrialsAreNotExercises()
    {
        RecordingData mvc = SimulationExport.ToRecording(Simulator.Run(new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1 }), RecordingMode.Raw);
        var e = Assert.Throws<ArgumentException>(() => RecordingAnalyzer.Analyze(mvc, Normalisation.None));
        Assert.Contains("--mvc", e.Message);
    }
}
