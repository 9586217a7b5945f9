using System;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Virtual;

/// <summary>
/// A recorded trial played back through the virtual board (raw EMG and the first IMU, at the recording's rates), so the
/// live views, the link and the whole host path can be exercised with real or earlier data at any speed. Needs the raw
/// EMG (emg.csv): the board's chain runs on it again, exactly as it did live.
/// </summary>
public sealed class RecordingReplaySource : IVirtualSignalSource
{
    private readonly double[][] _emg;
    private readonly double[][]? _imu;
    private readonly int _emgRateHz, _imuRateHz;

    /// <summary>Replays <paramref name="data"/>, which must hold raw EMG (emg.csv).</summary>
    public RecordingReplaySource(RecordingData data)
    {
        if (data.Emg == null) throw new InputException("replay needs raw EMG (emg.csv); this recording holds only the envelope");
        Channels = data.Meta.Channels.Select(c => c.Name).ToArray();
        _emg = Channels.Select(c => data.Emg.Column(c)).ToArray();
        _emgRateHz = data.Meta.EmgRateHz;
        _imuRateHz = data.Meta.ImuRateHz;
        SampleTable? imu = data.Meta.Imus.Select(i => data.Imus[i.Name]).FirstOrDefault();
        _imu = imu == null ? null : RecordingFolder.ImuColumns.Select(imu.Column).ToArray();
        DurationS = _emg[0].Length / (double)_emgRateHz;
    }

    /// <summary>Channel names of the recording, in AFE order.</summary>
    public string[] Channels { get; }

    /// <summary>The recording's EMG rate (Hz): the board is set to it.</summary>
    public int EmgRateHz => _emgRateHz;

    /// <inheritdoc />
    public int ChannelCount => Channels.Length;

    /// <inheritdoc />
    public double DurationS { get; }

    /// <inheritdoc />
    public void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts)
    {
        if (sampleRateHz != _emgRateHz)
            throw new InvalidOperationException($"the board runs at {sampleRateHz} Hz, the recording at {_emgRateHz} Hz");
        for (int i = 0; i < count; i++)
        {
            long s = firstSample + i;
            for (int c = 0; c < Channels.Length; c++)
            {
                double v = s < _emg[c].Length ? _emg[c][s] : 0;
                microvolts[i * Channels.Length + c] = double.IsFinite(v) ? v : 0;
            }
        }
    }

    /// <inheritdoc />
    public void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel)
    {
        for (int i = 0; i < count; i++)
        {
            long s = (long)((firstSample + i) * (double)_imuRateHz / sampleRateHz);   // nearest earlier sample
            for (int a = 0; a < 6; a++)
            {
                double v = _imu != null && s < _imu[a].Length ? _imu[a][s] : (a == 5 ? 9.80665 : 0);
                gyroAccel[i * 6 + a] = double.IsFinite(v) ? v : 0;
            }
        }
    }
}
