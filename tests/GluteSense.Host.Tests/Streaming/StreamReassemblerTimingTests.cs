using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

/// <summary>
/// The reassembler's timing and bookkeeping on hand-made frames, answers worked out by hand: when a missing frame is
/// given up (reorder wait, retry interval, retries), which requests go out (consecutive ranges, at most one ring's
/// worth, wire sequence numbers across the wrap), exact sample gaps (first index, count, start time) inside and at the
/// end of a stream, and the late / duplicate / recovered counters.
/// </summary>
public class StreamReassemblerTimingTests
{
    // One envelope channel at 100 Hz, 10 samples (100 ms) per frame.
    private static void Envelope(StreamReassembler host, ushort sequence, uint firstIndex, uint timestampUs, long nowUs)
    {
        var f = new Frame
        {
            FrameType = ProtocolSpec.FrameTypeEnvelope, Sequence = sequence, ChannelsOrSensors = 1, SampleRateHz = 100, SampleCount = 10,
            FirstSampleIndex = firstIndex, TimestampUs = timestampUs,
        };
        byte[] bytes = new byte[FrameEncoder.EncodedLength(f)];
        host.AddFrame(bytes, FrameEncoder.Encode(f, bytes, 0), nowUs);
    }

    private static void Event(StreamReassembler host, ushort sequence, long nowUs)
    {
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, Sequence = sequence, EventKind = ProtocolSpec.EventButton };
        byte[] bytes = new byte[64];
        host.AddFrame(bytes, FrameEncoder.Encode(f, bytes, 0), nowUs);
    }

    [Fact]
    public void WithoutRetransmissionAMissingFrameIsLostAfterTheReorderWait_AndItsSamplesAreAnExactGap()
    {
        var host = new StreamReassembler(new StreamReassemblerOptions { RetransmitEnabled = false, ReorderWaitUs = 200_000 });
        host.Start(new StreamPosition { NextSequence = 10, NextEnvelopeIndex = 1000 });
        Envelope(host, 10, 1000, 5_000_000, 0);
        Envelope(host, 12, 1020, 5_200_000, 1_000);   // 11 missing, noticed at 1 ms
        host.Poll(200_999);
        Assert.Empty(host.LostFrames);
        Assert.Empty(host.TakeRetransmitRequests());
        Assert.Single(host.Delivered);
        host.Poll(201_000);
        Assert.Equal(new[] { new LostFrameRange(11, 11) }, host.LostFrames);
        Assert.Equal(new long[] { 10, 12 }, host.Delivered.Select(d => d.Sequence));
        // Samples 1010-1019 never arrived: they end where frame 12 starts, 10 samples at 100 Hz before 5.2 s.
        SampleGap gap = Assert.Single(host.Gaps);
        Assert.Equal((ProtocolSpec.FrameTypeEnvelope, 1010L, 10L, 5_100_000.0, 100), (gap.FrameType, gap.FirstSampleIndex, gap.SampleCount, gap.StartTimeUs, gap.SampleRateHz));
        Assert.Equal(new[] { "emg0" }, gap.ChannelNames);

        Envelope(host, 11, 1010, 5_100_000, 300_000);   // too late: its gap stays reported
        Envelope(host, 12, 1020, 5_200_000, 300_000);   // received twice
        Assert.Equal((1, 1, 0), (host.Counters.Late, host.Counters.Duplicates, host.Counters.Recovered));
        Assert.Equal(2, host.Counters.Delivered);

        // The board stopped before sequence 14 and envelope sample 1050, with 5 IMU samples this host never saw a frame of.
        Assert.False(host.Complete);   // no end known yet
        host.End(new StreamPosition { NextSequence = 14, NextEnvelopeIndex = 1050, NextImuIndex = 5 }, 400_000);
        Assert.False(host.Complete);   // 13 may still come
        host.Finish();
        Assert.True(host.Complete);
        Assert.Equal(new[] { new LostFrameRange(11, 11), new LostFrameRange(13, 13) }, host.LostFrames);
        Assert.Equal(3, host.Gaps.Count);
        // Envelope 1030-1049 from where frame 12 ended (5.3 s); the IMU's 0-4 with unknown channels, rate and time.
        Assert.Equal((1030L, 20L, 5_300_000.0), (host.Gaps[1].FirstSampleIndex, host.Gaps[1].SampleCount, host.Gaps[1].StartTimeUs));
        SampleGap imu = host.Gaps[2];
        Assert.Equal((ProtocolSpec.FrameTypeImu, 0L, 5L, 0), (imu.FrameType, imu.FirstSampleIndex, imu.SampleCount, imu.SampleRateHz));
        Assert.Empty(imu.ChannelNames);
        Assert.True(double.IsNaN(imu.StartTimeUs));
    }

    [Fact]
    public void MissingFramesAreRequestedAsRangesEveryRetryInterval_UpToMaxRetries_ThenLost()
    {
        var host = new StreamReassembler(new StreamReassemblerOptions { RetryIntervalUs = 100_000, MaxRetries = 2 });
        host.Start(new StreamPosition { NextSequence = 0 });
        Event(host, 0, 0);
        Event(host, 5, 0);
        host.Poll(0);
        Assert.Equal(new[] { new RetransmitRequest(1, 4) }, host.TakeRetransmitRequests());
        Assert.Empty(host.TakeRetransmitRequests());
        host.Poll(99_999);
        Assert.Empty(host.TakeRetransmitRequests());
        Event(host, 2, 50_000);   // recovered by the first request
        host.Poll(100_000);
        Assert.Equal(new[] { new RetransmitRequest(1, 1), new RetransmitRequest(3, 2) }, host.TakeRetransmitRequests());
        Assert.Equal((1, 4 + 3), (host.Counters.Recovered, host.Counters.FramesRequested));
        host.Poll(199_999);   // two requests each: no third, and not yet a full interval after the second
        Assert.Empty(host.TakeRetransmitRequests());
        Assert.Empty(host.LostFrames);
        host.Poll(200_000);
        Assert.Equal(new[] { new LostFrameRange(1, 1), new LostFrameRange(3, 4) }, host.LostFrames);
        Assert.Equal(new long[] { 0, 2, 5 }, host.Delivered.Select(d => d.Sequence));
        Assert.Empty(host.Gaps);   // event frames carry no samples
    }

    [Fact]
    public void ARequestCoversAtMostOneRingOfFrames_AndCarriesWireSequenceNumbersAcrossTheWrap()
    {
        var host = new StreamReassembler();
        host.Start(new StreamPosition { NextSequence = 0 });
        Event(host, 0, 0);
        Event(host, 301, 0);
        host.Poll(0);
        Assert.Equal(new[] { new RetransmitRequest(1, ProtocolSpec.RingIndexSlots), new RetransmitRequest(257, 44) }, host.TakeRetransmitRequests());

        // 65535 received, then wire 2 (65538): 65536 and 65537 are wire 0 and 1.
        var wrap = new StreamReassembler();
        wrap.Start(new StreamPosition { NextSequence = 65_535 });
        Event(wrap, 65_535, 0);
        Event(wrap, 2, 0);
        wrap.Poll(0);
        Assert.Equal(new[] { new RetransmitRequest(0, 2) }, wrap.TakeRetransmitRequests());
        Event(wrap, 1, 10);
        Event(wrap, 0, 20);
        Assert.Equal(new long[] { 65_535, 65_536, 65_537, 65_538 }, wrap.Delivered.Select(d => d.Sequence));
    }

    [Fact]
    public void AnEndWithoutAStartIsCompleteAtOnce_AndNullsAreRefused()
    {
        var host = new StreamReassembler();
        Assert.False(host.Complete);
        host.End(new StreamPosition { NextSequence = 7 }, 0);
        Assert.True(host.Complete);
        host.Finish();
        Assert.Empty(host.Gaps);
        Assert.Empty(host.LostFrames);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new StreamReassembler(null!)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentNullException>(() => host.Start(null!)).ParamName);
        Assert.Equal("notification", Assert.Throws<ArgumentNullException>(() => host.AddNotification(null!, 0)).ParamName);
        Assert.Equal("end", Assert.Throws<ArgumentNullException>(() => host.End(null!, 0)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => host.ReportRangeUnavailable(null!, 0)).ParamName);
    }
    [Fact]
    public void SequenceZeroIsAStartLikeAnyOther_AndAStreamWithoutAStartHasNoGapBeforeItsFirstBlock()
    {
        // Started at sequence 0 and the first frame to arrive is 3: 0-2 are missing and asked for.
        var host = new StreamReassembler();
        host.Start(new StreamPosition { NextSequence = 0 });
        Event(host, 3, 50_000);
        host.Poll(50_000);
        Assert.Equal(new[] { new RetransmitRequest(0, 3) }, host.TakeRetransmitRequests());
        host.Poll(60_000);   // 10 ms later: not yet a retry interval after the request
        Assert.Empty(host.TakeRetransmitRequests());

        // No Start: the first block defines where each stream begins; an end at sequence 0 is complete at once.
        var loose = new StreamReassembler();
        Envelope(loose, 0, 5, 1_000, 0);
        Assert.Empty(loose.Gaps);
        Assert.Equal(5L, Assert.Single(loose.Delivered).Content.FirstSampleIndex);
        var empty = new StreamReassembler();
        empty.End(new StreamPosition { NextSequence = 0 }, 0);
        Assert.True(empty.Complete);
    }
}
