using System;

namespace GluteSense.Host.Store;

/// <summary>
/// Writes one stream while it is recorded: samples are buffered and committed as a chunk (float32 little-endian,
/// interleaved) at least every <see cref="CommitPeriodS"/> of data, each chunk in its own transaction. A crash or a
/// SIGKILL therefore loses at most the uncommitted part, well under 1 s.
/// </summary>
public sealed class StreamAppender : IDisposable
{
    /// <summary>Longest stretch of data (s) held in memory before it is committed.</summary>
    public const double CommitPeriodS = 0.25;

    private readonly RecordingStore _store;
    private readonly long _streamId;
    private readonly int _channels;
    private readonly float[] _buffer;
    private int _frames;

    internal StreamAppender(RecordingStore store, long streamId, int channels, double rateHz)
    {
        if (channels < 1 || !(rateHz > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), "a stream needs at least one channel and a positive rate");
        }

        _store = store;
        _streamId = streamId;
        _channels = channels;
        _buffer = new float[Math.Max(1, (int)Math.Ceiling(rateHz * CommitPeriodS)) * channels];
    }

    /// <summary>Index of the next sample (frames appended so far, committed or not).</summary>
    public long NextSample { get; private set; }

    /// <summary>Samples committed to the database.</summary>
    public long CommittedSamples { get; private set; }

    /// <summary>Appends <paramref name="frames"/> samples (all channels, interleaved) from <paramref name="offset"/>.</summary>
    public void Append(float[] interleaved, int offset, int frames)
    {
        int capacity = _buffer.Length / _channels;
        while (frames > 0)
        {
            int take = Math.Min(frames, capacity - _frames);
            Array.Copy(interleaved, offset, _buffer, _frames * _channels, take * _channels);
            _frames += take;
            offset += take * _channels;
            frames -= take;
            NextSample += take;
            if (_frames == capacity)
            {
                Flush();
            }
        }
    }

    /// <summary>Marks <paramref name="samples"/> missing samples from the current position (they advance the index).</summary>
    public void AppendGap(long samples, string? channel, string reason)
    {
        Flush();
        _store.AddGap(_streamId, NextSample, samples, channel, reason);
        NextSample += samples;
        CommittedSamples = NextSample;
    }

    /// <summary>Commits buffered samples as one chunk.</summary>
    public void Flush()
    {
        if (_frames == 0)
        {
            return;
        }

        var bytes = new byte[_frames * _channels * sizeof(float)];
        Buffer.BlockCopy(_buffer, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the chunk format is little-endian float32");
        }

        long first = NextSample - _frames;
        _store.Execute("INSERT INTO chunks (stream_id, first_sample, frames, data) VALUES ($s, $f, $n, $d)", null,
            ("$s", _streamId), ("$f", first), ("$n", _frames), ("$d", bytes));
        CommittedSamples = NextSample;
        _frames = 0;
    }

    /// <summary>Writes what is still buffered.</summary>
    public void Dispose() => Flush();
}
