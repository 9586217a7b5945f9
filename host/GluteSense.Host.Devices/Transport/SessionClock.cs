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

/// <summary>The machine's clock, optionally accelerated (a replay or a simulation shown at <see cref="Speed"/> x real time).</summary>
public sealed class WallClock : SessionClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>A clock running at <paramref name="speed"/> times real time (1 = real time).</summary>
    public WallClock(double speed = 1)
    {
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), $"clock speed {speed} must be > 0");
        Speed = speed;
    }

    /// <summary>How many seconds of this clock pass per real second.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override TimeSpan Elapsed => Speed == 1 ? _watch.Elapsed : TimeSpan.FromTicks((long)(_watch.Elapsed.Ticks * Speed));

    /// <inheritdoc />
    public override void Wait(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero) Thread.Sleep(TimeSpan.FromTicks((long)(duration.Ticks / Speed)));
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
