using System;
using System.Globalization;
using System.Threading;
using GluteSense.Host.Store;

namespace GluteSense.StoreProbe;

/// <summary>
/// Test-only program: streams a known signal into the recording database in real time and reports its progress, so
/// a test can SIGKILL it mid-stream and check what survived (value of sample i, channel c = i + 0.25 c).
/// Usage: GluteSense.StoreProbe DB SECONDS
/// </summary>
public static class StoreProbe
{
    /// <summary>Rate (Hz) and block size of the probe stream.</summary>
    public const int RateHz = 1000, BlockFrames = 10, Channels = 4;

    public static float Value(long sample, int channel) => sample + 0.25f * channel;

    public static int Main(string[] args)
    {
        if (args.Length != 2 || !double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            Console.Error.WriteLine("usage: GluteSense.StoreProbe DB SECONDS");
            return 2;
        }

        using RecordingStore store = RecordingStore.Open(args[0]);
        long session = store.AddSession(store.Subject("probe"), store.Board("GS-PROBE"));
        long trial = store.AddTrial(session, GluteSense.Host.Exercise.Rest, "probe");
        long stream = store.AddStream(trial, "emg_raw", RateHz, new[] { "c0", "c1", "c2", "c3" }, "uV");
        Console.WriteLine($"stream {stream}");
        using StreamAppender appender = store.Append(stream, Channels, RateHz);
        var block = new float[BlockFrames * Channels];
        DateTime start = DateTime.UtcNow;
        long total = (long)(seconds * RateHz);
        for (long n = 0; n < total; n += BlockFrames)
        {
            for (int i = 0; i < block.Length; i++) block[i] = Value(n + i / Channels, i % Channels);
            appender.Append(block, 0, BlockFrames);
            Console.WriteLine($"appended {appender.NextSample}");
            TimeSpan due = TimeSpan.FromSeconds((double)appender.NextSample / RateHz) - (DateTime.UtcNow - start);
            if (due > TimeSpan.Zero) Thread.Sleep(due);
        }

        return 0;
    }
}
