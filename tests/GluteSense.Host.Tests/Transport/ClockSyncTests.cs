using System;
using System.Linq;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Tests.Transport;

/// <summary>Two simulated boards with their own clock offset and drift (one wrapping its 32-bit clock mid-test),
/// synchronised once a second over a link with random one-way delays of 3-20 ms, and a reconnect gap.</summary>
public class ClockSyncTests
{
    private sealed record Board(double OffsetUs, double DriftPpm)
    {
        public uint DeviceUs(double hostUs) => unchecked((uint)(long)Math.Round(OffsetUs + hostUs * (1 + DriftPpm * 1e-6)));
    }

    private static ClockSync Sync(Board board, Random random, double fromS, double toS, ClockSync? existing = null)
    {
        var sync = existing ?? new ClockSync();
        for (double t = fromS * 1e6; t < toS * 1e6; t += 1e6)
        {
            double up = 3000 + 17000 * random.NextDouble(), down = 3000 + 17000 * random.NextDouble();
            sync.Add((long)t, (long)(t + up + down), board.DeviceUs(t + up));
        }

        return sync;
    }

    [Fact]
    public void TwoBoardsAreAlignedWithin2Ms_AcrossAWrapAndAReconnect()
    {
        var random = new Random(7);
        var a = new Board(OffsetUs: 4294967296.0 - 30e6, DriftPpm: 40);   // wraps 30 s in
        var b = new Board(OffsetUs: 7e6, DriftPpm: -30);
        ClockSync sa = Sync(a, random, 0, 60), sb = Sync(b, random, 0, 60);
        // Reconnect: 20 s without exchanges, then syncing resumes on the same (still running) board clocks.
        sa = Sync(a, random, 80, 140, sa);
        sb = Sync(b, random, 80, 140, sb);
        foreach (double eventS in new[] { 100.3, 120.7, 139.9 })
        {
            double t = eventS * 1e6;
            double ha = sa.HostUs(a.DeviceUs(t)), hb = sb.HostUs(b.DeviceUs(t));
            Assert.True(Math.Abs(ha - hb) < 2000, $"boards differ by {(ha - hb) / 1000:0.00} ms at {eventS} s");
            Assert.True(Math.Abs(ha - t) < 2000, $"board A off by {(ha - t) / 1000:0.00} ms at {eventS} s");
        }

        Assert.Equal(40, sa.DriftPpm, 5.0);
        Assert.Equal(-30, sb.DriftPpm, 5.0);
    }

    [Fact]
    public void WithoutTheDriftFitAlignmentWouldFail()
    {
        // The check above can fail: 40 ppm over 140 s is 5.6 ms, far beyond 2 ms, if only the offset were used.
        var board = new Board(OffsetUs: 0, DriftPpm: 40);
        double error = board.DeviceUs(140e6) - (140e6 + board.DeviceUs(0));
        Assert.True(Math.Abs(error) > 5000);
        Assert.Throws<InvalidOperationException>(() => new ClockSync().HostUs(0));
        Assert.Throws<ArgumentException>(() => new ClockSync().Add(10, 5, 0));
    }
}
