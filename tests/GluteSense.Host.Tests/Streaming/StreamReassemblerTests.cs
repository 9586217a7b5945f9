using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

public class StreamReassemblerTests
{
    [Theory]
    [InlineData(ProtocolSpec.AttMtuDefault)]
    [InlineData(ProtocolSpec.AttMtu185)]
    [InlineData(ProtocolSpec.AttMtu247)]
    public void DuplicatesReorderingBurstsAndEveryWrapStillGiveOrderedCompleteStreams(int mtu)
    {
        // Sequence 65500, envelope index 2^32 - 300 and device clock 2^32 - 3 s: all three wrap during the session.
        var start = new StreamPosition { NextSequence = 65_500, NextEnvelopeIndex = uint.MaxValue - 299, NextImuIndex = uint.MaxValue - 99 };
        var link = new SimulatedLinkSettings
        {
            AttMtu = mtu, LossProbability = 0.05, BurstStartProbability = 0.01, BurstLength = 8,
            DuplicateProbability = 0.05, ReorderProbability = 0.05, ReorderDepth = 4, Seed = 7,
        };
        var session = new SimulatedSession(link, new StreamReassemblerOptions(), start, clockOffsetUs: uint.MaxValue - 3_000_000);
        session.Run(8_000_000);
        StreamReassembler host = session.Host;

        Assert.True(session.Link.Statistics.Duplicated > 0 && session.Link.Statistics.Reordered > 0 && session.Link.Statistics.LostBurst > 0);
        Assert.True(host.Counters.Duplicates > 0, "duplicates must have been seen and dropped");
        Assert.True(host.Complete);
        Assert.Empty(host.Gaps);
        Assert.Empty(host.LostFrames);

        long[] seqs = host.Delivered.Select(f => f.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(0, seqs.Length).Select(i => 65_500L + i), seqs);
        Assert.True(seqs[^1] > 65_535);

        ReceivedFrame[] envelope = host.Delivered.Where(f => f.FrameType == ProtocolSpec.FrameTypeEnvelope).ToArray();
        Assert.Equal(79, envelope.Length);
        long[] times = envelope.Select(f => f.TimestampUs).ToArray();
        Assert.True(times[^1] > uint.MaxValue, "timestamps unwrap past 2^32 us");
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(100_000, p.Second - p.First));

        // Values follow the board's formula across the sample-index wrap (raw 32-bit indices on the wire).
        foreach (ReceivedFrame f in envelope)
        {
            int[] v = f.Values;
            for (int s = 0; s < f.Content.SampleCount; s++)
                for (int c = 0; c < 4; c++)
                    Assert.Equal(SimulatedSession.EnvelopeValue(unchecked(f.Content.FirstSampleIndex + (uint)s), c), v[s * 4 + c]);
        }

        Assert.Contains(envelope, f => f.Content.FirstSampleIndex < 1000);
    }

    [Fact]
    public void UnknownMajorVersionIsRefusedWithAClearMessage()
    {
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton };
        byte[] bytes = new byte[FrameEncoder.EncodedLength(f)];
        FrameEncoder.Encode(f, bytes, 0);
        bytes[0] = 0x21; // v2.1
        ByteIO.WriteUInt16(bytes, bytes.Length - 2, Crc16.Compute(bytes, 0, bytes.Length - 2));
        var host = new StreamReassembler();
        var e = Assert.Throws<ProtocolVersionException>(() => host.AddFrame(bytes, bytes.Length, 0));
        Assert.Equal(2, e.Major);
        Assert.Contains("v2.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("v1.x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFrameTypeOfANewerMinorKeepsTheOrderWithoutAGap()
    {
        var host = new StreamReassembler(new StreamReassemblerOptions { RetransmitEnabled = false });
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton };
        byte[] buffer = new byte[64];
        for (ushort seq = 0; seq < 3; seq++)
        {
            f.Sequence = seq;
            int n = FrameEncoder.Encode(f, buffer, 0);
            if (seq == 1)
            {
                buffer[0] = 0x13;  // v1.3 ...
                buffer[1] = 0x40;  // ... with a frame type v1.0 does not know
                ByteIO.WriteUInt16(buffer, n - 2, Crc16.Compute(buffer, 0, n - 2));
            }

            host.AddFrame(buffer, n, 0);
        }

        host.Poll(1_000_000);
        Assert.Equal(new long[] { 0, 2 }, host.Delivered.Select(d => d.Sequence));
        Assert.Equal(1, host.Counters.UnknownType);
        Assert.Empty(host.LostFrames);
    }

    [Fact]
    public void CorruptFramesAreCountedAndTheirSequenceRecoveredFromTheRetransmission()
    {
        var host = new StreamReassembler();
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton };
        byte[] buffer = new byte[64];
        int n = 0;
        for (ushort seq = 0; seq < 3; seq++)
        {
            f.Sequence = seq;
            n = FrameEncoder.Encode(f, buffer, 0);
            if (seq == 1) buffer[5] ^= 0x10; // corrupt the timestamp: CRC fails
            host.AddFrame(buffer, n, 0);
        }

        Assert.Equal(1, host.Counters.Corrupt);
        host.Poll(0);
        Assert.Equal(new[] { new RetransmitRequest(1, 1) }, host.TakeRetransmitRequests());
        f.Sequence = 1;
        f.Flags = ProtocolSpec.FlagRetransmitted;
        n = FrameEncoder.Encode(f, buffer, 0);
        host.AddFrame(buffer, n, 50_000);
        Assert.Equal(new long[] { 0, 1, 2 }, host.Delivered.Select(d => d.Sequence));
        Assert.True(host.Delivered[1].Retransmitted);
    }
}

public class DeviceInfoAndUnavailableRangeTests
{
    [Fact]
    public void DeviceInfoOfThisVersionIsAcceptedAndAnotherMajorRefused()
    {
        var config = new DeviceConfiguration();
        byte[] info = new byte[ProtocolSpec.DeviceInfoLength];
        config.WriteDeviceInfo(info, 0, 0, 3);
        Assert.Equal(ProtocolSpec.VersionMinor, DeviceInfoCheck.EnsureSupported(info));
        info[0] = 2;
        var e = Assert.Throws<ProtocolVersionException>(() => DeviceInfoCheck.EnsureSupported(info));
        Assert.Contains("v2.", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DeviceInfoCheck.EnsureSupported(new byte[3]));
    }

    [Fact]
    public void FramesTheBoardNoLongerHasAreDeclaredLostAfterOneRetryInterval()
    {
        var options = new StreamReassemblerOptions { RetryIntervalUs = 100_000 };
        var host = new StreamReassembler(options);
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton };
        byte[] buffer = new byte[64];
        foreach (ushort seq in new ushort[] { 0, 3 })
        {
            f.Sequence = seq;
            host.AddFrame(buffer, FrameEncoder.Encode(f, buffer, 0), 0);
        }

        host.Poll(0);
        RetransmitRequest request = Assert.Single(host.TakeRetransmitRequests());
        Assert.Equal(new RetransmitRequest(1, 2), request);
        host.ReportRangeUnavailable(request, 10_000);
        host.Poll(50_000);
        Assert.Empty(host.TakeRetransmitRequests());
        Assert.Empty(host.LostFrames);
        host.Poll(110_000);
        Assert.Equal(new[] { new LostFrameRange(1, 2) }, host.LostFrames);
        Assert.Equal(new long[] { 0, 3 }, host.Delivered.Select(d => d.Sequence));
    }
}
