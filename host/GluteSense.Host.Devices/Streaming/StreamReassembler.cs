using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>
/// Host-side stream reassembly of the data characteristic: notifications -> frames (core
/// <see cref="FragmentReassembler"/> and <see cref="FrameDecoder"/>, no second decoder) -> frames in sequence order,
/// despite lost, duplicated and reordered fragments and sequence / timestamp / sample-index wrap. Missing frames are
/// asked for again (<see cref="TakeRetransmitRequests"/>); what cannot be recovered is declared lost and reported as
/// exact <see cref="SampleGap"/>s (stream, channels, first sample index, count). Nothing is interpolated.
/// </summary>
/// <remarks>
/// Time is the caller's (host clock or simulated), passed in microseconds to <see cref="AddNotification"/> and
/// <see cref="Poll"/>. Usage: Start(position from the StartStreaming response), AddNotification for every
/// notification, Poll regularly, send every request from TakeRetransmitRequests, End(position from the
/// StopStreaming response), keep feeding until <see cref="Complete"/> is true or you give up, then Finish().
/// </remarks>
public sealed class StreamReassembler
{
    private sealed class MissingState
    {
        public long NoticedUs;
        public long LastRequestUs;
        public int Requests;
    }

    private sealed class StreamState
    {
        public long NextIndex = -1;
        public int ChannelsOrSensors;
        public int SampleRateHz;
        public double NextTimeUs = double.NaN;
    }

    private readonly StreamReassemblerOptions _options;
    private readonly FragmentReassembler _fragments = new();
    private readonly Frame _scratch = new();
    private readonly SortedDictionary<long, ReceivedFrame?> _pending = new(); // null = received but of unknown type
    private readonly SortedDictionary<long, MissingState> _missing = new();
    private readonly Dictionary<byte, StreamState> _streams = new();
    private readonly List<ReceivedFrame> _delivered = new();
    private readonly List<SampleGap> _gaps = new();
    private readonly List<LostFrameRange> _lost = new();
    private readonly List<RetransmitRequest> _requests = new();
    private long _nextExpected = -1;
    private long _highestSeen = -1;
    private long _endSequence = -1;
    private StreamPosition? _end;
    private bool _haveTimestamp;
    private long _lastTimestampUs;

    /// <summary>Creates a reassembler with default options (retransmission on).</summary>
    public StreamReassembler() : this(new StreamReassemblerOptions())
    {
    }

    /// <summary>Creates a reassembler with the given options.</summary>
    public StreamReassembler(StreamReassemblerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Frames delivered so far, in sequence order.</summary>
    public IReadOnlyList<ReceivedFrame> Delivered => _delivered;

    /// <summary>Samples that could not be recovered, in stream order.</summary>
    public IReadOnlyList<SampleGap> Gaps => _gaps;

    /// <summary>Frames declared lost.</summary>
    public IReadOnlyList<LostFrameRange> LostFrames => _lost;

    /// <summary>Counters.</summary>
    public StreamCounters Counters { get; } = new();

    /// <summary>True once End was called and every frame before the end is delivered or declared lost.</summary>
    public bool Complete => _endSequence >= 0 && _nextExpected >= _endSequence;

    /// <summary>Sets the expected first frame and sample indices (data of the StartStreaming response).</summary>
    public void Start(StreamPosition start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _nextExpected = start.NextSequence;
        _highestSeen = start.NextSequence - 1;
        foreach (byte type in new[] { ProtocolSpec.FrameTypeEnvelope, ProtocolSpec.FrameTypeRawEmg, ProtocolSpec.FrameTypeImu })
        {
            Stream(type).NextIndex = start.NextIndexOf(type);
        }
    }

    /// <summary>Adds one notification of the data characteristic received at host time <paramref name="nowUs"/>.</summary>
    /// <exception cref="ProtocolVersionException">The device speaks another major version.</exception>
    public void AddNotification(byte[] notification, long nowUs)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (_fragments.Add(notification, 0, notification.Length))
        {
            AddFrame(_fragments.CompletedFrame, _fragments.CompletedLength, nowUs);
        }

        Poll(nowUs);
    }

    /// <summary>Adds one complete frame (transports without fragmentation, e.g. serial or replay).</summary>
    public void AddFrame(byte[] frame, int length, long nowUs)
    {
        DecodeStatus status = FrameDecoder.Decode(frame, 0, length, _scratch);
        if (status == DecodeStatus.UnsupportedMajorVersion)
        {
            throw new ProtocolVersionException(_scratch.VersionMajor, _scratch.VersionMinor);
        }

        if (status != DecodeStatus.Ok && status != DecodeStatus.UnknownType)
        {
            Counters.Corrupt++;
            return;
        }

        long seq = UnwrapSequence(_scratch.Sequence);
        if (_nextExpected < 0)
        {
            _nextExpected = seq;
        }

        if (seq < _nextExpected || _pending.ContainsKey(seq))
        {
            if (IsDeclaredLost(seq)) Counters.Late++;
            else Counters.Duplicates++;
            return;
        }

        if (status == DecodeStatus.UnknownType)
        {
            Counters.UnknownType++;
            _pending[seq] = null;
        }
        else
        {
            var copy = new Frame();
            copy.CopyFrom(_scratch);
            _pending[seq] = new ReceivedFrame(seq, 0, copy);
        }

        if (_missing.Remove(seq))
        {
            Counters.Recovered++;
        }

        MarkMissingUpTo(seq - 1, nowUs);
        if (seq > _highestSeen) _highestSeen = seq;
        DeliverInOrder();
    }

    /// <summary>Processes timeouts: queues retransmission requests and declares frames lost when it is time.</summary>
    public void Poll(long nowUs)
    {
        if (_options.RetransmitEnabled)
        {
            QueueRequests(nowUs);
        }

        while (_missing.TryGetValue(_nextExpected, out MissingState? m) && ShouldGiveUp(m, nowUs))
        {
            DeclareLost(_nextExpected);
            DeliverInOrder();
        }
    }

    /// <summary>Returns and clears the retransmission requests queued so far.</summary>
    public IReadOnlyList<RetransmitRequest> TakeRetransmitRequests()
    {
        var result = _requests.ToArray();
        _requests.Clear();
        return result;
    }

    /// <summary>
    /// The board answered a retransmit request with ProtocolSpec.ErrRangeUnavailable (frames no longer in its
    /// ring): frames of the range still missing get no further requests and are declared lost after one more retry
    /// interval (resent ones may still be on their way).
    /// </summary>
    public void ReportRangeUnavailable(RetransmitRequest request, long nowUs)
    {
        ArgumentNullException.ThrowIfNull(request);
        long first = UnwrapSequence((ushort)request.FirstSequence);
        for (long seq = first; seq < first + request.Count; seq++)
        {
            if (_missing.TryGetValue(seq, out MissingState? m))
            {
                m.Requests = _options.MaxRetries;
                m.LastRequestUs = nowUs;
            }
        }

        Poll(nowUs);
    }

    /// <summary>
    /// Tells where the streams ended (data of the StopStreaming response): frames up to it that never arrived are
    /// now known to be missing (and requested), and Finish can report trailing sample gaps exactly.
    /// </summary>
    public void End(StreamPosition end, long nowUs)
    {
        ArgumentNullException.ThrowIfNull(end);
        _end = end;
        _endSequence = UnwrapSequence((ushort)end.NextSequence);
        if (_nextExpected < 0)
        {
            _nextExpected = _endSequence;
        }

        MarkMissingUpTo(_endSequence - 1, nowUs);
        if (_endSequence - 1 > _highestSeen) _highestSeen = _endSequence - 1;
        Poll(nowUs);
    }

    /// <summary>Declares everything still missing lost, delivers what is left and reports trailing gaps.</summary>
    public void Finish()
    {
        while (_nextExpected >= 0 && _nextExpected <= _highestSeen)
        {
            if (!_pending.ContainsKey(_nextExpected))
            {
                _missing.Remove(_nextExpected);
                DeclareLost(_nextExpected);
            }

            DeliverInOrder();
        }

        if (_end == null)
        {
            return;
        }

        foreach ((byte type, StreamState s) in _streams)
        {
            long endIndex = UnwrapIndex(s, _end.NextIndexOf(type));
            if (s.NextIndex >= 0 && endIndex > s.NextIndex)
            {
                AddGap(type, s, endIndex - s.NextIndex, s.NextTimeUs);
                s.NextIndex = endIndex;
            }
        }
    }

    private StreamState Stream(byte type)
    {
        if (!_streams.TryGetValue(type, out StreamState? s))
        {
            s = new StreamState();
            _streams[type] = s;
        }

        return s;
    }

    private long UnwrapSequence(ushort raw)
    {
        long reference = _highestSeen >= 0 ? _highestSeen : _nextExpected;
        if (reference < 0)
        {
            return raw;
        }

        long unwrapped = reference + (short)(raw - (ushort)reference);
        return unwrapped < 0 ? unwrapped + 65536 : unwrapped;
    }

    private static long UnwrapIndex(StreamState s, uint raw) =>
        s.NextIndex < 0 ? raw : s.NextIndex + (int)(raw - (uint)s.NextIndex);

    private void MarkMissingUpTo(long last, long nowUs)
    {
        for (long s = Math.Max(_highestSeen + 1, _nextExpected); s <= last; s++)
        {
            if (!_pending.ContainsKey(s) && !_missing.ContainsKey(s))
            {
                _missing[s] = new MissingState { NoticedUs = nowUs, LastRequestUs = long.MinValue };
            }
        }
    }

    private bool ShouldGiveUp(MissingState m, long nowUs)
    {
        if (!_options.RetransmitEnabled)
        {
            return nowUs - m.NoticedUs >= _options.ReorderWaitUs;
        }

        return m.Requests >= _options.MaxRetries && nowUs - m.LastRequestUs >= _options.RetryIntervalUs;
    }

    private void QueueRequests(long nowUs)
    {
        long rangeStart = -1, rangeEnd = -1;
        foreach ((long seq, MissingState m) in _missing)
        {
            bool due = m.Requests < _options.MaxRetries
                && (m.LastRequestUs == long.MinValue || nowUs - m.LastRequestUs >= _options.RetryIntervalUs);
            if (!due)
            {
                continue;
            }

            m.Requests++;
            m.LastRequestUs = nowUs;
            Counters.FramesRequested++;
            if (rangeStart >= 0 && seq == rangeEnd + 1 && seq - rangeStart < ProtocolSpec.RingIndexSlots)
            {
                rangeEnd = seq;
                continue;
            }

            FlushRange(rangeStart, rangeEnd);
            rangeStart = rangeEnd = seq;
        }

        FlushRange(rangeStart, rangeEnd);
    }

    private void FlushRange(long first, long last)
    {
        if (first >= 0)
        {
            _requests.Add(new RetransmitRequest((int)(first & 0xFFFF), (int)(last - first + 1)));
        }
    }

    private void DeclareLost(long seq)
    {
        _missing.Remove(seq);
        if (_lost.Count > 0 && _lost[^1].LastSequence == seq - 1)
        {
            _lost[^1] = _lost[^1] with { LastSequence = seq };
        }
        else
        {
            _lost.Add(new LostFrameRange(seq, seq));
        }

        if (seq == _nextExpected)
        {
            _nextExpected++;
        }
    }

    private bool IsDeclaredLost(long seq)
    {
        foreach (LostFrameRange r in _lost)
        {
            if (seq >= r.FirstSequence && seq <= r.LastSequence) return true;
        }

        return false;
    }

    private void DeliverInOrder()
    {
        while (_pending.Remove(_nextExpected, out ReceivedFrame? f))
        {
            if (f != null)
            {
                Deliver(f);
            }

            _nextExpected++;
        }
    }

    private void Deliver(ReceivedFrame f)
    {
        Frame c = f.Content;
        long ts = _haveTimestamp ? _lastTimestampUs + (int)(c.TimestampUs - (uint)_lastTimestampUs) : c.TimestampUs;
        _haveTimestamp = true;
        _lastTimestampUs = ts;
        if (Frame.IsBlock(c.FrameType))
        {
            StreamState s = Stream(c.FrameType);
            long first = UnwrapIndex(s, c.FirstSampleIndex);
            s.ChannelsOrSensors = c.ChannelsOrSensors;
            s.SampleRateHz = c.SampleRateHz;
            if (s.NextIndex >= 0 && first > s.NextIndex)
            {
                long missing = first - s.NextIndex;
                AddGap(c.FrameType, s, missing, ts - missing * 1e6 / c.SampleRateHz);
            }

            s.NextIndex = first + c.SampleCount;
            s.NextTimeUs = ts + c.SampleCount * 1e6 / c.SampleRateHz;
        }

        _delivered.Add(f with { TimestampUs = ts });
        Counters.Delivered++;
    }

    private void AddGap(byte type, StreamState s, long count, double startTimeUs)
    {
        // A stream never seen (all its frames lost) has unknown channels and rate: reported with none rather than guessed.
        _gaps.Add(new SampleGap(type, ProtocolNames.ChannelNames(type, s.ChannelsOrSensors), s.NextIndex, count,
            startTimeUs, s.SampleRateHz));
    }
}
