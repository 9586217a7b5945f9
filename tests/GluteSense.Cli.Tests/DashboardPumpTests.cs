using System;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using GluteSense.Cli.Serve;
using GluteSense.Host.Live;
using GluteSense.Host.Recording;
using GluteSense.Host.Transport;
using Microsoft.Extensions.Hosting;

namespace GluteSense.Cli.Tests;

/// <summary>The dashboard's pump: every open page gets every snapshot, and a board error does not stop the server; the
/// next snapshot says what failed, once.</summary>
public sealed class DashboardPumpTests
{
    [Fact]
    public async Task EveryPageGetsEverySnapshot_AndABoardErrorIsAWarningNotAStop()
    {
        var board = FlakyBoard();
        using var pump = new DashboardPump(board);
        ChannelReader<LiveSnapshot> first = pump.Subscribe().Reader, second = pump.Subscribe().Reader;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await pump.StartAsync(stop.Token);
        try
        {
            // Ticks 1-2 succeed, tick 3 throws, tick 4 carries its message, tick 5 does not.
            LiveSnapshot[] a = await Take(first, 4, stop.Token), b = await Take(second, 4, stop.Token);
            Assert.Equal(new[] { 1.0, 2.0, 4.0, 5.0 }, a.Select(s => s.TimeS));
            Assert.Equal(a.Select(s => s.TimeS), b.Select(s => s.TimeS));
            Assert.Equal(new[] { 0, 0, 1, 0 }, a.Select(s => s.Warnings.Count));
            Assert.Equal(FlakyBoardError, a[2].Warnings.Single());
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ADefectInATickStopsTheServer_AndIsThrownAfterItStopped()
    {
        var board = FlakyBoard(new InvalidOperationException("a defect in the tick"));
        Microsoft.AspNetCore.Builder.WebApplication app = DashboardServer.Build(board, null,
            $"http://127.0.0.1:{DashboardBrowserTests.FreePort()}");
        var pump = (DashboardPump)app.Services.GetService(typeof(DashboardPump))!;   // before RunAsync, which disposes the services
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await ((IHost)app).RunAsync(cancel.Token);
        Assert.False(cancel.IsCancellationRequested, "the server went on after its pump failed");
        Assert.Equal("a defect in the tick", Assert.Throws<InvalidOperationException>(pump.ThrowIfFailed).Message);
    }

    private static async Task<LiveSnapshot[]> Take(ChannelReader<LiveSnapshot> page, int count, CancellationToken cancel)
    {
        var got = new LiveSnapshot[count];
        for (int i = 0; i < count; i++) got[i] = await page.ReadAsync(cancel);
        return got;
    }

    private const string FlakyBoardError = "serial (memory): no response within 2000 ms to time_sync";

    // A board whose third tick times out (a time-sync command while the link is up) or throws what it is given; each
    // snapshot's time is its tick.
    private static ScriptedLiveSource FlakyBoard(Exception? atThirdTick = null) => new(tick: (n, monitor) => n == 3
        ? throw atThirdTick ?? new BoardTimeoutException(FlakyBoardError)
        : monitor.Snapshot(0, 0, Array.Empty<string>()) with { TimeS = n });
}
