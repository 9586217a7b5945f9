using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Live;

/// <summary>A board (serial, BLE, or the virtual board) behind the live views, through its <see cref="BoardSession"/>.</summary>
public sealed class SessionLiveSource : ILiveSource
{
    private readonly object _gate = new();
    private readonly BoardSession _session;
    private readonly Action _advance;
    private int _marker;
    private Frame? _lastStatus;

    /// <summary>Drives the live views from <paramref name="session"/>; <paramref name="channels"/> names the EMG channels,
    /// <paramref name="mvcUv"/> turns amplitudes into %MVC;
    /// <paramref name="description"/> says what it is (default: the session's connection); <paramref name="advance"/> is how
    /// a tick moves the session on while streaming (default: one <see cref="BoardSession.Pump"/>, for a board on the
    /// machine's clock).</summary>
    public SessionLiveSource(BoardSession session, string[] channels,
        System.Collections.Generic.IReadOnlyDictionary<string, double>? mvcUv = null,
        string? description = null, Action? advance = null)
    {
        _session = session;
        _advance = advance ?? session.Pump;
        Monitor = new LiveMonitor(channels, mvcUv);
        Description = description ?? session.Description;
    }

    /// <inheritdoc />
    public LiveMonitor Monitor { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public GluteSense.Host.Dsp.SignalChainDescription? EnvelopeChain =>
        GluteSense.Host.Dsp.SignalChainDescription.OfBoard(_session.Configuration);

    /// <inheritdoc />
    public bool Streaming { get; private set; }

    /// <inheritdoc />
    public void Start()
    {
        lock (_gate)
        {
            if (Streaming) return;
            _session.Start();
            Streaming = true;
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        lock (_gate)
        {
            if (!Streaming) return;
            _session.Stop();
            Collect();
            Streaming = false;
        }
    }

    /// <inheritdoc />
    public int Marker()
    {
        lock (_gate)
        {
            int id = ++_marker;
            _session.Marker(id);
            return id;
        }
    }

    /// <inheritdoc />
    public LiveSnapshot Tick()
    {
        lock (_gate)
        {
            if (Streaming)
            {
                _advance();
                Collect();
            }

            if (_session.Collector.LastStatus is { } status && !ReferenceEquals(status, _lastStatus))
            {
                _lastStatus = status;
                Monitor.AddStatus(status);   // per-channel lead-off warnings and the signal check's contact and clipping
            }

            var warnings = Array.Empty<string>();
            return Monitor.Snapshot(_session.Reassembler.Counters.Delivered, _session.Gaps.Sum(g => g.SampleCount), warnings);
        }
    }

    private void Collect() => Monitor.Add(_session.TakeEnvelope(), _session.TakeImu(), _session.TakeEvents());
}
