using System;
using System.Diagnostics;
using System.IO;
using GluteSense.Host.Store;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Store;

/// <summary>SIGKILL of a recording process mid-stream leaves a readable database that lost at most 1 s of data.</summary>
public sealed class StoreKillTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KilledRecorderLosesAtMostOneSecond()
    {
        string db = Path.Combine(_dir, "kill.db");
        string probe = Path.Combine(AppContext.BaseDirectory, "GluteSense.StoreProbe.dll");
        var psi = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in new[] { probe, db, "60" })
        {
            psi.ArgumentList.Add(a);
        }

        using Process process = new() { StartInfo = psi };
        long lastReported = 0;
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null && e.Data.StartsWith("appended ", StringComparison.Ordinal))
            {
                System.Threading.Interlocked.Exchange(ref lastReported, long.Parse(e.Data["appended ".Length..]));
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (System.Threading.Interlocked.Read(ref lastReported) < 2500 && DateTime.UtcNow < deadline && !process.HasExited)
        {
            System.Threading.Thread.Sleep(50);
        }

        Assert.False(process.HasExited, "probe ended early: " + errors);
        long reported = System.Threading.Interlocked.Read(ref lastReported);
        process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup, no flush
        process.WaitForExit();
        Assert.True(reported >= 2500, "the probe did not get going: " + errors);
        lastReported = Math.Max(reported, System.Threading.Interlocked.Read(ref lastReported));

        using RecordingStore store = RecordingStore.Open(db);
        Assert.Equal("ok", store.IntegrityCheck());
        StoredStream stream = store.ReadStream(store.Streams(store.Trials(store.Sessions()[0].Id)[0].Id)[0].Id);
        Assert.True(stream.Samples >= lastReported - GluteSense.StoreProbe.StoreProbe.RateHz,
            $"stored {stream.Samples} samples, the probe had appended {lastReported}: more than 1 s lost");
        for (long i = 0; i < stream.Samples; i++)
        {
            for (int c = 0; c < GluteSense.StoreProbe.StoreProbe.Channels; c++)
            {
                Assert.Equal(GluteSense.StoreProbe.StoreProbe.Value(i, c), stream.Interleaved[i * GluteSense.StoreProbe.StoreProbe.Channels + c]);
            }
        }
    }
}
