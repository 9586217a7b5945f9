using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Analysis.Onsets;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>
/// The per-repetition onset (baseline window, refusals and their notes, the tonic-baseline note), the quietest level
/// and the phase samples on hand-made signals whose answers are worked out in the comments. Times are multiples of
/// 1/100 s or of 0.25 s and every window edge is a binary-exact number, so no answer rests on a rounding.
/// </summary>
public class OnsetFindingPhaseMetricsTests
{
    // Onset settings with localisation off (LocaliseK = K): the onset is where the run above threshold starts.
    private static readonly OnsetSettings Plain = new() { K = 3, MinAboveMs = 50, LocaliseK = 3 };

    /// <summary>
    /// 100 Hz, 4 s: alternating 1 and 3 (mean 2, SD 1, so K = 3 gives a threshold of 5) except a 5-sample burst of 10
    /// at samples 205-209 (2.05-2.09 s) and a long one at 220-279 (2.20-2.79 s). The envelope is the same signal.
    /// </summary>
    private static ChannelSignals Channel(double onsetExtraMs = 0)
    {
        double[] t = Enumerable.Range(0, 400).Select(i => i / 100.0).ToArray();
        double[] f = Enumerable.Range(0, 400).Select(i => i is >= 205 and < 210 or >= 220 and < 280 ? 10.0 : i % 2 == 0 ? 1 : 3).ToArray();
        return new ChannelSignals("gmax_l", "gluteus maximus", Side.Left, t, f, t, f, 100, onsetExtraMs);
    }

    // Repetition from 2.25 s; the baseline ends 0.25 s before it (2.00 s, sample 200) and lasts up to 1 s (from 1.00 s).
    private static OnsetFinding Onset(ChannelSignals c, double repEndS = 3.0, double previousEndS = 0, double minBaselineS = 0.5, double quietUv = 0) =>
        PhaseMetrics.Onset(c, Plain, repStartS: 2.25, repEndS, previousEndS, baselineS: 1.0, preMovementS: 0.25, minBaselineS, quietUv);

    [Fact]
    public void OnsetIsTheFirstRunOfMinAboveMsAfterTheBaseline_LongerByTheEnvelopeWindow()
    {
        // 50 ms at 100 Hz = 5 samples: the short burst at 2.05 s is a run.
        OnsetFinding plain = Onset(Channel());
        Assert.Equal(2.05, plain.OnsetS!.Value, 1e-12);
        Assert.Null(plain.Note);
        // The level the onset rose above: the baseline 1.00-2.00 s, alternating 1 and 3, mean 2 uV.
        Assert.Equal(2, plain.BaselineUv!.Value, 12);
        // From the envelope the window adds its length (10 ms): 60 ms = 6 samples, so only the burst at 2.20 s is
        // confirmed. But the 50 ms burst at 2.05 s lies just before it: the whole interval 2.00-2.20 s (five samples of
        // 10 among 1s and 3s) has mean 79 / 20 = 3.95, (3.95 - 2) x sqrt 20 = 8.7 standard errors above the baseline (an
        // envelope's samples are independent once per 10 ms window), so the level had already risen: no onset.
        OnsetFinding fromEnvelope = Onset(Channel(onsetExtraMs: 10));
        Assert.Null(fromEnvelope.OnsetS);
        Assert.StartsWith("not-found: the level had already risen over the 0.20 s before the first confirmed rise (8.7 standard errors",
            fromEnvelope.Note);
        Assert.Equal(2, fromEnvelope.BaselineUv!.Value, 12);   // a null onset still reports the level it was sought above
    }

    [Fact]
    public void FromTheEnvelopeTheLocalMeanIsShorterByTheWindow()
    {
        // Localisation on (LocaliseK 0). Baseline 1, 3 (level: every 4-sample local mean is 2), then 1s, 4 at 2.10 s,
        // 1 at 2.11 s and 10 from 2.12 s. With a 10 ms envelope window the run needs 60 ms (6 samples) and the local
        // mean spans 50 - 10 = 40 ms, 4 samples [i - 2, i + 1]: from the crossing at 212, [209, 212] = (1 + 4 + 1 + 10)
        // / 4 = 4 is above 2, [208, 211] = 7 / 4 is not: 2.11 s. (One-sample means would stop at 212, 6-sample ones
        // at 210.)
        double[] t = Enumerable.Range(0, 400).Select(i => i / 100.0).ToArray();
        double[] f = Enumerable.Range(0, 400).Select(i => i < 200 ? (i % 2 == 0 ? 1.0 : 3) : i switch { 210 => 4, >= 212 and < 280 => 10, _ => 1 }).ToArray();
        var c = new ChannelSignals("gmax_l", "gluteus maximus", Side.Left, t, f, t, f, 100, OnsetExtraMs: 10);
        OnsetFinding found = PhaseMetrics.Onset(c, Plain with { LocaliseK = 0 }, 2.25, 3.0, 0, 1.0, 0.25, 0.5, 0);
        Assert.Equal(2.11, found.OnsetS!.Value, 1e-12);
    }

    [Fact]
    public void ABaselineTooShortOrEmptyOrARepetitionEndingAtItGivesNoBaseline_NothingAboveGivesNotFound()
    {
        // The previous repetition ended at 1.75 s: 0.25 s of pause, 0.5 s needed.
        OnsetFinding shortPause = Onset(Channel(), previousEndS: 1.75);
        Assert.Null(shortPause.OnsetS);
        Assert.Equal("no-baseline: 0.25 s of still pause before the movement (needs 0.50 s)", shortPause.Note);
        Assert.Null(shortPause.BaselineUv);   // no baseline, no level
        // It ended after the baseline's end: no pause at all, said as 0, not a negative duration.
        Assert.Equal("no-baseline: 0.00 s of still pause before the movement (needs 0.50 s)", Onset(Channel(), previousEndS: 2.1).Note);
        // Exactly the minimum is enough.
        Assert.Equal(2.05, Onset(Channel(), previousEndS: 1.5).OnsetS!.Value, 1e-12);
        // A baseline of one sample (1.99 s to 2.00 s) has no spread: refused; two samples (1.98 s) are enough.
        Assert.StartsWith("no-baseline: 0.01 s", Onset(Channel(), previousEndS: 1.99, minBaselineS: 0.005).Note);
        Assert.Equal(2.05, Onset(Channel(), previousEndS: 1.98, minBaselineS: 0.005).OnsetS!.Value, 1e-12);
        // The repetition ends where the baseline does (sample 200): nothing to search.
        Assert.StartsWith("no-baseline:", Onset(Channel(), repEndS: 2.0).Note);
        // It ends at 2.05 s, before the burst: searched, not found.
        OnsetFinding none = Onset(Channel(), repEndS: 2.05);
        Assert.Null(none.OnsetS);
        Assert.Equal("not-found: no rise above the baseline threshold before the repetition ended", none.Note);
    }

    [Fact]
    public void ALevelThatRoseBeforeTheFirstConfirmedRiseGivesNotFound_NotALateOnset()
    {
        // Baseline (1.00-2.00 s) alternates 1 and 3: mean 2, SD 1, threshold 5, and its autocorrelation time is 1 sample
        // (lag-1 correlation -1), so every sample counts as independent. From 2.00 s the level rises a little (3 and 4
        // alternately: never above 5), and only at 2.50 s does it clear the threshold (10). The detector confirms 2.50 s,
        // half a second after the real rise. Windows ending there: 5, 10, 20, 40 samples and the whole 50 (2.00-2.50 s);
        // the whole interval's mean 3.5 lies (3.5 - 2) x sqrt 50 = 10.6 standard errors above the baseline, more than
        // the 3.46 that K = 3 (one-sided p 0.00135) becomes over five windows: no onset.
        double[] t = Enumerable.Range(0, 400).Select(i => i / 100.0).ToArray();
        double[] f = Enumerable.Range(0, 400).Select(i => i < 200 ? (i % 2 == 0 ? 1.0 : 3) : i < 250 ? (i % 2 == 0 ? 3.0 : 4) : 10).ToArray();
        var c = new ChannelSignals("es_l", "erector spinae", Side.Left, t, f, t, f, 100);
        OnsetFinding late = Onset(c);
        Assert.Null(late.OnsetS);
        Assert.Equal("not-found: the level had already risen over the 0.50 s before the first confirmed rise "
            + "(10.6 standard errors above the baseline), so the onset cannot be placed", late.Note);
        Assert.Equal(1.0, OnsetDetector.AutocorrelationTimeSamples(f, 100, 200));
        Assert.Equal(1.5 * Math.Sqrt(50), OnsetDetector.LevelRiseZ(f, 100, 200, 200, 250, shortest: 5), 1e-9);
        // A level that stayed the baseline's up to the rise keeps its onset (Channel(): 1 and 3 up to 2.05 s), and so
        // does one a little above it: 2.3 from 2.00 s, (2.3 - 2) x sqrt 50 = 2.1 at most.
        Assert.Equal(2.05, Onset(Channel()).OnsetS!.Value, 1e-12);
        double[] slight = Enumerable.Range(0, 400).Select(i => i < 200 ? (i % 2 == 0 ? 1.0 : 3) : i < 250 ? 2.3 : 10).ToArray();
        Assert.Equal(2.50, Onset(c with { OnsetFunction = slight, EnvelopeUv = slight }).OnsetS!.Value, 1e-12);
        // The price of short windows: a 40 ms burst (four samples of 10 at 2.30-2.33 s, too short for the 50 ms run)
        // 0.2 s before the confirmed rise is taken as an earlier rise. The 20-sample window 2.30-2.50 s has mean
        // (40 - 8 + 40) / 20 = 3.6: 1.6 x sqrt 20 = 7.2.
        double[] burst = Enumerable.Range(0, 400).Select(i => i is >= 230 and < 234 || i >= 250 ? 10.0 : i % 2 == 0 ? 1 : 3).ToArray();
        Assert.Equal(1.6 * Math.Sqrt(20), OnsetDetector.LevelRiseZ(burst, 100, 200, 200, 250, shortest: 5), 1e-9);
        Assert.Null(Onset(c with { OnsetFunction = burst, EnvelopeUv = burst }).OnsetS);
    }

    [Fact]
    public void AutocorrelationTimeOfAnAr1ProcessIsOnePlusPhiOverOneMinusPhi()
    {
        // AR(1) x[i] = phi x[i-1] + e[i] has rho_k = phi^k, so tau = 1 + 2 sum phi^k = (1 + phi) / (1 - phi): 3 at
        // phi = 0.5, 9 at 0.8, and 1 for white noise. 40 000 samples: the estimate's spread is a few percent.
        foreach ((double phi, double tau) in new[] { (0.0, 1.0), (0.5, 3.0), (0.8, 9.0) })
        {
            var random = new Random(7);
            var x = new double[40_000];
            for (int i = 1; i < x.Length; i++)
            {
                double gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                x[i] = phi * x[i - 1] + gauss;
            }

            Assert.InRange(OnsetDetector.AutocorrelationTimeSamples(x, 0, x.Length), 0.92 * tau, 1.08 * tau);
        }
    }

    [Fact]
    public void ABaselineWhoseSecondHalfAlreadyHoldsTheRiseIsCutToItsFirstHalf()
    {
        // The movement's start was found late: the pause (1.00-2.00 s) already holds the rise, 10 from 1.80 s. Its second
        // half (1.50-2.00 s) lies far above its first (alternating 1 and 3): every sample of 1.80-2.00 s is above the
        // first half's median, so the baseline is 1.00-1.50 s and the search starts at 1.50 s: onset 1.80 s
        // (localisation off), with a still level before it.
        double[] t = Enumerable.Range(0, 400).Select(i => i / 100.0).ToArray();
        double[] f = Enumerable.Range(0, 400).Select(i => i is >= 180 and < 280 ? 10.0 : i % 2 == 0 ? 1 : 3).ToArray();
        var c = new ChannelSignals("es_l", "erector spinae", Side.Left, t, f, t, f, 100);
        Assert.Equal(1.80, Onset(c).OnsetS!.Value, 1e-12);
        // A pause of 0.80 s (from 1.20 s) has a first half of 0.40 s, shorter than the 0.5 s a baseline needs.
        OnsetFinding refused = Onset(c, previousEndS: 1.2);
        Assert.Null(refused.OnsetS);
        Assert.Equal("no-baseline: the level rose within the 0.80 s still pause before the movement", refused.Note);
        // A heart beat in the second half (five samples of 10 at 1.70-1.74 s) does not cut it: the test is a sign test,
        // the share of samples above the first half's median (2). Over 1.60-2.00 s that share is 23 / 40, z = (2 x
        // 0.575 - 1) x sqrt 40 = 0.95 (the first half's autocorrelation time is 1 sample), the largest over the windows,
        // so the baseline stays whole and the onset is the rise at 2.50 s. (The window's mean, 3.025, would have cut
        // it: 1.025 x sqrt 40 = 6.5.)
        double[] beat = Enumerable.Range(0, 400).Select(i => i is >= 170 and < 175 || i is >= 250 and < 350 ? 10.0 : i % 2 == 0 ? 1 : 3).ToArray();
        Assert.Equal(0.15 * Math.Sqrt(40), OnsetDetector.LevelRiseZ(beat, 100, 150, 150, 200, 5, LevelTest.Sign), 1e-9);
        Assert.Equal(1.025 * Math.Sqrt(40), OnsetDetector.LevelRiseZ(beat, 100, 150, 150, 200, 5), 1e-9);
        Assert.Equal(2.50, Onset(c with { OnsetFunction = beat, EnvelopeUv = beat }).OnsetS!.Value, 1e-12);
    }

    [Fact]
    public void APreRepetitionLevelAboveTwiceTheQuietestIsNotedAsTonic()
    {
        // The baseline's mean envelope is 2 uV. Quietest 0.5 uV: 4 x, tonic. Quietest 1 uV: exactly 2 x, not tonic.
        OnsetFinding tonic = Onset(Channel(), quietUv: 0.5);
        Assert.Equal(2.05, tonic.OnsetS!.Value, 1e-12);
        Assert.Equal("tonic-baseline: rise above the pre-repetition level of 2 uV (4.0 x the quietest level)", tonic.Note);
        Assert.Null(Onset(Channel(), quietUv: 1).Note);
        Assert.Null(Onset(Channel(), quietUv: 0).Note);   // no quiet level known: no judgement
    }

    [Fact]
    public void QuietestLevelIsTheLowestWindowMeanWithWindowsHalfAWindowApart()
    {
        // 4 Hz, t = 0 ... 2.5 s; 1 s windows (4 samples) from 0, 0.5, 1.0 and 1.5 s (the last one ends at 2.5 s, the
        // last sample's time, and still counts): means 4, 4, 2.5 and 1.
        double[] t = Enumerable.Range(0, 11).Select(i => i * 0.25).ToArray();
        double[] v = { 4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 9 };
        var c = new ChannelSignals("es_l", "erector spinae", Side.Left, t, v, t, v, 4);
        Assert.Equal(1.0, PhaseMetrics.QuietestUv(c, 1.0), 1e-12);
        // A 2 s window fits once (from 0): samples 0-7, mean (6 x 4 + 2 x 1) / 8.
        Assert.Equal(26 / 8.0, PhaseMetrics.QuietestUv(c, 2.0), 1e-12);
        // A data gap (envelope rows dropped from 1 s to 1.75 s) leaves windows without samples: they have no level, so
        // the quietest is still the lowest level measured, 3 (from 0.5 s and from 0.75 s), not 0.
        double[] gt = { 0, 0.25, 0.5, 0.75, 2.0, 2.25, 2.5, 2.75 };
        double[] gv = { 4, 4, 3, 3, 5, 5, 5, 5 };
        Assert.Equal(3.0, PhaseMetrics.QuietestUv(new ChannelSignals("es_l", "erector spinae", Side.Left, gt, gv, gt, gv, 4), 0.5), 1e-12);
        // A window longer than the recording, or no samples at all: 0 (no level known).
        Assert.Equal(0.0, PhaseMetrics.QuietestUv(c, 3.0));
        var empty = new ChannelSignals("es_l", "erector spinae", Side.Left, Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), 4);
        Assert.Equal(0.0, PhaseMetrics.QuietestUv(empty, 1.0));
    }

    [Fact]
    public void PhaseSamplesAreTheNormalisedEnvelopeInsideThePhase_AndPeakAndOnsetEdges()
    {
        double[] t = Enumerable.Range(0, 10).Select(i => i / 100.0).ToArray();
        double[] uv = { 1, 2, 3, 8, 5, 4, 3, 2, 1, 0 };
        var c = new ChannelSignals("gmax_l", "gluteus maximus", Side.Left, t, uv, t, uv, 100);
        var mvc = new Normalisation(NormalisationMethod.Mvc, new Dictionary<string, double> { ["gmax_l"] = 200 }, Normalisation.DefaultWindowMs, "hand");
        // [0.02, 0.07): 3, 8, 5, 4, 3 uV as % of 200 uV.
        Assert.Equal(new[] { 1.5, 4, 2.5, 2, 1.5 }, PhaseMetrics.Samples(c, mvc, 0.02, 0.07));
        Assert.Empty(PhaseMetrics.Samples(c, mvc, 0.07, 0.02));
        // Two equal maxima: the time to peak is the first one's (numpy.argmax's rule).
        var tie = new ChannelSignals("gmax_l", "gluteus maximus", Side.Left, t[..4], new double[] { 1, 5, 5, 2 }, t[..4], new double[] { 1, 5, 5, 2 }, 100);
        Assert.Equal(0.01, PhaseMetrics.Of(tie, Normalisation.None, 0, 0.04, null, true)!.TimeToPeakS, 1e-12);
        // An onset exactly at a later phase's start belongs to it; one outside it has no relative time either.
        MuscleMetrics atStart = PhaseMetrics.Of(c, Normalisation.None, 0.02, 0.07, 0.02, firstPhase: false)!;
        Assert.Equal((0.02, 0.0), (atStart.OnsetS!.Value, atStart.OnsetRelS!.Value));
        Assert.Null(PhaseMetrics.Of(c, Normalisation.None, 0.02, 0.07, 0.01, firstPhase: false)!.OnsetRelS);
        // The overlap of envelopes of unequal length runs over the samples they share: 200 x (1 + 2) / (4 + 4).
        Assert.Equal(75.0, PhaseMetrics.GmaxEsOverlapPct(new double[] { 1, 2, 3 }, new double[] { 3, 2 })!.Value, 1e-12);
        // One envelope sample: no sample interval, so the integral is 0 (not a division by zero).
        var one = new ChannelSignals("gmax_l", "gluteus maximus", Side.Left, new[] { 0.5 }, new[] { 7.0 }, new[] { 0.5 }, new[] { 7.0 }, 100);
        MuscleMetrics m = PhaseMetrics.Of(one, Normalisation.None, 0, 1, null, true)!;
        Assert.Equal((7.0, 7.0, 0.0, 0.5), (m.Mean, m.Peak, m.Integrated, m.TimeToPeakS));
    }
}
