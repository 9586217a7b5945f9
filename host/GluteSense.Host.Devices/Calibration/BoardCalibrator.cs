using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Calibration;

/// <summary>A board calibration: what was stored on the board, the checks that passed, when (docs/calibration.md).</summary>
/// <param name="AfeOffsetUv">AFE input offset per channel with the leads shorted (uV).</param>
/// <param name="GyroBiasRadPerS">Gyro bias x y z (rad/s), mean over the six still positions.</param>
/// <param name="AccelOffsetMps2">Accelerometer offset x y z (m/s^2): (up + down) / 2 per axis.</param>
/// <param name="AccelScale">Accelerometer scale correction x y z: 2 g / (up - down) per axis.</param>
/// <param name="GravityErrorBeforeMps2">Largest |measured gravity| - g over the six positions before calibration (m/s^2).</param>
/// <param name="GravityErrorAfterMps2">The same, re-measured with the calibration applied on the board (m/s^2).</param>
public sealed record BoardCalibrationResult(string Serial, double[] AfeOffsetUv, double[] GyroBiasRadPerS, double[] AccelOffsetMps2,
    double[] AccelScale, double GravityErrorBeforeMps2, double GravityErrorAfterMps2, double MaxStillGyroSdRadPerS, string MeasuredUtc);

/// <summary>
/// Board calibration through the wire protocol only (so it runs the same on a real board): AFE offsets with the
/// electrode leads shorted, then the IMU still in six positions (gyro bias; accelerometer offset and scale per axis from
/// the up/down pair), stored on the board with set_calibration, read back with get_config, and verified by measuring
/// the six positions again.
/// </summary>
public static class BoardCalibrator
{
    /// <summary>The six positions as an operator is told to place the board.</summary>
    public static readonly string[] PositionInstructions =
    {
        "Stand the board on its edge with the X arrow pointing UP (+X up), still, for the beep.",
        "Turn it over: X arrow pointing DOWN (-X up).",
        "Stand it on its other edge with the Y arrow pointing UP (+Y up).",
        "Turn it over: Y arrow pointing DOWN (-Y up).",
        "Lay it flat, components UP (+Z up).",
        "Lay it flat, components DOWN (-Z up).",
    };

    /// <summary>Capture per step (s): 2 s at 100 Hz averages gyro noise to a few mrad/s.</summary>
    public const double CaptureS = 2;

    /// <summary>The board counts as still when every gyro axis varies less than this (rad/s SD) during a capture.</summary>
    public const double StillGyroSdRadPerS = 0.05;

    /// <summary>
    /// Runs the procedure. <paramref name="place"/> is called before each capture with the step number and the
    /// instruction for the operator (who places the board or clips the leads; for the virtual board it sets
    /// the bench source's position).
    /// </summary>
    /// <exception cref="ArgumentException">A capture is unusable (board moved, wrong position, values beyond limits).</exception>
    public static BoardCalibrationResult Run(BoardSession client, Action<int, string> place)
    {
        client.StoreImuCalibration(new float[3], new float[3], new[] { 1f, 1f, 1f });
        int channels = client.Configuration.ChannelCount;
        client.StoreAfeOffsets(new float[channels]);
        client.SetMode(StreamMode.Raw);

        place(0, "Clip all electrode leads together onto the reference snap (inputs shorted); keep the board still.");
        double[] afeOffsets = CaptureRawMeans(client, channels);

        var gyroMeans = new List<double[]>();
        var accelMeans = new double[6][];
        double maxGyroSd = 0;
        for (int p = 0; p < 6; p++)
        {
            place(p + 1, PositionInstructions[p]);
            (double[] gyro, double[] accel, double gyroSd) = CaptureImu(client);
            gyroMeans.Add(gyro);
            accelMeans[p] = accel;
            maxGyroSd = Math.Max(maxGyroSd, gyroSd);
            int axis = p / 2;
            double expected = p % 2 == 0 ? 1 : -1;
            if (Math.Sign(accel[axis]) != (int)expected || Math.Abs(accel[axis]) < 0.7 * Gravity)
            {
                throw new ArgumentException($"position {p + 1}: gravity is not along {(expected > 0 ? "+" : "-")}{"XYZ"[axis]} (measured "
                    + $"{accel[0]:0.0}, {accel[1]:0.0}, {accel[2]:0.0} m/s^2): place the board as instructed and repeat");
            }
        }

        double[] bias = Enumerable.Range(0, 3).Select(a => gyroMeans.Average(g => g[a])).ToArray();
        double[] offset = Enumerable.Range(0, 3).Select(a => (accelMeans[2 * a][a] + accelMeans[2 * a + 1][a]) / 2).ToArray();
        double[] scale = Enumerable.Range(0, 3).Select(a => 2 * Gravity / (accelMeans[2 * a][a] - accelMeans[2 * a + 1][a])).ToArray();
        double before = accelMeans.Max(m => Math.Abs(Norm(m) - Gravity));

        client.StoreImuCalibration(ToFloat(bias), ToFloat(offset), ToFloat(scale));
        client.StoreAfeOffsets(ToFloat(afeOffsets));
        DeviceConfiguration stored = client.GetConfig();
        if (!stored.ImuCalibration.SequenceEqual(ToFloat(bias).Concat(ToFloat(offset)).Concat(ToFloat(scale))))
        {
            throw new InvalidOperationException("the board did not store the calibration it acknowledged (get_config differs)");
        }

        double after = 0;
        for (int p = 0; p < 6; p++)
        {
            place(7 + p, "Check: " + PositionInstructions[p]);
            after = Math.Max(after, Math.Abs(Norm(CaptureImu(client).Accel) - Gravity));
        }

        client.SetMode(StreamMode.Envelope);
        return new BoardCalibrationResult(client.BoardSerial, afeOffsets, bias, offset, scale, before, after, maxGyroSd,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
    }

    private const double Gravity = 9.80665;

    // One capture: stream for CaptureS and stop (the stop drains the link, so every sample sent has arrived).
    private static void Stream(BoardSession client) => client.Capture(TimeSpan.FromSeconds(CaptureS));

    private static double[] CaptureRawMeans(BoardSession client, int channels)
    {
        Stream(client);
        List<RawBlock> raw = client.TakeRaw().ToList();
        client.TakeImu();
        client.TakeEnvelope();
        if (raw.Count == 0) throw new ArgumentException("no raw EMG arrived during the offset capture");
        double[] mean = new double[channels];
        long n = 0;
        foreach (RawBlock b in raw)
        {
            for (int i = 0; i < b.Microvolts.Length; i++) mean[i % b.Channels] += b.Microvolts[i];
            n += b.Microvolts.Length / b.Channels;
        }

        return mean.Select(m => m / n).ToArray();
    }

    private static (double[] Gyro, double[] Accel, double GyroSd) CaptureImu(BoardSession client)
    {
        Stream(client);
        client.TakeRaw();
        client.TakeEnvelope();
        float[] values = client.TakeImu().SelectMany(b => b.Values).ToArray();
        int samples = values.Length / 6;
        if (samples < 10) throw new ArgumentException("too few IMU samples arrived during a capture");
        double[] mean = Enumerable.Range(0, 6).Select(a => Enumerable.Range(0, samples).Average(i => (double)values[i * 6 + a])).ToArray();
        double gyroSd = Enumerable.Range(0, 3)
            .Max(a => Math.Sqrt(Enumerable.Range(0, samples).Average(i => Math.Pow(values[i * 6 + a] - mean[a], 2))));
        if (gyroSd > StillGyroSdRadPerS)
        {
            throw new ArgumentException($"the board moved during the capture (gyro SD {gyroSd:0.000} rad/s > {StillGyroSdRadPerS}): "
                + $"hold it still and repeat");
        }

        return (mean[..3], mean[3..], gyroSd);
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private static float[] ToFloat(double[] v) => v.Select(x => (float)x).ToArray();
}
