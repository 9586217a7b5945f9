using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Link;

/// <summary>A window of simulated time during which every notification is lost (device out of range, radio busy).</summary>
/// <param name="StartUs">Link time at which the outage starts (us).</param>
/// <param name="DurationUs">Length of the outage (us).</param>
public sealed record LinkOutage(long StartUs, long DurationUs)
{
    /// <summary>True if <paramref name="timeUs"/> falls inside the outage.</summary>
    public bool Covers(long timeUs) => timeUs >= StartUs && timeUs < StartUs + DurationUs;
}

/// <summary>Impairments of a <see cref="SimulatedLink"/>. All probabilities are per notification, in 0..1.</summary>
public sealed record SimulatedLinkSettings
{
    /// <summary>Negotiated ATT MTU (23, 185, 247 ...): notifications longer than MTU - 3 are rejected as a sender bug.</summary>
    public int AttMtu { get; init; } = ProtocolSpec.AttMtuDefault;

    /// <summary>Independent random loss of each notification.</summary>
    public double LossProbability { get; init; }

    /// <summary>Probability that a notification starts a burst of losses.</summary>
    public double BurstStartProbability { get; init; }

    /// <summary>Notifications lost in a burst (including the one that started it).</summary>
    public int BurstLength { get; init; } = 5;

    /// <summary>Time windows in which everything is lost.</summary>
    public IReadOnlyList<LinkOutage> Outages { get; init; } = Array.Empty<LinkOutage>();

    /// <summary>Probability that a delivered notification arrives twice.</summary>
    public double DuplicateProbability { get; init; }

    /// <summary>Probability that a delivered notification is held back and arrives after later ones.</summary>
    public double ReorderProbability { get; init; }

    /// <summary>How many later notifications overtake a held-back one.</summary>
    public int ReorderDepth { get; init; } = 3;

    /// <summary>Seed of the random generator: the same seed and traffic give the same impairments.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>BLE connection interval (us): notifications arrive only at connection events. 0 = immediately.</summary>
    public long ConnectionIntervalUs { get; init; }

    /// <summary>Notifications the link carries per connection event (controller and phone limits). 0 = no limit.</summary>
    public int MaxNotificationsPerEvent { get; init; }

    /// <summary>Notifications the board's stack can queue; more are dropped (counted). 0 = no limit.</summary>
    public int MaxQueuedNotifications { get; init; }

    /// <summary>Fixed one-way latency (us) on top of the connection-event wait.</summary>
    public long LatencyUs { get; init; }

    /// <summary>Disconnections: while one lasts nothing is carried, and what was queued is lost with the connection.</summary>
    public IReadOnlyList<LinkOutage> Disconnects { get; init; } = Array.Empty<LinkOutage>();
}

/// <summary>Counters of what a <see cref="SimulatedLink"/> did.</summary>
public sealed class LinkStatistics
{
    /// <summary>Notifications offered by the sender.</summary>
    public int Sent { get; internal set; }

    /// <summary>Lost at random.</summary>
    public int LostRandom { get; internal set; }

    /// <summary>Lost in bursts.</summary>
    public int LostBurst { get; internal set; }

    /// <summary>Lost in outages.</summary>
    public int LostOutage { get; internal set; }

    /// <summary>Delivered twice.</summary>
    public int Duplicated { get; internal set; }

    /// <summary>Delivered out of order.</summary>
    public int Reordered { get; internal set; }

    /// <summary>Notifications lost to a disconnection (sent while down, or queued when it began).</summary>
    public int LostDisconnect { get; internal set; }

    /// <summary>Notifications dropped because the board's queue was full (rate limit exceeded for too long).</summary>
    public int LostQueueFull { get; internal set; }
}

/// <summary>
/// A deterministic, lossy one-way notification link for tests and the virtual board: the board side is an
/// <see cref="INotificationSink"/> (so a core <see cref="FramePublisher"/> sends straight into it), the host side
/// drains what arrived. Time is simulated: the sender sets <see cref="NowUs"/> before sending.
/// </summary>
public sealed class SimulatedLink : INotificationSink
{
    private readonly SimulatedLinkSettings _settings;
    private readonly Random _random;
    private readonly List<(long AtUs, byte[] Data)> _queue = new();
    private long _eventIndex = -1;
    private int _inEvent;
    private readonly List<(byte[] Data, int ReleaseAfter)> _held = new();
    private int _burstRemaining;

    /// <summary>Creates a link with the given impairments.</summary>
    public SimulatedLink(SimulatedLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.AttMtu < ProtocolSpec.AttMtuDefault)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "ATT MTU must be at least " + ProtocolSpec.AttMtuDefault);
        }

        _settings = settings;
        _random = new Random(settings.Seed);
    }

    /// <summary>The settings this link was made with.</summary>
    public SimulatedLinkSettings Settings => _settings;

    /// <summary>Current simulated time (us), set by whoever drives the simulation.</summary>
    public long NowUs { get; set; }

    /// <summary>What the link did so far.</summary>
    public LinkStatistics Statistics { get; } = new();

    /// <summary>Offers one notification to the link (board side).</summary>
    public void Send(byte[] buffer, int offset, int length)
    {
        if (length > ProtocolSpec.NotificationPayloadLength(_settings.AttMtu))
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                "notification of " + length + " bytes exceeds ATT MTU " + _settings.AttMtu + " - 3");
        }

        Statistics.Sent++;
        ReleaseHeld();
        if (IsDisconnected(NowUs))
        {
            Statistics.LostDisconnect++;
            return;
        }

        foreach (LinkOutage outage in _settings.Outages)
        {
            if (outage.Covers(NowUs))
            {
                Statistics.LostOutage++;
                return;
            }
        }

        if (_burstRemaining > 0)
        {
            _burstRemaining--;
            Statistics.LostBurst++;
            return;
        }

        if (_random.NextDouble() < _settings.BurstStartProbability)
        {
            _burstRemaining = Math.Max(0, _settings.BurstLength - 1);
            Statistics.LostBurst++;
            return;
        }

        if (_random.NextDouble() < _settings.LossProbability)
        {
            Statistics.LostRandom++;
            return;
        }

        byte[] copy = buffer.AsSpan(offset, length).ToArray();
        if (_random.NextDouble() < _settings.ReorderProbability)
        {
            Statistics.Reordered++;
            _held.Add((copy, Math.Max(1, _settings.ReorderDepth)));
        }
        else
        {
            Enqueue(copy);
        }

        if (_random.NextDouble() < _settings.DuplicateProbability)
        {
            Statistics.Duplicated++;
            Enqueue(copy);
        }
    }

    /// <summary>True while a configured disconnection lasts at <paramref name="timeUs"/>.</summary>
    public bool IsDisconnected(long timeUs)
    {
        foreach (LinkOutage d in _settings.Disconnects)
        {
            if (d.Covers(timeUs))
            {
                return true;
            }
        }

        return false;
    }

    // Schedules a notification for the first connection event after the latency that still has room.
    private void Enqueue(byte[] data)
    {
        if (_settings.MaxQueuedNotifications > 0 && _queue.Count >= _settings.MaxQueuedNotifications)
        {
            Statistics.LostQueueFull++;
            return;
        }

        long ready = NowUs + _settings.LatencyUs;
        long interval = _settings.ConnectionIntervalUs;
        if (interval <= 0)
        {
            _queue.Add((ready, data));
            return;
        }

        long eventIndex = Math.Max((ready + interval - 1) / interval, _eventIndex);
        if (eventIndex == _eventIndex && _settings.MaxNotificationsPerEvent > 0 && _inEvent >= _settings.MaxNotificationsPerEvent)
        {
            eventIndex++;
        }

        if (eventIndex != _eventIndex)
        {
            _eventIndex = eventIndex;
            _inEvent = 0;
        }

        _inEvent++;
        _queue.Add((eventIndex * interval, data));
    }

    /// <summary>Returns the notifications that arrived since the last call, in arrival order (host side).</summary>
    public IReadOnlyList<byte[]> Drain()
    {
        var result = new List<byte[]>();
        int kept = 0;
        bool down = IsDisconnected(NowUs);
        for (int i = 0; i < _queue.Count; i++)
        {
            if (down)
            {
                Statistics.LostDisconnect++;
            }
            else if (_queue[i].AtUs <= NowUs)
            {
                result.Add(_queue[i].Data);
            }
            else
            {
                _queue[kept++] = _queue[i];
            }
        }

        _queue.RemoveRange(kept, _queue.Count - kept);
        return result;
    }

    /// <summary>Delivers every held-back notification now (end of a session).</summary>
    public void Flush()
    {
        foreach ((byte[] data, _) in _held)
        {
            _queue.Add((NowUs, data));
        }

        _held.Clear();
        for (int i = 0; i < _queue.Count; i++)
        {
            _queue[i] = (Math.Min(_queue[i].AtUs, NowUs), _queue[i].Data);
        }
    }

    private void ReleaseHeld()
    {
        for (int i = 0; i < _held.Count; i++)
        {
            (byte[] data, int after) = _held[i];
            if (after <= 1)
            {
                Enqueue(data);
                _held.RemoveAt(i--);
            }
            else
            {
                _held[i] = (data, after - 1);
            }
        }
    }
}
