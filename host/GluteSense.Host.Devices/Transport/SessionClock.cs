using System;
using System.Diagnostics;
using System.Threading;

namespace GluteSense.Host.Transport;

/// <summary>
/// The time a <see cref="BoardSession"/> runs on: how long since it started, and waiting. A real board runs on the
/// machine's clock (<see cref="WallClock"/>); the virtual board on a <see cref="SimulatedClock"/>, where waiting is
/// what advances time, so a test of a whole session never sleeps and always sees the same timing.
/// </summary>
public abstract class SessionClock
{
    /// <summary>Time since the clock started.</summary>
    public abstract TimeSpan Elapsed { get; }

    /// <summary>Elapsed time in microseconds (the unit of the protocol's clocks).</summary>
    public long ElapsedUs => Elapsed.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Lets <paramref name="duration"/> of this clock's time pass.</summary>
    public abstract void Wait(TimeSpan duration);
}

/// <summary>The machine's clock (real boards).</summary>
public sealed class WallClock : SessionClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc />
    public override TimeSpan Elapsed => _watch.Elapsed;

    /// <inheritdoc />
    public override void Wait(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero) Thread.Sleep(duration);
    }
}

/// <summary>Simulated time: it stands still until someone waits, and waiting advances it at once.</summary>
public sealed class SimulatedClock : SessionClock
{
    private TimeSpan _now;

    /// <inheritdoc />
    public override TimeSpan Elapsed => _now;

    /// <inheritdoc />
    public override void Wait(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero) _now += duration;
    }
}
