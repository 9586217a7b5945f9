using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

/// <summary>
/// Edges of the reassembler's bookkeeping found by the streaming mutation run (docs/testing.md), on hand-made frames
/// with answers worked out by hand: a notification polls at once, a corrupt frame is only counted, a duplicate keeps
/// the first copy, late and duplicate frames are told apart, Finish without an End, an End from sequence 0, a range
/// the board no longer has, sequence numbers unwrapped across a long hole (PROTOCOL.md: u16 sequence) and sample
/// indices across 2^32 (u32 first sample index), both by the nearest-value rule.
/// </summary>
public class StreamReassemblerEdgeTests
{
    // One envelope channel at 100 Hz, 10 samples (100 ms) per frame.
    private static byte[] EnvelopeBytes(ushort sequence, uint firstIndex, uint timestampUs)
    {
        var f = new Frame
        {
            FrameType = ProtocolSpec.FrameTypeEnvelope, Sequence = sequence, ChannelsOrSensors = 1, SampleRateHz = 100,
            SampleCount = 10, FirstSampleIndex = firstIndex, TimestampUs = timestampUs,
        };
        byte[] bytes = new byte[FrameEncoder.EncodedLength(f)];
        FrameEncoder.Encode(f, bytes, 0);
        return bytes;
    }

    private static void Envelope(StreamReassembler host, ushort sequence, uint firstIndex, uint timestampUs, long nowUs)
    {
        byte[] bytes = EnvelopeBytes(sequence, firstIndex, timestampUs);
        host.AddFrame(bytes, bytes.Length, nowUs);
    }

    private static byte[] EventBytes(ushort sequence)
    {
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, Sequence = sequence, EventKind = ProtocolSpec.EventButton };
        byte[] bytes = new byte[FrameEncoder.EncodedLength(f)];
        FrameEncoder.Encode(f, bytes, 0);
        return bytes;
    }

    private static void Event(StreamReassembler host, ushort sequence, long nowUs)
    {
        byte[] bytes = EventBytes(sequence);
        host.AddFrame(bytes, bytes.Length, nowUs);
    }

    private static List<byte[]> Notifications(byte[] frame)
    {
        var link = new SimulatedLink(new SimulatedLinkSettings());
        new Fragmenter(ProtocolSpec.AttMtuDefault).Send(frame, 0, frame.Length, link);
        link.Flush();
        return link.Drain().ToList();
    }

    private static StreamReassemblerOptions NoRetransmit => new() { RetransmitEnabled = false, ReorderWaitUs = 100_000 };

    [Fact]
    public void ANotificationQueuesRequestsWithoutAPoll_AndACorruptFrameIsOnlyCounted()
    {
        var host = new StreamReassembler();
        host.Start(new StreamPosition { NextSequence = 0 });
        foreach (ushort seq in new ushort[] { 0, 3 })
        {
            foreach (byte[] note in Notifications(EventBytes(seq))) host.AddNotification(note, 0);
        }

        // AddNotification polls: 1 and 2 are asked for with no Poll of the caller's.
        Assert.Equal(new[] { new RetransmitRequest(1, 2) }, host.TakeRetransmitRequests());

        byte[] broken = EventBytes(1);
        broken[^1] ^= 0xFF;   // CRC no longer matches
        host.AddFrame(broken, broken.Length, 10);
        Assert.Equal((1, 0, 0), (host.Counters.Corrupt, host.Counters.Duplicates, host.Counters.Recovered));
        Assert.Equal(new long[] { 0 }, host.Delivered.Select(d => d.Sequence));
        Event(host, 1, 20);
        Assert.Equal((0, 1), (host.Counters.Duplicates, host.Counters.Recovered));
        Assert.Equal(new long[] { 0, 1 }, host.Delivered.Select(d => d.Sequence));
    }

    [Fact]
    public void ADuplicateKeepsTheFirstCopy_AndLateAndDuplicateFramesAreToldApart()
    {
        var host = new StreamReassembler(NoRetransmit);
        host.Start(new StreamPosition { NextSequence = 0 });
        Envelope(host, 0, 0, 1_000_000, 0);
        Envelope(host, 2, 20, 1_200_000, 0);        // 1 missing: 2 waits
        Envelope(host, 2, 20, 9_000_000, 10_000);   // 2 again while it waits, other content: dropped
        Assert.Equal((1, 0), (host.Counters.Duplicates, host.Counters.Late));
        host.Poll(100_000);
        Assert.Equal(new[] { new LostFrameRange(1, 1) }, host.LostFrames);
        Assert.Equal(new long[] { 0, 2 }, host.Delivered.Select(d => d.Sequence));
        Assert.Equal(1_200_000L, host.Delivered[1].TimestampUs);   // the first copy's

        Envelope(host, 1, 10, 1_100_000, 150_000);   // declared lost before it came: late, not a duplicate
        Assert.Equal((1, 1), (host.Counters.Duplicates, host.Counters.Late));
        Envelope(host, 0, 0, 1_000_000, 160_000);    // delivered before: a duplicate, not late
        Assert.Equal((2, 1), (host.Counters.Duplicates, host.Counters.Late));
    }

    [Fact]
    public void FinishWithoutAnEndDeclaresTheHolesLostAndDeliversTheRest()
    {
        // Started at sequence 0; 1 and 3 arrive, 0 and 2 never do; the stop response was never read (no End).
        var host = new StreamReassembler(NoRetransmit);
        host.Start(new StreamPosition { NextSequence = 0 });
        Event(host, 1, 0);
        Event(host, 3, 0);
        Assert.Empty(host.Delivered);
        host.Finish();
        Assert.Equal(new[] { new LostFrameRange(0, 0), new LostFrameRange(2, 2) }, host.LostFrames);
        Assert.Equal(new long[] { 1, 3 }, host.Delivered.Select(d => d.Sequence));
        Assert.Empty(host.Gaps);   // no end position: no trailing gap can be known
        Assert.False(host.Complete);
    }

    [Fact]
    public void WithoutAStartNothingBeforeTheFirstFrameOrTheEndIsAskedFor()
    {
        // No Start: the first frame (5) opens the stream, so 0-4 are not missing; a hole after it is.
        var host = new StreamReassembler();
        Event(host, 5, 0);
        host.Poll(0);
        Assert.Empty(host.TakeRetransmitRequests());
        Event(host, 7, 0);
        host.Poll(0);
        Assert.Equal(new[] { new RetransmitRequest(6, 1) }, host.TakeRetransmitRequests());

        // Neither Start nor any frame, then an end at 7: nothing is known to be missing.
        var ended = new StreamReassembler();
        ended.End(new StreamPosition { NextSequence = 7 }, 0);
        Assert.Empty(ended.TakeRetransmitRequests());
    }

    [Fact]
    public void AnEndAsksAtOnceForFramesNeverSeenFromSequenceZero_AndFinishDeliversAFrameAtTheEndPosition()
    {
        // Started at 0, nothing arrived, the board stopped before 3: 0-2 are missing and requested by End itself.
        var host = new StreamReassembler();
        host.Start(new StreamPosition { NextSequence = 0 });
        host.End(new StreamPosition { NextSequence = 3 }, 0);
        Assert.False(host.Complete);
        Assert.Equal(new[] { new RetransmitRequest(0, 3) }, host.TakeRetransmitRequests());

        // Frame 3 arrived although the stop response said the board stopped before it: Finish still delivers it
        // ("delivers what is left"), after declaring the hole at 1 lost.
        var past = new StreamReassembler(NoRetransmit);
        past.Start(new StreamPosition { NextSequence = 0 });
        Event(past, 0, 0);
        Event(past, 2, 0);
        Event(past, 3, 0);
        past.End(new StreamPosition { NextSequence = 3 }, 0);
        past.Finish();
        Assert.Equal(new[] { new LostFrameRange(1, 1) }, past.LostFrames);
        Assert.Equal(new long[] { 0, 2, 3 }, past.Delivered.Select(d => d.Sequence));

        // The frame at the end position stays the highest seen: wire 7232 is 32767 ahead of 40001 (72768), though it
        // would be 32768 behind 40000, the end position's previous sequence.
        var half = new StreamReassembler(NoRetransmit);
        half.Start(new StreamPosition { NextSequence = 40_000 });
        Event(half, 40_000, 0);
        Event(half, 40_001, 0);
        half.End(new StreamPosition { NextSequence = 40_001 }, 0);
        Event(half, 7_232, 0);
        Assert.Equal(0, half.Counters.Duplicates);
        half.Finish();
        Assert.Equal(72_768L, half.Delivered[^1].Sequence);
    }

    [Fact]
    public void ARangeTheBoardNoLongerHasStopsOnlyItsOwnRequests_AndTheOthersDueAreAskedForAtOnce()
    {
        var host = new StreamReassembler(new StreamReassemblerOptions { RetryIntervalUs = 100_000, MaxRetries = 3 });
        host.Start(new StreamPosition { NextSequence = 0 });
        Event(host, 0, 0);
        Event(host, 5, 0);
        host.Poll(0);
        Assert.Equal(new[] { new RetransmitRequest(1, 4) }, host.TakeRetransmitRequests());

        // One retry interval later the board says 1-2 are gone: 3-4 are due again and asked for without a Poll.
        host.ReportRangeUnavailable(new RetransmitRequest(1, 2), 100_000);
        Assert.Equal(new[] { new RetransmitRequest(3, 2) }, host.TakeRetransmitRequests());
        Assert.Empty(host.LostFrames);
        host.Poll(200_000);   // 1-2 lost one interval after the refusal; 3-4 asked for a third time
        Assert.Equal(new[] { new LostFrameRange(1, 2) }, host.LostFrames);
        Assert.Equal(new[] { new RetransmitRequest(3, 2) }, host.TakeRetransmitRequests());
    }

    [Fact]
    public void SequencesUnwrapAgainstTheHighestSeenAcrossALongHole()
    {
        // Started at 0; 0 never arrives. Wire 40000 is 40000 (nearest to 0 modulo 65536), 60000 is 60000, and wire
        // 10 after 60000 is 65546 (5546 ahead, not 59990 behind).
        var host = new StreamReassembler(NoRetransmit);
        host.Start(new StreamPosition { NextSequence = 0 });
        Event(host, 40_000, 0);
        Event(host, 60_000, 0);
        Event(host, 10, 0);
        Assert.Equal((0, 0), (host.Counters.Duplicates, host.Counters.Recovered));
        host.Finish();
        Assert.Equal(new long[] { 40_000, 60_000, 65_546 }, host.Delivered.Select(d => d.Sequence));
        Assert.Equal(new[] { new LostFrameRange(0, 39_999), new LostFrameRange(40_001, 59_999), new LostFrameRange(60_001, 65_545) },
            host.LostFrames);
    }

    [Fact]
    public void SampleIndicesUnwrapPast2To32_AndAnEndBehindTheStartLeavesNoGap()
    {
        // Envelope started 6 samples before 2^32: frame 0 holds 4294967290-4294967299, frame 1 (wire index 4, i.e.
        // 2^32 + 4) is lost, frame 2 starts at wire 14 = 2^32 + 14. The gap is 10 samples from 2^32 + 4 = 4294967300,
        // ending where frame 2 starts (1.2 s) and so starting 100 ms before.
        var host = new StreamReassembler(NoRetransmit);
        host.Start(new StreamPosition { NextSequence = 0, NextEnvelopeIndex = 4_294_967_290 });
        Envelope(host, 0, 4_294_967_290, 1_000_000, 0);
        Envelope(host, 2, 14, 1_200_000, 0);
        host.Poll(100_000);
        SampleGap gap = Assert.Single(host.Gaps);
        Assert.Equal((4_294_967_300L, 10L, 1_100_000.0), (gap.FirstSampleIndex, gap.SampleCount, gap.StartTimeUs));

        // No Start: the first block at 3e9 opens the stream there; the next one at 3e9 + 20 leaves 3e9 + 10..19 out.
        var loose = new StreamReassembler(NoRetransmit);
        Envelope(loose, 0, 3_000_000_000, 1_000_000, 0);
        Envelope(loose, 1, 3_000_000_020, 1_200_000, 0);
        gap = Assert.Single(loose.Gaps);
        Assert.Equal((3_000_000_010L, 10L), (gap.FirstSampleIndex, gap.SampleCount));

        // Started at index 0 and stopped at wire 2^32 - 10: that is 10 samples behind 0, not 4294967286 ahead.
        var behind = new StreamReassembler(NoRetransmit);
        behind.Start(new StreamPosition { NextSequence = 0 });
        behind.End(new StreamPosition { NextSequence = 0, NextEnvelopeIndex = 4_294_967_286 }, 0);
        behind.Finish();
        Assert.Empty(behind.Gaps);
    }
}
