namespace GluteSense.Host.Virtual;

/// <summary>
/// What the virtual board's electrodes and IMU "see": simulated signals in physical units, read by sample index at
/// the rates the board is configured for. Implementations are deterministic for a given seed.
/// </summary>
public interface IVirtualSignalSource
{
    /// <summary>EMG channels (the board's AFE channels, in order).</summary>
    int ChannelCount { get; }

    /// <summary>Length of the signal (s); the board streams zeros after it.</summary>
    double DurationS { get; }

    /// <summary>
    /// Fills <paramref name="microvolts"/> with <paramref name="count"/> samples x <see cref="ChannelCount"/> channels
    /// (interleaved) starting at sample <paramref name="firstSample"/> at <paramref name="sampleRateHz"/>: the
    /// electrode potential difference in microvolts, including any DC offset and artefacts.
    /// </summary>
    void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts);

    /// <summary>
    /// Fills <paramref name="gyroAccel"/> with <paramref name="count"/> samples of gx gy gz (rad/s) ax ay az (m/s^2)
    /// of the lumbar IMU in its sensor frame, starting at sample <paramref name="firstSample"/> at <paramref name="sampleRateHz"/>.
    /// </summary>
    void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel);
}
