using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using static GluteSense.Host.Tests.Comparison.SyntheticResults;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// The treat block's words (issue 16, Build 4): a significant GMax rise "can indicate fatigue", a fall names other
/// causes, a slope that is not significant is "no evidence of a change" (never "no change" or "no fatigue"); and the
/// median frequency comes from one fixed-angle window of the concentric phase, so a range of motion that grows over the
/// block does not move it. The signal is a chirp whose frequency is set by the joint angle (60 Hz + 2 Hz per degree):
/// over the fixed window of 7.5-22.5 deg its median is 90 Hz in every repetition by construction, while the whole
/// concentric phase of a 20 deg and a 40 deg repetition has medians near 80 and 100 Hz.
/// </summary>
public class TreatBlockTests
{
    private static (AnalysisResult, RecordingData?) Block(IEnumerable<double> gmaxPerRep) =>
        (Set(gmaxPerRep.Select((g, i) => Rep(i + 1, g, 10)), exercise: Exercise.PullThrough, source: "block.csv"), null);

    [Fact]
    public void ASignificantRiseCanIndicateFatigue_AFallNamesOtherCauses()
    {
        // 40 repetitions rising 0.3 %MVC each, with a +-0.5 alternation so the residuals are not zero.
        TreatSummary rise = TreatBlock.Summarise(new[] { Block(Enumerable.Range(1, 40).Select(i => 20 + 0.3 * i + (i % 2 == 0 ? 0.5 : -0.5))) });
        Assert.True(rise.GmaxTrend!.P < TreatBlock.Alpha);
        Assert.StartsWith("GMax amplitude rose over the 40 repetitions (+0.30 %MVC per repetition, p 0.000, OLS slope, Newey-West SE (3 lags)). "
            + "Over many submaximal repetitions a rising amplitude can indicate fatigue", rise.Reading);
        Assert.Contains("No median-frequency fatigue index: the block has no raw EMG.", rise.Reading);

        TreatSummary fall = TreatBlock.Summarise(new[] { Block(Enumerable.Range(1, 40).Select(i => 40 - 0.3 * i + (i % 2 == 0 ? 0.5 : -0.5))) });
        Assert.StartsWith("GMax amplitude fell over the 40 repetitions (-0.30 %MVC per repetition", fall.Reading);
        Assert.Contains("A falling amplitude can come from a lighter effort, changed technique or electrode drift", fall.Reading);
    }

    [Fact]
    public void ASlopeThatIsNotSignificantIsNoEvidenceOfChange_NeverNoChangeOrNoFatigue()
    {
        // 20, 21, 20, 21, ...: a slope of 0.0019 per repetition (numpy polyfit: 1.876e-03) (least squares on x = 1..40), not significant.
        TreatSummary flat = TreatBlock.Summarise(new[] { Block(Enumerable.Range(1, 40).Select(i => i % 2 == 0 ? 21.0 : 20.0)) });
        Assert.True(flat.GmaxTrend!.P > TreatBlock.Alpha, $"p {flat.GmaxTrend.P}");
        Assert.StartsWith("No evidence of a change in GMax amplitude over the 40 repetitions (+0.00 %MVC per repetition, p ", flat.Reading);
        Assert.Contains("this does not show that it stayed constant.", flat.Reading);
        foreach (string overclaim in new[] { "no fatigue", "No fatigue", "no change", "did not change", "stayed the same" })
            Assert.DoesNotContain(overclaim, flat.Reading);
        // The mirror image, 21, 20, 21, 20, ...: a slope of -0.0019, written without a negative zero (was "-+0.00").
        TreatSummary mirrored = TreatBlock.Summarise(new[] { Block(Enumerable.Range(1, 40).Select(i => i % 2 == 0 ? 20.0 : 21.0)) });
        Assert.StartsWith("No evidence of a change in GMax amplitude over the 40 repetitions (+0.00 %MVC per repetition, p ", mirrored.Reading);
        Assert.Equal("Too few repetitions in the block for a trend.", TreatBlock.Summarise(new[] { Block(new[] { 20.0, 21, 22 }) }).Reading.Split(" No median")[0]);
    }

    private const double RawRateHz = 2000, TraceRateHz = 100, BaseHz = 60, HzPerDeg = 2;

    // Eight repetitions (SyntheticResults.Rep: concentric 1.5 s from 10 x index s, hold 1 s, eccentric 2 s) whose
    // concentric range grows from 20 to 41 deg; raw EMG on every channel is a 100 uV chirp at 60 + 2 x angle Hz.
    private static (AnalysisResult Result, RecordingData Data) ChirpBlock()
    {
        const int reps = 8;
        double[] rangeDeg = Enumerable.Range(0, reps).Select(i => 20 + 3.0 * i).ToArray();
        double Angle(double t)
        {
            int i = (int)Math.Floor(t / 10) - 1;
            if (i < 0 || i >= reps) return 0;
            double u = t - 10 * (i + 1), a = rangeDeg[i];
            return u < 0 ? 0 : u < 1.5 ? a * u / 1.5 : u < 2.5 ? a : u < 4.5 ? a * (1 - (u - 2.5) / 2) : 0;
        }

        double durationS = 10 * (reps + 1);
        double[] traceT = Enumerable.Range(0, (int)(durationS * TraceRateHz)).Select(k => k / TraceRateHz).ToArray();
        double[] emgT = Enumerable.Range(0, (int)(durationS * RawRateHz)).Select(k => k / RawRateHz).ToArray();
        var chirp = new double[emgT.Length];
        double phase = 0;
        for (int k = 0; k < emgT.Length; k++)
        {
            phase += 2 * Math.PI * (BaseHz + HzPerDeg * Angle(emgT[k])) / RawRateHz;
            chirp[k] = 100 * Math.Sin(phase);
        }

        AnalysisResult set = Set(Enumerable.Range(1, reps).Select(i => Rep(i, 30, 10)), exercise: Exercise.PullThrough, source: "chirp.csv");
        set = set with { Traces = new MotionTraces(traceT, traceT.Select(Angle).ToArray(), null, null) };
        string[] channels = RecordingMeta.DefaultChannelNames;
        var meta = set.Meta with { EmgRateHz = (int)RawRateHz };
        var data = new RecordingData(meta, new SampleTable(emgT, channels, channels.Select(_ => chirp).ToArray()), null,
            new Dictionary<string, SampleTable>(), null);
        return (set with { Meta = meta }, data);
    }

    [Fact]
    public void TheMedianFrequencyComesFromOneFixedAngleWindow_SoAGrowingRangeDoesNotMoveIt()
    {
        (AnalysisResult set, RecordingData data) = ChirpBlock();
        (double?[] hz, double[] window) = TreatBlock.FixedAngleMedianFrequency(new[] { (set, (RecordingData?)data) });
        // Median start 0 deg and median end (29 + 32) / 2 = 30.5 deg of the concentric phases: window 25-75 % of that.
        Assert.Equal(0.25 * 30.5, window[0], 1e-9);
        Assert.Equal(0.75 * 30.5, window[1], 1e-9);
        // Inside it the chirp spans 60 + 2 x (7.6 to 22.9) Hz evenly in angle: median 60 + 2 x 15.25 = 90.5 Hz in every repetition.
        double expected = BaseHz + HzPerDeg * (window[0] + window[1]) / 2;
        Assert.All(hz, v => Assert.InRange(v!.Value, expected - 3, expected + 3));

        // The whole concentric phase is confounded by the range: its median follows 60 + 2 x range / 2 (80 Hz at 20 deg, 101 at 41).
        double Whole(int rep)
        {
            int from = (int)(10 * rep * RawRateHz), to = (int)((10 * rep + 1.5) * RawRateHz);
            return Trend.MedianFrequencyHz(data.Emg!.Column("gmax_l")[from..to], RawRateHz);
        }

        Assert.InRange(Whole(8) - Whole(1), 15, 27);

        TreatSummary summary = TreatBlock.Summarise(new[] { (set, (RecordingData?)data) });
        Assert.InRange(summary.MedianFrequencyTrend!.Slope, -0.5, 0.5);
        Assert.Equal(window, summary.FixedAngleWindowDeg);
        Assert.Contains("median frequency of a fixed-angle concentric window (8-23 deg", summary.Reading);
    }
}
