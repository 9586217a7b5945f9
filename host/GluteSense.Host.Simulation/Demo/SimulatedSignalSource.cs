using GluteSense.Host.Simulation;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Demo;

/// <summary>Feeds a <see cref="SimulatedRecording"/> to a virtual board (EMG at its rate, lumbar IMU at its rate).</summary>
public sealed class SimulatedSignalSource : IVirtualSignalSource
{
    private readonly SimulatedRecording _recording;

    /// <summary>Plays <paramref name="recording"/> as the virtual board's signal.</summary>
    public SimulatedSignalSource(SimulatedRecording recording) => _recording = recording;

    /// <inheritdoc />
    public int ChannelCount => _recording.Channels.Length;

    /// <inheritdoc />
    public double DurationS => _recording.Truth.DurationS;

    /// <inheritdoc />
    public void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts)
    {
        double[][] emg = _recording.Emg;
        for (int s = 0; s < count; s++)
        {
            long i = firstSample + s;
            for (int c = 0; c < emg.Length; c++)
            {
                // After the recording ends the electrodes read their last value (the board keeps streaming).
                microvolts[s * emg.Length + c] = emg[c][i < emg[c].Length ? i : emg[c].Length - 1];
            }
        }
    }

    /// <inheritdoc />
    public void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel)
    {
        double[][] imu = _recording.Imu["lumbar"];
        for (int s = 0; s < count; s++)
        {
            long i = firstSample + s;
            double[] row = imu[i < imu.Length ? i : imu.Length - 1];
            System.Array.Copy(row, 0, gyroAccel, s * 6, 6);
        }
    }
}
