using System;
using System.Linq;
using GluteSense.Host.Analysis.Onsets;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>
/// The onset detector's threshold, localisation level, local-mean windows and refusals on hand-made detection
/// functions at 1000 Hz whose answers are worked out in the comments; the detection function's band-pass cap against
/// scipy. Every baseline alternates two values, so its mean, population SD and median are exact.
/// </summary>
public class ThresholdAndLocalisationOnsetDetectorTests
{
    // A 5-sample minimum run at 1000 Hz.
    private static readonly OnsetSettings Short = new() { K = 3, MinAboveMs = 5 };

    private static double[] Function(int length, Func<int, double> after100, double low = 1, double high = 3) =>
        Enumerable.Range(0, length).Select(i => i < 100 ? (i % 2 == 0 ? low : high) : after100(i)).ToArray();

    [Fact]
    public void ThresholdIsMeanPlusKPopulationSds_AndTheFunctionMustBeAboveIt()
    {
        // Baseline 1, 3, 1, ...: mean 2, population SD 1 (the sample SD would be 1.005). A burst of 6 at 150-199.
        double[] f = Function(300, i => i is >= 150 and < 200 ? 6 : 1);
        Assert.Equal(new[] { 150 }, OnsetDetector.Onsets(f, 1000, Short with { LocaliseK = 3 }, 0, 100));
        // K = 4: threshold exactly 6, and a function equal to it is not above it.
        Assert.Empty(OnsetDetector.Onsets(f, 1000, Short with { K = 4, LocaliseK = 4 }, 0, 100));
    }

    [Fact]
    public void LocalisationLevelIsTheBaselineMedianPlusLocaliseKSds()
    {
        // Baseline 1, 5, 1, ...: mean 3, SD 2, threshold (K = 3) 9; one-sample local means (localMeanMs 0), median 3;
        // LocaliseK 1: level 3 + 1 x 2 = 5. Then 3s, 4 at 110, 6 at 111 and 12 from 112: the crossing at 112 walks
        // back over 111 (6 > 5) and stops at 110 (4 is not above 5).
        double[] f = Function(300, i => i switch { 110 => 4, 111 => 6, >= 112 and < 140 => 12, _ => 3 }, low: 1, high: 5);
        Assert.Equal(new[] { 111 }, OnsetDetector.Onsets(f, 1000, Short with { LocaliseK = 1 }, 0, 100, localMeanMs: 0));
    }

    [Fact]
    public void ALocalisedOnsetNeverMovesBeforeThePreviousOffset()
    {
        // Baseline 1, 3: threshold 5; two-sample local means [i - 1, i] (localMeanMs 2), all 2 over the baseline but
        // the first (1), median 2; LocaliseK 0: level 2. Bursts of 10 at 110-129 and 140-159 with 4 (below threshold,
        // above the level) between them: the first burst's offset is confirmed at 134 (five samples below), and the
        // second onset walks back through the 4s only to there, not into the first burst.
        double[] f = Function(300, i => i switch { >= 110 and < 130 or >= 140 and < 160 => 10, >= 130 and < 140 => 4, _ => 1 });
        Assert.Equal(new[] { 110, 134 }, OnsetDetector.Onsets(f, 1000, Short, 0, 100, localMeanMs: 2));
    }

    [Fact]
    public void LocalMeansAreCutAtTheSignalsEnd()
    {
        // Baseline 1, 3 (threshold 5), then 1s, and a 5-sample run of 10 at 150-154 that ends the signal; 25-sample
        // local means [i - 12, i + 12]. The baseline's are 1.96 and 2.04 (13 of one value, 12 of the other), 1.92 to 2
        // where cut at the start, and 1.56 to 1.96 where they reach the 1s: their median is 1.96. Walking back from
        // 150: [137, 154] is cut to 18
        // samples, (13 + 50) / 18 = 3.5; the means fall as the window slides back, [128, 152] = (22 + 30) / 25 = 2.08
        // is still above the level and [127, 151] = (23 + 20) / 25 = 1.72 is not: the onset is 140.
        double[] f = Function(155, i => i >= 150 ? 10 : 1);
        Assert.Equal(new[] { 140 }, OnsetDetector.Onsets(f, 1000, Short, 0, 100, localMeanMs: 25));
    }

    [Fact]
    public void ABaselineMayEndAtTheSignalsEnd_AndARefusalNamesTheBaseline()
    {
        // The baseline is the whole signal, 25-sample local means included: nothing above it, and no read past its end.
        double[] f = Function(100, _ => 0);
        Assert.Empty(OnsetDetector.Onsets(f, 1000, new OnsetSettings(), 0, 100));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OnsetDetector.Onsets(f, 1000, new OnsetSettings(), 0, 101));
        Assert.Equal("baselineEnd", e.ParamName);
        Assert.StartsWith("the baseline window must hold at least two samples of the signal", e.Message);
    }

    [Fact]
    public void BandPassIsCappedBelowNyquist_AndAnEmptySignalHasAnEmptyFunction()
    {
        // At 500 Hz the default 450 Hz upper edge is capped at 0.45 x 500 = 225 Hz. Reference: scipy 1.10.1,
        //   x = 50 sin(2 pi 60 n / 500 + 0.3), n = 0..3999; sos = butter(2, [20, 225], 'bandpass', fs=500, output='sos');
        //   z = sosfiltfilt(butter(2, 50, fs=500, output='sos'), abs(sosfiltfilt(sos, x))); z[2000] = 32.148589504530264
        double[] x = Enumerable.Range(0, 4000).Select(n => 50 * Math.Sin(2 * Math.PI * 60 * n / 500 + 0.3)).ToArray();
        double[] f = OnsetDetector.DetectionFunction(x, 500, new OnsetSettings());
        Assert.Equal(32.148589504530264, f[2000], 1e-6);
        Assert.Empty(OnsetDetector.DetectionFunction(Array.Empty<double>(), 1000, new OnsetSettings { Method = OnsetMethod.Tkeo }));
    }
}
