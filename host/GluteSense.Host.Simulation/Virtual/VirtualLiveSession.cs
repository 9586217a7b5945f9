using System.Diagnostics;
using System.Linq;
using System;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Link;
using GluteSense.Host.Live;
using GluteSense.Host.Simulation;


namespace GluteSense.Host.Virtual;

/// <summary>
/// A live session on the virtual board running in real time (times <see cref="Speed"/>): a simulated patient doing
/// repetitions, streamed through the protocol over a BLE-like link; start, stop and marker commands reach the board.
/// Thread-safe: the dashboard's request threads and its push loop share it.
/// </summary>
public sealed class VirtualLiveSession : ILiveSource
{
    private readonly object _gate = new();
    private readonly VirtualBoardClient _client;
    private readonly Stopwatch _wall = new();
    private long _boardStartUs;
    private int _marker;
    private Frame? _lastStatus;

    /// <summary>A virtual patient doing <paramref name="reps"/> repetitions of <paramref name="exercise"/> (simulated up front from <paramref name="seed"/>), streamed at <paramref name="speed"/> times real time over <paramref name="link"/>, resting <paramref name="leadS"/> before the first.</summary>
    public VirtualLiveSession(Exercise exercise, int reps, int seed, double speed = 1, SimulatedLinkSettings? link = null,
        System.Collections.Generic.IReadOnlyDictionary<string, double>? mvcUv = null, double leadS = 2)
        : this(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = exercise, Reps = reps, Seed = seed, LeadS = leadS })),
            Activation.Muscles, ProtocolSpec.RawRateLowHz, "virtual board (simulated " + exercise.Name() + ")", speed, link, mvcUv)
    {
    }

    /// <summary>Any signal source behind the virtual board (a simulation, a replayed recording) at its EMG rate.</summary>
    public VirtualLiveSession(IVirtualSignalSource source, string[] channels, int emgRateHz, string description, double speed = 1, SimulatedLinkSettings? link = null,
        System.Collections.Generic.IReadOnlyDictionary<string, double>? mvcUv = null)
    {
        var board = new VirtualBoard(source, link ?? ClinicDemo.Link);
        _client = new VirtualBoardClient(board);
        if (emgRateHz != board.Configuration.EmgRateHz) _client.Command((c, t) => CommandCodec.SetEmgRate(c, t, emgRateHz));
        Speed = speed;
        Description = description;
        Monitor = new LiveMonitor(channels, mvcUv);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public Dsp.SignalChainDescription? EnvelopeChain => Live.BoardChain.Describe(_client.Board.Runtime.Pipeline);

    /// <summary>Replay speed (1 = real time).</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public LiveMonitor Monitor { get; }

    /// <inheritdoc />
    public bool Streaming { get; private set; }

    /// <summary>Serial number of the virtual board.</summary>
    public string Serial => _client.Board.Serial;

    /// <inheritdoc />
    public void Start()
    {
        lock (_gate)
        {
            if (Streaming) return;
            _client.Start();
            _boardStartUs = _client.Board.NowUs;
            _wall.Restart();
            Streaming = true;
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        lock (_gate)
        {
            if (!Streaming) return;
            _client.Stop();
            Collect();
            Streaming = false;
        }
    }

    /// <summary>Asks the board for a marker; it comes back as an event frame (counted in the snapshot).</summary>
    public int Marker()
    {
        lock (_gate)
        {
            int id = ++_marker;
            _client.Command((c, t) => CommandCodec.InsertMarker(c, t, id));
            return id;
        }
    }

    /// <summary>Runs the board up to now and returns the view.</summary>
    public LiveSnapshot Tick()
    {
        lock (_gate)
        {
            if (Streaming)
            {
                long target = _boardStartUs + (long)(_wall.Elapsed.Ticks / 10 * Speed);
                _client.RunUntil(target - target % VirtualBoardClient.PumpStepUs);
                Collect();
            }

            if (_client.LastStatus is { } status && !ReferenceEquals(status, _lastStatus))
            {
                _lastStatus = status;
                Monitor.AddStatus(status);   // per-channel lead-off warnings and the signal check's contact and clipping
            }

            var warnings = Array.Empty<string>();
            return Monitor.Snapshot(_client.Reassembler.Counters.Delivered, _client.Gaps.Sum(g => g.SampleCount), warnings);
        }
    }

    private void Collect() => Monitor.Add(_client.TakeEnvelope(), _client.TakeImu(), _client.TakeEvents());
}
