using System;
using System.Collections.Generic;
using System.Diagnostics;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Link;
using GluteSense.Host.Live;
using GluteSense.Host.Simulation;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Virtual;

/// <summary>
/// A live session on the virtual board running in real time (times <see cref="Speed"/>): a simulated patient doing
/// repetitions, streamed through the protocol over a BLE-like link by a <see cref="BoardSession"/> over the
/// <see cref="VirtualTransport"/> (the session real boards use); start, stop and marker commands reach the board.
/// The session runs on simulated time that each tick brings up to the wall clock (times the speed) in
/// <see cref="BoardSession.PumpStep"/> steps, so retransmissions are asked for as promptly as on a real link however
/// fast the replay runs.
/// Thread-safe: the dashboard's request threads and its pump (DashboardPump) share it.
/// </summary>
public sealed class VirtualLiveSession : ILiveSource
{
    private readonly SessionLiveSource _live;
    private readonly BoardSession _session;
    private readonly Stopwatch _wall = new();
    private TimeSpan _startedAt;

    /// <summary>
    /// A virtual patient doing <paramref name="reps"/> repetitions of <paramref name="exercise"/> (simulated up front from
    /// <paramref name="seed"/>), streamed at <paramref name="speed"/> times real time over <paramref name="link"/>, resting
    /// <paramref name="leadS"/> before the first.
    /// </summary>
    public VirtualLiveSession(Exercise exercise, int reps, int seed, double speed = 1, SimulatedLinkSettings? link = null,
        IReadOnlyDictionary<string, double>? mvcUv = null, double leadS = 2)
        : this(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = exercise, Reps = reps, Seed = seed, LeadS = leadS })),
            Activation.Muscles, ProtocolSpec.RawRateLowHz, "virtual board (simulated " + exercise.Name() + ")", speed, link, mvcUv)
    {
    }

    /// <summary>Any signal source behind the virtual board (a simulation, a replayed recording) at its EMG rate.</summary>
    public VirtualLiveSession(IVirtualSignalSource source, string[] channels, int emgRateHz, string description, double speed = 1,
        SimulatedLinkSettings? link = null,
        IReadOnlyDictionary<string, double>? mvcUv = null)
    {
        Board = new VirtualBoard(source, link ?? ClinicDemo.Link);
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), $"speed {speed} must be > 0");
        _session = VirtualTransport.Session(Board);
        if (emgRateHz != _session.Configuration.EmgRateHz) _session.SetEmgRate(emgRateHz);
        Speed = speed;
        _live = new SessionLiveSource(_session, channels, mvcUv, description, CatchUp);
    }

    /// <summary>The virtual board.</summary>
    public VirtualBoard Board { get; }

    /// <inheritdoc />
    public string Description => _live.Description;

    /// <inheritdoc />
    public Dsp.SignalChainDescription? EnvelopeChain => _live.EnvelopeChain;

    /// <summary>Replay speed (1 = real time).</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public LiveMonitor Monitor => _live.Monitor;

    /// <inheritdoc />
    public bool Streaming => _live.Streaming;

    /// <summary>Serial number of the virtual board.</summary>
    public string Serial => Board.Serial;

    /// <inheritdoc />
    public void Start()
    {
        if (Streaming) return;
        _startedAt = _session.Time.Elapsed;
        _wall.Restart();
        _live.Start();
    }

    // While streaming: simulated time follows the wall clock since the start, times the speed.
    private void CatchUp() => _session.PumpUntil(_startedAt + TimeSpan.FromTicks((long)(_wall.Elapsed.Ticks * Speed)));

    /// <inheritdoc />
    public void Stop() => _live.Stop();

    /// <summary>Asks the board for a marker; it comes back as an event frame (counted in the snapshot).</summary>
    public int Marker() => _live.Marker();

    /// <summary>Runs the board up to now and returns the view.</summary>
    public LiveSnapshot Tick() => _live.Tick();
}
