using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>A frame delivered in sequence order by <see cref="StreamReassembler"/>.</summary>
/// <param name="Sequence">Sequence number unwrapped past 65535 (0, 1, ..., 65535, 65536, ...).</param>
/// <param name="TimestampUs">Device time unwrapped past 2^32 us.</param>
/// <param name="Content">A private copy of the decoded frame (core type; fields per frame type).</param>
public sealed record ReceivedFrame(long Sequence, long TimestampUs, Frame Content)
{
    /// <summary>ProtocolSpec.FrameType* value.</summary>
    public byte FrameType => Content.FrameType;

    /// <summary>True if the frame came from the board's retransmit ring.</summary>
    public bool Retransmitted => (Content.Flags & ProtocolSpec.FlagRetransmitted) != 0;

    /// <summary>Block values, sample-major (empty for non-block frames).</summary>
    public int[] Values => Content.Values.Take(Content.SampleCount * Content.ValuesPerSample).ToArray();
}

/// <summary>
/// Samples that never arrived: every listed channel of <see cref="SampleCount"/> consecutive samples of one stream,
/// starting at <see cref="FirstSampleIndex"/>. Nothing is interpolated; consumers must treat these as missing.
/// </summary>
/// <param name="FrameType">Stream: ProtocolSpec.FrameTypeEnvelope, FrameTypeRawEmg or FrameTypeImu.</param>
/// <param name="ChannelNames">Columns missing (all columns of the stream: "emg0".. or "gyro_x"..).</param>
/// <param name="FirstSampleIndex">Index of the first missing sample in its stream (unwrapped).</param>
/// <param name="SampleCount">Missing samples per channel.</param>
/// <param name="StartTimeUs">Device time of the first missing sample (unwrapped us), or NaN if unknown.</param>
/// <param name="SampleRateHz">Rate of the stream.</param>
public sealed record SampleGap(byte FrameType, IReadOnlyList<string> ChannelNames, long FirstSampleIndex, long SampleCount,
    double StartTimeUs, int SampleRateHz)
{
    /// <summary>"envelope", "raw_emg" or "imu".</summary>
    public string StreamName => ProtocolNames.FrameTypeName(FrameType);
}

/// <summary>Data frames declared lost (unwrapped sequence numbers, inclusive range).</summary>
public sealed record LostFrameRange(long FirstSequence, long LastSequence)
{
    /// <summary>Frames in the range.</summary>
    public long Count => LastSequence - FirstSequence + 1;
}

/// <summary>A request the host should send as a Retransmit command (CommandCodec.Retransmit).</summary>
/// <param name="FirstSequence">Wire sequence number (0..65535) of the first frame.</param>
/// <param name="Count">Frames, consecutive with wrap.</param>
public sealed record RetransmitRequest(int FirstSequence, int Count);

/// <summary>How long <see cref="StreamReassembler"/> waits and how hard it tries to recover missing frames.</summary>
public sealed record StreamReassemblerOptions
{
    /// <summary>Ask the board to resend missing frames (Retransmit command).</summary>
    public bool RetransmitEnabled { get; init; } = true;

    /// <summary>Without retransmission: how long a missing frame may still arrive late (reordering) before it is declared lost.</summary>
    public long ReorderWaitUs { get; init; } = 200_000;

    /// <summary>With retransmission: time between repeated requests for the same frame.</summary>
    public long RetryIntervalUs { get; init; } = 100_000;

    /// <summary>With retransmission: requests per frame before it is declared lost.</summary>
    public int MaxRetries { get; init; } = 20;
}

/// <summary>Counters kept by <see cref="StreamReassembler"/>.</summary>
public sealed class StreamCounters
{
    /// <summary>Frames delivered in order.</summary>
    public int Delivered { get; internal set; }

    /// <summary>Frames received again after they had been received (duplicates, extra retransmissions).</summary>
    public int Duplicates { get; internal set; }

    /// <summary>Frames that arrived after they had been declared lost (their gap stays reported).</summary>
    public int Late { get; internal set; }

    /// <summary>Frames recovered after being noticed missing.</summary>
    public int Recovered { get; internal set; }

    /// <summary>Reassembled byte strings that failed to decode (CRC, length, payload).</summary>
    public int Corrupt { get; internal set; }

    /// <summary>Frames of a type this host does not know (newer minor version): kept in order, not decoded.</summary>
    public int UnknownType { get; internal set; }

    /// <summary>Frames asked for again (each request counts each frame once).</summary>
    public int FramesRequested { get; internal set; }
}

/// <summary>
/// The device speaks a major protocol version this host cannot decode (a board error: see <see cref="Transport.BoardException"/>).
/// </summary>
public sealed class ProtocolVersionException : Transport.BoardException
{
    /// <summary>Creates the exception for the version seen on the wire.</summary>
    public ProtocolVersionException(int major, int minor)
        : base("device speaks GluteSense protocol v" + major + "." + minor + "; this host understands only v"
            + ProtocolSpec.VersionMajor + ".x. Update glutesense (or the firmware) so both use the same major version.")
    {
        Major = major;
        Minor = minor;
    }

    /// <summary>Major version seen.</summary>
    public int Major { get; }

    /// <summary>Minor version seen.</summary>
    public int Minor { get; }
}
