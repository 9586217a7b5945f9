using System;
using System.Linq;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Live;

/// <summary>A board (serial, BLE, or the virtual board) behind the live views, through its <see cref="BoardSession"/>.</summary>
public sealed class SessionLiveSource : ILiveSource
{
    private readonly object _gate = new();
    private readonly BoardSession _session;
    private int _marker;

    /// <summary>Drives the live views from <paramref name="session"/>; <paramref name="channels"/> names the EMG channels, <paramref name="mvcUv"/> turns amplitudes into %MVC;
    /// <paramref name="description"/> says what it is (default: the session's connection).</summary>
    public SessionLiveSource(BoardSession session, string[] channels, System.Collections.Generic.IReadOnlyDictionary<string, double>? mvcUv = null,
        string? description = null)
    {
        _session = session;
        Monitor = new LiveMonitor(channels, mvcUv);
        Description = description ?? session.Description;
    }

    /// <inheritdoc />
    public LiveMonitor Monitor { get; }

    /// <inheritdoc />
    public string Description { get; }

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
                _session.Pump();
                Collect();
            }

            var warnings = _session.Collector.LastStatus is { } s && s.LeadOffMask != 0 ? new[] { "electrode contact lost (lead-off)" } : Array.Empty<string>();
            return Monitor.Snapshot(_session.Reassembler.Counters.Delivered, _session.Gaps.Sum(g => g.SampleCount), warnings);
        }
    }

    private void Collect() => Monitor.Add(_session.TakeEnvelope(), _session.TakeImu(), _session.TakeEvents());
}
