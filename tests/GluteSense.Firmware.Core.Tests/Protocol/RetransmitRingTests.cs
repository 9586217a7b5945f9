using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

public class RetransmitRingTests
{
    [Fact]
    public void RingHoldsAtLeastFiveSecondsOfEnvelopeMode()
    {
        // Envelope mode per second: envelope + IMU frames at the sizes of the bandwidth budget, plus status.
        BandwidthBudget budget = BandwidthBudget.EnvelopeMode(ProtocolSpec.AttMtu247);
        double secondsByBytes = (double)ProtocolSpec.RingBufferBytes / budget.FrameBytesPerSecond;
        double framesPerSecond = 100.0 / budget.EmgSamplesPerFrame + 100.0 / budget.ImuSamplesPerFrame + BandwidthBudget.StatusRateHz;
        double secondsBySlots = ProtocolSpec.RingIndexSlots / framesPerSecond;
        Assert.True(secondsByBytes >= 5.0, "ring bytes cover only " + secondsByBytes + " s");
        Assert.True(secondsBySlots >= 5.0, "ring slots cover only " + secondsBySlots + " s");
    }

    [Fact]
    public void OldFramesAreOverwrittenAndRecentOnesReturnedExactlyAcrossSequenceWrap()
    {
        var ring = new RetransmitRing(2048, 16);
        var f = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = ProtocolSpec.EventButton };
        byte[] buffer = new byte[ProtocolSpec.MaxFrameLength];
        int length = 0;
        for (int i = 0; i < 40; i++)
        {
            f.Sequence = (ushort)(65530 + i); // wraps after 6 frames
            f.MarkerId = i;
            length = FrameEncoder.Encode(f, buffer, 0);
            ring.Add(buffer, 0, length);
        }

        // 16 slots: only the last 16 sequence numbers are indexed.
        byte[] out1 = new byte[ProtocolSpec.MaxFrameLength];
        var d = new Frame();
        for (int i = 0; i < 40; i++)
        {
            int seq = (65530 + i) & 0xFFFF;
            int n = ring.TryGet(seq, out1, 0);
            if (i < 24)
            {
                Assert.Equal(-1, n);
            }
            else
            {
                Assert.Equal(length, n);
                Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(out1, 0, n, d));
                Assert.Equal(i, d.MarkerId);
            }
        }
    }

    [Fact]
    public void FramesWhoseBytesWereOverwrittenAreUnavailable()
    {
        var ring = new RetransmitRing(ProtocolSpec.MaxFrameLength, 256);
        var f = new Frame
        {
            FrameType = ProtocolSpec.FrameTypeCommandResponse, ResponseDataLength = 300,
        };
        byte[] buffer = new byte[ProtocolSpec.MaxFrameLength];
        f.Sequence = 1;
        ring.Add(buffer, 0, FrameEncoder.Encode(f, buffer, 0));
        f.Sequence = 2;
        ring.Add(buffer, 0, FrameEncoder.Encode(f, buffer, 0));
        Assert.Equal(-1, ring.TryGet(1, new byte[ProtocolSpec.MaxFrameLength], 0));
        Assert.Equal(317, ring.TryGet(2, new byte[ProtocolSpec.MaxFrameLength], 0));
    }
}
