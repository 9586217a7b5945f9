using System.Collections.Generic;

namespace GluteSense.Host.Recording;

/// <summary>A table of samples: time column (s) and named value columns, column-major.</summary>
public sealed record SampleTable(double[] TimeS, string[] Columns, double[][] Values)
{
    /// <summary>Samples (rows).</summary>
    public int Count => TimeS.Length;

    /// <summary>The values of column <paramref name="name"/>.</summary>
    public double[] Column(string name) => Values[System.Array.IndexOf(Columns, name)];
}

/// <summary>Everything in a recording folder.</summary>
/// <param name="Emg">emg.csv (raw EMG, uV) or null.</param>
/// <param name="Envelope">envelope.csv (RMS envelope, uV) or null.</param>
/// <param name="Imus">imu_NAME.csv per IMU of the metadata.</param>
/// <param name="TruthJson">truth.json text for simulated data, or null.</param>
public sealed record RecordingData(RecordingMeta Meta, SampleTable? Emg, SampleTable? Envelope,
    IReadOnlyDictionary<string, SampleTable> Imus, string? TruthJson);
