using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using GluteSense.Host.Live;
using GluteSense.Host.Transport;
using Microsoft.Extensions.Hosting;

namespace GluteSense.Cli.Serve;

/// <summary>
/// Moves the live source on every <see cref="DashboardServer.PushPeriodMs"/> whether or not a page is open, and hands
/// each snapshot to every open event stream.
/// </summary>
/// <remarks>
/// The page's event stream used to drive the ticks itself. With no page open (the tab closed during a set) nothing
/// pumped the board: a real board's ring moved on and the recorded set got gaps, the virtual board's set got nothing.
/// With two pages, each got half of the trace points. A page that stops reading now only loses its own oldest
/// snapshots (<see cref="QueuedSnapshots"/>); the board and the recorder never wait for it.
/// </remarks>
internal sealed class DashboardPump(ILiveSource session) : BackgroundService
{
    /// <summary>Snapshots kept for a page that reads slowly (2 s at 50 ms) before its oldest are dropped.</summary>
    public const int QueuedSnapshots = 40;

    private readonly ConcurrentDictionary<Channel<LiveSnapshot>, bool> _pages = new();
    private string? _tickError;

    /// <summary>A new page's stream of snapshots (read its <c>Reader</c>); <see cref="Unsubscribe"/> when the page leaves.</summary>
    public Channel<LiveSnapshot> Subscribe()
    {
        var page = Channel.CreateBounded<LiveSnapshot>(
            new BoundedChannelOptions(QueuedSnapshots) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _pages[page] = true;
        return page;
    }

    /// <summary>After the server stopped: an error other than a board's (a defect) stopped the pump, and with it the
    /// server (the host's default for a failed background service); it is thrown here so that it is not silent.</summary>
    public void ThrowIfFailed()
    {
        if (ExecuteTask is { IsFaulted: true } failed)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
    }

    /// <summary>The page left: no more snapshots for it.</summary>
    public void Unsubscribe(Channel<LiveSnapshot> page)
    {
        _pages.TryRemove(page, out _);
        page.Writer.TryComplete();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(DashboardServer.PushPeriodMs));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                LiveSnapshot? snapshot = Tick();
                if (snapshot == null) continue;
                foreach (Channel<LiveSnapshot> page in _pages.Keys) page.Writer.TryWrite(snapshot);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
        finally
        {
            foreach (Channel<LiveSnapshot> page in _pages.Keys) page.Writer.TryComplete();
        }
    }

    // A board error (a command that timed out while the link is up) must not stop the server: the next tick tries
    // again, and the next snapshot carries the error as a warning, once.
    private LiveSnapshot? Tick()
    {
        try
        {
            LiveSnapshot snapshot = session.Tick();
            if (_tickError == null) return snapshot;
            snapshot = snapshot with { Warnings = [.. snapshot.Warnings, _tickError] };
            _tickError = null;
            return snapshot;
        }
        catch (BoardException e)
        {
            _tickError = e.Message;
            return null;
        }
    }
}
