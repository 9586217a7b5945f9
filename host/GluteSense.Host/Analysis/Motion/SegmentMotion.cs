using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis.Orientation;
using GluteSense.Host.Analysis.Segments;
using GluteSense.Host.Dsp;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis.Motion;

/// <summary>
/// The sagittal motion of one IMU's segment, mount-independent: angle from the start pose (deg, positive in the
/// direction the movement goes first) and angular rate about the same axis (deg/s, same sign convention).
/// </summary>
/// <param name="StillFrom">First sample of the still window that defines the 0° pose, the gyro offset and the rate's
/// noise floor: the stillest window of the rest that opens the trial. Nothing before its end is analysed.</param>
/// <param name="StillTo">One past the still window's last sample.</param>
/// <param name="UnsettledStart">True when the recording's first window was not still (the segment was moving when the
/// recording started).</param>
/// <param name="RateNoiseDegPerS">Robust SD of the rate over every still window of the recording (the opening rest and
/// the pauses): sensor noise plus the slow sway a person at rest makes, which one 0.5 s window alone would hide in the
/// gyro offset. 0 when no still window was found.</param>
public sealed record SegmentTrack(string Name, string Site, double[] TimeS, double SampleRateHz, double[] AngleDeg, double[] RateDegPerS,
    int StillFrom = 0, int StillTo = 0, bool UnsettledStart = false, double RateNoiseDegPerS = 0);

/// <summary>Builds <see cref="SegmentTrack"/>s from a recording's IMU tables (docs/analysis.md, "Motion").</summary>
public static class SegmentMotion
{
    /// <summary>
    /// Low-pass of the sagittal rate (Hz), run forward and backward: voluntary movement of the trunk and pelvis has its
    /// power below about 6 Hz (Winter, Biomechanics and Motor Control of Human Movement), so this removes sensor noise
    /// without moving phase boundaries.
    /// </summary>
    public const double RateLowPassHz = 6;

    /// <summary>
    /// The start window (s) that defines the 0° pose and the gyro offset: the trial starts at rest in the start pose
    /// (documented recording instruction). The same window the segment alignment uses.
    /// </summary>
    public const double StartWindowS = SagittalAngles.DefaultStartWindowS;

    /// <summary>
    /// A window is still when the gyro's SD on every axis is below this (deg/s): about seven times the white noise of a
    /// MEMS gyro after this sample rate's bandwidth, and below the 1-2 deg/s of quiet standing or lying sway, so a
    /// person at rest passes and any deliberate movement (tens of deg/s) does not.
    /// </summary>
    public const double StillGyroSdDegPerS = 2;

    /// <summary>
    /// ...and the gravity direction the accelerometer sees moves by less than this (deg) between the window's halves:
    /// the gyro's SD cannot see a steady slow rotation (a constant rate has no spread, and its offset is unknown), the
    /// tilt can. 1 deg over the quarter second between the halves' centres is a rotation of 4 deg/s; gyro bias and
    /// accelerometer noise move it by a tenth of that.
    /// </summary>
    public const double StillTiltDeg = 1;

    /// <summary>Step (s) between candidate still windows when the first one is not still.</summary>
    private const double StillSearchStepS = 0.1;

    /// <summary>Orientation (6-axis AHRS; heading is irrelevant to sagittal angles) and sagittal angle of one IMU.</summary>
    public static SegmentTrack Track(ImuMeta imu, SampleTable table, double sampleRateHz)
    {
        if (table.Count < (int)(2 * StartWindowS * sampleRateHz))
        {
            throw new ArgumentException($"imu_{imu.Name}.csv: {table.Count} samples is too short to analyse (need at least "
                + $"{2 * StartWindowS:0.#} s)");
        }

        ImuCsv samples = ImuCsv.FromTable(table, RecordingFolder.ImuFile(imu.Name));
        Vec3[] gyro = samples.GyroRadPerS;
        QuaternionD[] q = samples.EstimateOrientation(sampleRateHz, AhrsSettings.Default with { UseMagnetometer = false });

        int n0 = Math.Max(2, (int)Math.Round(StartWindowS * sampleRateHz));
        int still = FirstStillWindow(gyro, samples.AccMPerS2, n0, Math.Max(1, (int)Math.Round(StillSearchStepS * sampleRateHz)));
        if (still < 0)
        {
            throw new ArgumentException($"imu_{imu.Name}.csv: no still {StartWindowS:0.#} s window (gyro SD below {StillGyroSdDegPerS} "
                + $"deg/s on every axis): " +
                "the trial must start at rest in the start pose");
        }

        // The 0° pose and the sagittal axis come from the still window on; an unsettled start is left out of both.
        SagittalAlignment alignment = SagittalAngles.EstimateAlignment(q[still..], gyro[still..], sampleRateHz, StartWindowS);
        var angle = new double[q.Length];
        SagittalAngles.AnglesDeg(alignment, q, angle);

        // Rate about the sagittal axis straight from the gyro (cleaner than differentiating the angle), with the
        // offset measured in the still window removed, then smoothed without delay.
        Vec3 offset = default;
        for (int i = still; i < still + n0; i++) offset = offset + gyro[i];
        offset = (1.0 / n0) * offset;
        var rate = new double[q.Length];
        for (int i = 0; i < rate.Length; i++) rate[i] = Vec3.Dot(gyro[i] - offset, alignment.MediolateralAxis) * 180 / Math.PI;
        rate = SosFilter.ZeroPhase(rate, FilterDesigner.ButterworthLowPass(2, Math.Min(RateLowPassHz, 0.4 * sampleRateHz), sampleRateHz));

        // The rate's sign must match the angle's (the axis sign of the alignment is fixed by the angle).
        double agreement = 0;
        for (int i = 1; i < angle.Length; i++) agreement += (angle[i] - angle[i - 1]) * rate[i];
        if (agreement < 0)
        {
            for (int i = 0; i < rate.Length; i++) rate[i] = -rate[i];
        }

        bool unsettled = !IsStill(gyro, samples.AccMPerS2, 0, n0);
        var stillRates = new List<double>();
        for (int from = still; from + n0 <= rate.Length; from += n0)
        {
            if (IsStill(gyro, samples.AccMPerS2, from, n0)) stillRates.AddRange(rate[from..(from + n0)]);
        }

        return new SegmentTrack(imu.Name, imu.Site, table.TimeS, sampleRateHz, angle, rate, still, still + n0, unsettled,
            stillRates.Count > 0 ? RobustSd(stillRates) : 0);
    }

    /// <summary>
    /// A track from an angle trace measured by something other than our IMUs (a goniometer, optical motion capture),
    /// for repetition and phase detection on recordings this project did not make. The first <see cref="StartWindowS"/>
    /// is taken as the still start pose (0 deg); the excursion is made positive in the direction of the trace's larger
    /// deviation from it; the rate is the angle's central difference, low-passed like the gyro rate
    /// (<see cref="RateLowPassHz"/>, zero-phase); the rate noise is its robust SD over the start window.
    /// </summary>
    /// <exception cref="ArgumentException">The trace is shorter than two start windows.</exception>
    public static SegmentTrack FromAngle(string name, double[] timeS, double sampleRateHz, double[] angleDeg)
    {
        int n0 = Math.Max(2, (int)Math.Round(StartWindowS * sampleRateHz));
        if (angleDeg.Length < 2 * n0 || timeS.Length != angleDeg.Length)
        {
            throw new ArgumentException($"{name}: {angleDeg.Length} angle samples is too short to analyse (need at least "
                + $"{2 * StartWindowS:0.#} s)");
        }

        double pose = 0;
        for (int i = 0; i < n0; i++) pose += angleDeg[i];
        pose /= n0;
        double up = angleDeg.Max() - pose, down = pose - angleDeg.Min();
        double sign = up >= down ? 1 : -1;
        double[] angle = angleDeg.Select(a => sign * (a - pose)).ToArray();
        var rate = new double[angle.Length];
        for (int i = 0; i < angle.Length; i++)
        {
            int a = Math.Max(0, i - 1), b = Math.Min(angle.Length - 1, i + 1);
            rate[i] = (angle[b] - angle[a]) * sampleRateHz / (b - a);
        }

        rate = SosFilter.ZeroPhase(rate, FilterDesigner.ButterworthLowPass(2, Math.Min(RateLowPassHz, 0.4 * sampleRateHz), sampleRateHz));
        return new SegmentTrack(name, name, timeS, sampleRateHz, angle, rate, 0, n0, false, RobustSd(rate[..n0]));
    }

    /// <summary>Robust SD: 1.4826 x the median absolute deviation from the median.</summary>
    public static double RobustSd(IReadOnlyList<double> x)
    {
        double median = Statistics.Descriptive.Median(x);
        return 1.4826 * Statistics.Descriptive.Median(x.Select(r => Math.Abs(r - median)).ToArray());
    }

    /// <summary>Tracks of every IMU in the recording, by site.</summary>
    public static IReadOnlyDictionary<string, SegmentTrack> Tracks(RecordingData data)
    {
        var tracks = new Dictionary<string, SegmentTrack>();
        foreach (ImuMeta imu in data.Meta.Imus)
        {
            if (tracks.ContainsKey(imu.Site))
            {
                throw new ArgumentException($"meta.json lists two IMUs at site '{imu.Site}'");
            }

            tracks[imu.Site] = Track(imu, data.Imus[imu.Name], data.Meta.ImuRateHz);
        }

        return tracks;
    }

    /// <summary>
    /// The segment whose motion defines repetitions: the pelvis (sacrum IMU) when present, since both exercises are hip
    /// movements; otherwise the lumbar IMU (trunk), which moves with the pelvis plus the lumbar spine.
    /// </summary>
    public static SegmentTrack MovementSegment(IReadOnlyDictionary<string, SegmentTrack> tracks)
    {
        if (tracks.TryGetValue("sacrum", out SegmentTrack? sacrum)) return sacrum;
        if (tracks.TryGetValue("lumbar", out SegmentTrack? lumbar)) return lumbar;
        throw new ArgumentException("no lumbar or sacrum IMU in meta.json: repetitions are found from the lumbar or sacrum sensor");
    }

    /// <summary>Angle of <paramref name="upper"/> relative to <paramref name="lower"/> (deg), sample by sample.</summary>
    public static double[] Relative(SegmentTrack upper, SegmentTrack lower)
    {
        int n = Math.Min(upper.AngleDeg.Length, lower.AngleDeg.Length);
        return SagittalAngles.RelativeAngleDeg(upper.AngleDeg.Take(n).ToArray(), lower.AngleDeg.Take(n).ToArray());
    }

    /// <summary>
    /// First sample of the still window: the stillest window of <paramref name="length"/> samples (smallest largest
    /// per-axis gyro SD) in the first stretch of windows, <paramref name="step"/> apart, whose gyro SD is below
    /// <see cref="StillGyroSdDegPerS"/> on every axis; -1 when no window is still. The stillest, not the first: after
    /// an unsettled start the first window that passes still holds the end of the settling movement, whose mean rate
    /// would become the gyro offset. A stretch counts as the opening rest only when it spans at least two windows
    /// (a still window between moving ones is the slow turn of a wobble dying out, not a rest: independent generator,
    /// unsettled start, where such a window became the 0 deg pose and gyro offset); when no stretch is that long,
    /// the first stretch is used.
    /// </summary>
    public static int FirstStillWindow(Vec3[] gyroRadPerS, Vec3[] accMPerS2, int length, int step)
    {
        int fallback = -1, best = -1, runStart = -1;
        double bestSd = double.PositiveInfinity;
        for (int from = 0; from + length <= gyroRadPerS.Length; from += step)
        {
            if (IsStill(gyroRadPerS, accMPerS2, from, length))
            {
                if (runStart < 0) runStart = from;
                double sd = LargestAxisSd(gyroRadPerS, from, length);
                if (sd < bestSd)
                {
                    best = from;
                    bestSd = sd;
                }
                continue;
            }

            if (best >= 0)
            {
                if (from - step + length - runStart >= 2 * length) return best;
                if (fallback < 0) fallback = best;
                best = runStart = -1;
                bestSd = double.PositiveInfinity;
            }
        }

        return best >= 0 && (fallback < 0 || gyroRadPerS.Length - runStart >= 2 * length) ? best : fallback;
    }

    /// <summary>Still: gyro SD below <see cref="StillGyroSdDegPerS"/> on every axis and tilt change below
    /// <see cref="StillTiltDeg"/> between the window's halves.</summary>
    private static bool IsStill(Vec3[] gyro, Vec3[] acc, int from, int length)
    {
        if (LargestAxisSd(gyro, from, length) >= StillGyroSdDegPerS * Math.PI / 180) return false;
        int half = length / 2;
        Vec3 first = default, second = default;
        for (int i = from; i < from + half; i++) first = first + acc[i];
        for (int i = from + half; i < from + 2 * half; i++) second = second + acc[i];
        return first.Norm > 0 && second.Norm > 0 && Vec3.AngleDeg(first, second) < StillTiltDeg;
    }

    private static double LargestAxisSd(Vec3[] gyro, int from, int length)
    {
        Vec3 sum = default, square = default;
        for (int i = from; i < from + length; i++)
        {
            Vec3 w = gyro[i];
            sum = sum + w;
            square = square + new Vec3(w.X * w.X, w.Y * w.Y, w.Z * w.Z);
        }

        Vec3 mean = (1.0 / length) * sum;
        double Sd(double sq, double m) => Math.Sqrt(Math.Max(0, sq / length - m * m));
        return Math.Max(Sd(square.X, mean.X), Math.Max(Sd(square.Y, mean.Y), Sd(square.Z, mean.Z)));
    }
}
