using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Statistics;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Comparison;

/// <summary>What happened during the treat block: GMax over the repetitions and, with raw EMG, the median frequency of
/// a fixed-angle window of each concentric phase; both trends with Newey-West errors.</summary>
public sealed record TreatSummary(int Reps, double[] GmaxByRep, LinearTrend? GmaxTrend, double?[]? MedianFrequencyHzByRep,
    LinearTrend? MedianFrequencyTrend, double[]? FixedAngleWindowDeg, string Reading);

/// <summary>Describes the treat block without overclaiming: a rising amplitude over submaximal repetitions can be
/// fatigue; a slope that is not significant is "no evidence of change", never "no change".</summary>
public static class TreatBlock
{
    /// <summary>Significance level of the trend tests.</summary>
    public const double Alpha = 0.05;

    /// <summary>The fixed-angle window spans this fraction range of the block's typical concentric excursion (middle
    /// half): the same joint angles in every repetition, so muscle length and electrode-muscle geometry do not drift
    /// with the repetition and confound the median frequency.</summary>
    public static readonly double[] WindowFraction = { 0.25, 0.75 };

    /// <summary>Fewest raw EMG samples a window needs for a median frequency.</summary>
    public const int MinWindowSamples = 64;

    /// <summary>Summarises the block. <paramref name="sets"/> are the block's sets in order with their raw data (null when
    /// the recording has envelopes only).</summary>
    public static TreatSummary Summarise(IReadOnlyList<(AnalysisResult Result, RecordingData? Data)> sets)
    {
        double[] gmax = sets.SelectMany(s => s.Result.Reps.Where(r => !r.Excluded).Select(r => r.GmaxMean)).OfType<double>().ToArray();
        LinearTrend? trend = gmax.Length >= 4 ? Trend.OverRepetitionsHac(gmax) : null;
        string units = sets.Count > 0 ? sets[0].Result.Units : "";
        string reading = trend == null
            ? "Too few repetitions in the block for a trend."
            : trend.P < Alpha
                ? Sentence($"GMax amplitude {(trend.Slope > 0 ? "rose" : "fell")} over the {gmax.Length} repetitions ")
                    + Sentence($"({trend.Slope:+0.00;-0.00} {units} per repetition, p {trend.P:0.000}, {trend.Method}). ")
                    + (trend.Slope > 0
                        ? "Over many submaximal repetitions a rising amplitude can indicate fatigue (more motor units recruited to keep "
                            + "the force), not only a stronger drive."
                        : "A falling amplitude can come from a lighter effort, changed technique or electrode drift as well as from the "
                            + "muscle.")
                : Sentence($"No evidence of a change in GMax amplitude over the {gmax.Length} repetitions ")
                    + Sentence($"({trend.Slope:+0.00;-0.00} {units} per repetition, p {trend.P:0.000}, {trend.Method}); ")
                    + "this does not show that it stayed constant.";

        double?[]? mdf = null;
        LinearTrend? mdfTrend = null;
        double[]? window = null;
        if (sets.Count > 0 && sets.All(s => s.Data?.Emg != null))
        {
            (mdf, window) = FixedAngleMedianFrequency(sets);
            double[] valid = mdf.OfType<double>().ToArray();
            mdfTrend = valid.Length >= 4 ? Trend.OverRepetitionsHac(valid) : null;
        }

        if (mdfTrend != null)
        {
            reading += " " + (mdfTrend.P < Alpha && mdfTrend.Slope < 0
                ? Sentence($"The median frequency of a fixed-angle concentric window ({window![0]:0}-{window[1]:0} deg) ")
                    + Sentence($"fell ({mdfTrend.Slope:+0.00;-0.00} Hz per repetition, p {mdfTrend.P:0.000}): consistent with fatigue.")
                : "No evidence of a change in the median frequency of a fixed-angle concentric window "
                    + Sentence($"({window![0]:0}-{window[1]:0} deg; {mdfTrend.Slope:+0.00;-0.00} Hz per repetition, ")
                    + Sentence($"p {mdfTrend.P:0.000}); this does not rule out fatigue."));
        }
        else
        {
            reading += " No median-frequency fatigue index: "
                + (sets.Any(s => s.Data?.Emg == null) ? "the block has no raw EMG."
                    : "too few repetitions with a usable fixed-angle window.");
        }

        return new TreatSummary(gmax.Length, gmax, trend, mdf, mdfTrend, window, reading);
    }

    private static string Sentence(FormattableString s) => NumberText.Sentence(s);

    /// <summary>
    /// Per included repetition, the median frequency (mean over the GMax channels) of the raw EMG while the movement
    /// angle is inside one window fixed for the whole block: <see cref="WindowFraction"/> of the way from the median
    /// start to the median end angle of the concentric phases. Null for a repetition whose window is too short.
    /// </summary>
    public static (double?[] Hz, double[] WindowDeg) FixedAngleMedianFrequency(IReadOnlyList<(AnalysisResult Result, RecordingData? Data)> sets)
    {
        var spans = new List<(AnalysisResult Result, RecordingData Data, RepResult Rep, PhaseResult Phase)>();
        foreach ((AnalysisResult result, RecordingData? data) in sets)
        {
            foreach (RepResult rep in result.Reps.Where(r => !r.Excluded))
            {
                PhaseResult? concentric = rep.Phases.FirstOrDefault(p => p.Kind == PhaseKind.Concentric);
                if (concentric != null) spans.Add((result, data!, rep, concentric));
            }
        }

        double AngleAt(MotionTraces t, double timeS) =>
            t.MovementDeg[Math.Min(t.MovementDeg.Length - 1, EmgSignals.IndexAtOrAfter(t.TimeS, timeS))];
        double start = Statistics.Descriptive.Median(spans.Select(s => AngleAt(s.Result.Traces, s.Phase.StartS)).ToArray());
        double end = Statistics.Descriptive.Median(spans.Select(s => AngleAt(s.Result.Traces, s.Phase.EndS)).ToArray());
        double a = start + WindowFraction[0] * (end - start), b = start + WindowFraction[1] * (end - start);
        double lo = Math.Min(a, b), hi = Math.Max(a, b);
        var hz = new double?[spans.Count];
        for (int i = 0; i < spans.Count; i++)
        {
            (AnalysisResult result, RecordingData data, _, PhaseResult phase) = spans[i];
            MotionTraces t = result.Traces;
            int from = EmgSignals.IndexAtOrAfter(t.TimeS, phase.StartS), to = EmgSignals.IndexAtOrAfter(t.TimeS, phase.EndS);
            int[] inside = Enumerable.Range(from, Math.Max(0, Math.Min(to, t.TimeS.Length) - from))
                .Where(k => t.MovementDeg[k] >= lo && t.MovementDeg[k] <= hi).ToArray();
            if (inside.Length < 2) continue;
            double[] emgTime = data.Emg!.TimeS;
            int e0 = EmgSignals.IndexAtOrAfter(emgTime, t.TimeS[inside[0]]), e1 = EmgSignals.IndexAtOrAfter(emgTime, t.TimeS[inside[^1]]);
            if (e1 - e0 < MinWindowSamples) continue;
            string[] channels = RepValues.Channels(result, MuscleGroup.Gmax);
            hz[i] = channels.Average(c => Trend.MedianFrequencyHz(data.Emg.Column(c)[e0..e1], data.Meta.EmgRateHz));
        }

        return (hz, new[] { lo, hi });
    }
}
