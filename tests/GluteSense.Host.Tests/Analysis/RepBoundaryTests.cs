using System;
using System.Linq;
using GluteSense.Host.Analysis.Motion;
using GluteSense.Host.Analysis.Orientation;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>Definitions behind the issue 15 fixes found with the independent generator (tests/independent): a phase
/// boundary is where the movement's own rate leaves zero, not where it crosses the moving threshold; and the opening
/// rest is a stretch of still windows, not one still instant of a dying wobble.</summary>
public class RepBoundaryTests
{
    private const double RateHz = 100;

    /// <summary>Minimum-jerk position profile (Flash and Hogan 1985), 0 to 1 over u in [0, 1].</summary>
    private static double MinJerk(double u) => u <= 0 ? 0 : u >= 1 ? 1 : u * u * u * (10 - 15 * u + 6 * u * u);

    private static double MinJerkRate(double u) => u <= 0 || u >= 1 ? 0 : 30 * u * u * (1 - u) * (1 - u);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void MinimumJerkBoundaries_AreWhereTheMovementStartsAndStops(double restRateOffsetDegPerS)
    {
        // 2 s rest, 2 s up by 30 deg, 1 s hold, 2 s down, 2 s rest; rate noise 1 deg/s SD (standing sway). With an
        // offset, the rate of the opening rest sits 1.5 SDs above zero (a drifting gyro offset): the localisation must
        // not walk through the rest to its beginning.
        const double restS = 2, moveS = 2, holdS = 1, amplitudeDeg = 30, noiseDegPerS = 1;
        int n = (int)((2 * restS + 2 * moveS + holdS) * RateHz);
        var angle = new double[n];
        var rate = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz;
            double up = (t - restS) / moveS, down = (t - restS - moveS - holdS) / moveS;
            angle[i] = amplitudeDeg * (MinJerk(up) - MinJerk(down));
            rate[i] = amplitudeDeg / moveS * (MinJerkRate(up) - MinJerkRate(down)) + (t < restS ? restRateOffsetDegPerS : 0);
        }

        var track = new SegmentTrack("sacrum", "sacrum", Enumerable.Range(0, n).Select(i => i / RateHz).ToArray(), RateHz, angle, rate,
            StillFrom: 0, StillTo: 50, RateNoiseDegPerS: noiseDegPerS);
        DetectedRep rep = Assert.Single(RepDetector.Detect(track, new RepDetectorSettings()));

        double[] truthS = { restS, restS + moveS, restS + moveS + holdS, restS + 2 * moveS + holdS };
        double[] foundS = { rep.Start / RateHz, rep.OutEnd / RateHz, rep.BackStart / RateHz, rep.End / RateHz };
        // The moving threshold (3 SDs, capped at 10 % of the 28 deg/s peak = 2.8 deg/s) is crossed 160 ms after the
        // start (rate = 112.5 t^2 deg/s near it); localised low, the boundary is within 40 ms of it.
        for (int k = 0; k < 4; k++) Assert.InRange(foundS[k] - truthS[k], -0.04, 0.04);
    }

    /// <summary>With <see cref="RepDetectorSettings.BoundaryPeakFraction"/> a boundary is where the rate first reaches
    /// (start) or last holds (end) that share of the phase's peak. For a minimum-jerk movement the 5 % instant is worked
    /// out by hand: 30 u^2 (1 - u)^2 = 0.05 x 1.875 gives u (1 - u) = 0.05590, u = 0.05943, 0.119 s into a 2 s phase
    /// (and 0.119 s before its end); on the 100 Hz grid the first sample at or above the level.</summary>
    [Fact]
    public void MinimumJerkBoundaries_AtFivePercentOfThePeakRate_AreWhereTheRateCrossesIt()
    {
        const double restS = 2, moveS = 2, holdS = 1, amplitudeDeg = 30;
        int n = (int)((2 * restS + 2 * moveS + holdS) * RateHz);
        double[] angle = new double[n], rate = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz, up = (t - restS) / moveS, down = (t - restS - moveS - holdS) / moveS;
            angle[i] = amplitudeDeg * (MinJerk(up) - MinJerk(down));
            rate[i] = amplitudeDeg / moveS * (MinJerkRate(up) - MinJerkRate(down));
        }

        var track = new SegmentTrack("sacrum", "sacrum", Enumerable.Range(0, n).Select(i => i / RateHz).ToArray(), RateHz, angle, rate,
            StillFrom: 0, StillTo: 50, RateNoiseDegPerS: 1);
        DetectedRep rep = Assert.Single(RepDetector.Detect(track, new RepDetectorSettings { BoundaryPeakFraction = 0.05 }));
        const double edgeS = 0.05943 * moveS;
        double[] expectedS = { restS + edgeS, restS + moveS - edgeS, restS + moveS + holdS + edgeS, restS + 2 * moveS + holdS - edgeS };
        double[] foundS = { rep.Start / RateHz, rep.OutEnd / RateHz, rep.BackStart / RateHz, rep.End / RateHz };
        for (int k = 0; k < 4; k++) Assert.InRange(foundS[k] - expectedS[k], -1 / RateHz, 1 / RateHz);

        foreach (double refused in new[] { -0.01, RepDetectorSettings.MaxBoundaryPeakFraction, double.NaN })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => RepDetector.Detect(track, new RepDetectorSettings { BoundaryPeakFraction = refused }));
        }
    }

    [Fact]
    public void TwoRepetitionsOverADriftingAngleAreSplitAtTheValley_AStopPartWayIsNot()
    {
        // 1 s rest, then two 30 deg minimum-jerk repetitions (2 s up, 2 s down) with 0.6 s between them, on an angle that
        // drifts up by 2 deg/s from 1 s on (an uncalibrated gyro offset through the AHRS). Between the repetitions the
        // angle stays at 2 x 5.6 = 11.2 deg and more, above the hysteresis band's lower edge (12.5 % of the largest
        // excursion, about 57 deg: 7.1 deg), so the band alone makes one excursion of both. The valley lies about 30 deg
        // below both peaks, deeper than the detection level (25 %, 14 deg): two repetitions, split at the valley.
        const double restS = 1, moveS = 2, pauseS = 0.6, amplitudeDeg = 30, driftDegPerS = 2;
        int n = (int)((restS + 4 * moveS + pauseS + 1) * RateHz);
        double[] angle = new double[n], rate = new double[n];
        double secondS = restS + 2 * moveS + pauseS;
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz;
            double Rep(double startS) => MinJerk((t - startS) / moveS) - MinJerk((t - startS - moveS) / moveS);
            double RepRate(double startS) => MinJerkRate((t - startS) / moveS) - MinJerkRate((t - startS - moveS) / moveS);
            angle[i] = amplitudeDeg * (Rep(restS) + Rep(secondS)) + driftDegPerS * Math.Max(0, t - restS);
            rate[i] = amplitudeDeg / moveS * (RepRate(restS) + RepRate(secondS)) + (t > restS ? driftDegPerS : 0);
        }

        var track = new SegmentTrack("sacrum", "sacrum", Enumerable.Range(0, n).Select(i => i / RateHz).ToArray(), RateHz, angle, rate,
            StillFrom: 0, StillTo: 50, RateNoiseDegPerS: 0.5);
        var reps = RepDetector.Detect(track, new RepDetectorSettings());
        Assert.Equal(2, reps.Count);
        // The first ends about the pause and the second starts after it, in it. The drift adds 2 deg/s to the rate
        // (4 noise SDs), so the return's rate reaches zero where the movement's own is still -2 deg/s, about 150 ms
        // before its end (5.0 s), and the pause itself looks like a slow outward movement to the second's start.
        Assert.InRange(reps[0].End / RateHz, restS + 2 * moveS - 0.2, secondS);
        Assert.InRange(reps[1].Start, reps[0].End, (int)((secondS + 0.1) * RateHz));

        // A stop part-way (up 15 deg, 1 s still, up another 15 deg, then down) is one repetition: no valley at all.
        double[] staged = new double[n], stagedRate = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz;
            staged[i] = 15 * (MinJerk((t - 1) / 1) + MinJerk((t - 3) / 1)) - 30 * MinJerk((t - 5) / 2);
            stagedRate[i] = 15 * (MinJerkRate(t - 1) + MinJerkRate(t - 3)) - 15 * MinJerkRate((t - 5) / 2);
        }

        var stagedTrack = track with { AngleDeg = staged, RateDegPerS = stagedRate };
        Assert.Single(RepDetector.Detect(stagedTrack, new RepDetectorSettings()));
    }

    [Fact]
    public void OpeningRest_IsAStretchOfStillWindows_NotAStillInstantOfAWobble()
    {
        // 0-1 s wobble (10 deg/s), 1.0-1.5 s almost still, 1.5-2 s wobble, then 3 s of rest.
        int n = (int)(5 * RateHz);
        var gyro = new Vec3[n];
        var acc = new Vec3[n];
        var random = new Random(3);
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz;
            bool wobble = t < 1.0 || (t >= 1.5 && t < 2.0);
            double degPerS = wobble ? 10 * Math.Sin(2 * Math.PI * 1.5 * t) : 0.1 * (random.NextDouble() - 0.5);
            gyro[i] = new Vec3(degPerS * Math.PI / 180, 0, 0);
            acc[i] = new Vec3(0, 0, 9.81);
        }

        int still = SegmentMotion.FirstStillWindow(gyro, acc, (int)(0.5 * RateHz), (int)(0.1 * RateHz));
        Assert.True(still >= 2.0 * RateHz, $"still window at {still / RateHz:0.0} s: inside the wobble");
    }
}
