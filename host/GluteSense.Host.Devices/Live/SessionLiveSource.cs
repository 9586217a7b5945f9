using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Live;

/// <summary>A real board (serial or BLE) behind the live views, through a <see cref="BoardSession"/>.</summary>
public sealed class SessionLiveSource : ILiveSource
{
    private readonly object _gate = new();
    private readonly BoardSession _session;
    private int _marker;
    private Frame? _lastStatus;

    /// <summary>Drives the live views from <paramref name="session"/>; <paramref name="channels"/> names the EMG channels, <paramref name="mvcUv"/> turns amplitudes into %MVC.</summary>
    public SessionLiveSource(BoardSession session, string[] channels, System.Collections.Generic.IReadOnlyDictionary<string, double>? mvcUv = null)
    {
        _session = session;
        Monitor = new LiveMonitor(channels, mvcUv);
    }

    /// <inheritdoc />
    public LiveMonitor Monitor { get; }

    /// <inheritdoc />
    public string Description => _session.Description;

    /// <inheritdoc />
    public GluteSense.Host.Dsp.SignalChainDescription? EnvelopeChain => BoardChain.FromConfiguration(_session.Configuration);

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
            _session.Stop(TimeSpan.FromSeconds(3));
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
            _session.Command((c, t) => CommandCodec.InsertMarker(c, t, id));
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
                _session.Pump();
                Collect();
            }

            if (_session.Collector.LastStatus is { } status && !ReferenceEquals(status, _lastStatus))
            {
                _lastStatus = status;
                Monitor.AddStatus(status);   // per-channel lead-off warnings and the signal check's contact and clipping
            }

            var warnings = Array.Empty<string>();
            return Monitor.Snapshot(_session.Reassembler.Counters.Delivered, _session.Reassembler.Gaps.Sum(g => g.SampleCount), warnings);
        }
    }

    private void Collect() => Monitor.Add(_session.Collector.TakeEnvelope(), _session.Collector.TakeImu(), _session.Collector.TakeEvents());
}
