using System.Collections.Generic;
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
/// Thread-safe: the dashboard's request threads and its push loop share it.
/// </summary>
public sealed class VirtualLiveSession : ILiveSource
{
    private readonly SessionLiveSource _live;

    /// <summary>A virtual patient doing <paramref name="reps"/> repetitions of <paramref name="exercise"/> (simulated up front from <paramref name="seed"/>), streamed at <paramref name="speed"/> times real time over <paramref name="link"/>.</summary>
    public VirtualLiveSession(Exercise exercise, int reps, int seed, double speed = 1, SimulatedLinkSettings? link = null,
        IReadOnlyDictionary<string, double>? mvcUv = null)
        : this(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = exercise, Reps = reps, Seed = seed })),
            Activation.Muscles, ProtocolSpec.RawRateLowHz, "virtual board (simulated " + exercise.Name() + ")", speed, link, mvcUv)
    {
    }

    /// <summary>Any signal source behind the virtual board (a simulation, a replayed recording) at its EMG rate.</summary>
    public VirtualLiveSession(IVirtualSignalSource source, string[] channels, int emgRateHz, string description, double speed = 1, SimulatedLinkSettings? link = null,
        IReadOnlyDictionary<string, double>? mvcUv = null)
    {
        Board = new VirtualBoard(source, link ?? ClinicDemo.Link);
        BoardSession session = VirtualTransport.Session(Board, new WallClock(speed));
        if (emgRateHz != session.Configuration.EmgRateHz) session.SetEmgRate(emgRateHz);
        Speed = speed;
        _live = new SessionLiveSource(session, channels, mvcUv, description);
    }

    /// <summary>The virtual board.</summary>
    public VirtualBoard Board { get; }

    /// <inheritdoc />
    public string Description => _live.Description;

    /// <summary>Replay speed (1 = real time).</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public LiveMonitor Monitor => _live.Monitor;

    /// <inheritdoc />
    public bool Streaming => _live.Streaming;

    /// <summary>Serial number of the virtual board.</summary>
    public string Serial => Board.Serial;

    /// <inheritdoc />
    public void Start() => _live.Start();

    /// <inheritdoc />
    public void Stop() => _live.Stop();

    /// <summary>Asks the board for a marker; it comes back as an event frame (counted in the snapshot).</summary>
    public int Marker() => _live.Marker();

    /// <summary>Runs the board up to now and returns the view.</summary>
    public LiveSnapshot Tick() => _live.Tick();
}
