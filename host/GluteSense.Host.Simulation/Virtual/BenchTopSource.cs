using System;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Virtual;

/// <summary>
/// The virtual board on the bench for calibration: electrode leads clipped together (each AFE input sees only its own
/// DC offset plus noise) and the board lying still in one of six positions, its IMU with a seeded gyro bias,
/// accelerometer offset and scale error (the ground truth a calibration must recover). Deterministic for a seed.
/// </summary>
public sealed class BenchTopSource : IVirtualSignalSource
{
    /// <summary>Largest true AFE offset (uV), gyro bias (rad/s), accel offset (m/s^2) and |scale - 1| drawn.</summary>
    public const double MaxAfeOffsetUv = 300, MaxGyroBias = 0.02, MaxAccelOffset = 0.3, MaxScaleError = 0.03;

    /// <summary>Noise: AFE input (uV RMS), gyro (rad/s RMS), accelerometer (m/s^2 RMS).</summary>
    public const double AfeNoiseUv = 2, GyroNoise = 0.003, AccelNoise = 0.02;

    private readonly int _seed;

    /// <summary>A board on the bench with leads shorted; <paramref name="seed"/> draws its offsets, biases and scale errors.</summary>
    public BenchTopSource(int seed, int channels = 4)
    {
        _seed = seed;
        ChannelCount = channels;
        var r = new Random(seed);
        double U(double max) => max * (2 * r.NextDouble() - 1);
        AfeOffsetUv = new double[channels];
        for (int c = 0; c < channels; c++) AfeOffsetUv[c] = U(MaxAfeOffsetUv);
        GyroBias = new[] { U(MaxGyroBias), U(MaxGyroBias), U(MaxGyroBias) };
        AccelOffset = new[] { U(MaxAccelOffset), U(MaxAccelOffset), U(MaxAccelOffset) };
        AccelScaleError = new[] { 1 + U(MaxScaleError), 1 + U(MaxScaleError), 1 + U(MaxScaleError) };
    }

    /// <summary>Which axis points up: 0 +x, 1 -x, 2 +y, 3 -y, 4 +z, 5 -z (set by whoever "places" the board).</summary>
    public int Position { get; set; } = 4;

    /// <summary>Set true to simulate someone moving the board during a capture (a calibration must then fail).</summary>
    public bool Shaking { get; set; }

    /// <summary>AFE input offset per channel (uV), what the board calibration must find.</summary>
    public double[] AfeOffsetUv { get; }

    /// <summary>Gyro bias per axis (rad/s), what the board calibration must find.</summary>
    public double[] GyroBias { get; }

    /// <summary>Accelerometer offset per axis (m/s^2), what the 6-position calibration must find.</summary>
    public double[] AccelOffset { get; }

    /// <summary>Measured = scale x true + offset, per axis.</summary>
    public double[] AccelScaleError { get; }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <inheritdoc />
    public double DurationS => 3600;

    /// <inheritdoc />
    public void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts)
    {
        var r = new Random(unchecked(_seed * 31 + (int)firstSample));
        for (int i = 0; i < count; i++)
        {
            for (int c = 0; c < ChannelCount; c++) microvolts[i * ChannelCount + c] = AfeOffsetUv[c] + AfeNoiseUv * EmgSynthesis.Gaussian(r);
        }
    }

    /// <inheritdoc />
    public void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel)
    {
        var r = new Random(unchecked(_seed * 17 + (int)firstSample));
        int axis = Position / 2;
        double sign = Position % 2 == 0 ? 1 : -1;
        for (int i = 0; i < count; i++)
        {
            double wobble = Shaking ? 3 * Math.Sin(2 * Math.PI * 2 * (firstSample + i) / sampleRateHz) : 0;
            for (int a = 0; a < 3; a++)
            {
                double trueAccel = a == axis ? sign * Simulator.Gravity : 0;
                gyroAccel[i * 6 + a] = GyroBias[a] + GyroNoise * EmgSynthesis.Gaussian(r) + wobble * 0.5;
                gyroAccel[i * 6 + 3 + a] = AccelScaleError[a] * (trueAccel + wobble) + AccelOffset[a] + AccelNoise * EmgSynthesis.Gaussian(r);
            }
        }
    }

}
