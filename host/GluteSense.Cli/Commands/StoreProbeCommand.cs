using System;
using System.CommandLine;
using System.Threading;
using GluteSense.Host.Store;

namespace GluteSense.Cli.Commands;

/// <summary>
/// Hidden developer command: streams a known signal into the recording database in real time and reports its
/// progress, so a test can SIGKILL it mid-stream and check what survived (value of sample i, channel c = i + 0.25 c).
/// </summary>
internal static class StoreProbeCommand
{
    /// <summary>Rate (Hz) and block size of the probe stream.</summary>
    public const int RateHz = 1000, BlockFrames = 10, Channels = 4;

    public static float Value(long sample, int channel) => sample + 0.25f * channel;

    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Database file", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "How long to stream (s)", DefaultValueFactory = _ => 30 };
        var command = new Command("store-probe", "Developer check: stream a known signal into a database until killed") { Hidden = true };
        command.Options.Add(db);
        command.Options.Add(seconds);
        command.SetAction(parseResult => CommandRunner.Run(parseResult, "store-probe", stdout =>
        {
            using RecordingStore store = RecordingStore.Open(parseResult.GetValue(db)!);
            long session = store.AddSession(store.Subject("probe"), store.Board("GS-PROBE"));
            long trial = store.AddTrial(session, "rest", "probe");
            long stream = store.AddStream(trial, "emg_raw", RateHz, new[] { "c0", "c1", "c2", "c3" }, "uV");
            stdout.WriteLine($"stream {stream}");
            stdout.Flush();
            using StreamAppender appender = store.Append(stream, Channels, RateHz);
            var block = new float[BlockFrames * Channels];
            DateTime start = DateTime.UtcNow;
            long total = (long)(parseResult.GetValue(seconds) * RateHz);
            for (long n = 0; n < total; n += BlockFrames)
            {
                for (int i = 0; i < block.Length; i++)
                {
                    block[i] = Value(n + i / Channels, i % Channels);
                }

                appender.Append(block, 0, BlockFrames);
                stdout.WriteLine($"appended {appender.NextSample}");
                stdout.Flush();
                TimeSpan due = TimeSpan.FromSeconds((double)appender.NextSample / RateHz) - (DateTime.UtcNow - start);
                if (due > TimeSpan.Zero)
                {
                    Thread.Sleep(due);
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
