using System;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>The board's hot path (encode, fragment, store, publish, reassemble, decode) allocates nothing.</summary>
public class ProtocolAllocationTests
{
    private sealed class CountingSink : INotificationSink
    {
        public int Notifications;

        public void Send(byte[] buffer, int offset, int length) => Notifications++;
    }

    private static Frame EnvelopeFrame()
    {
        var f = new Frame
        {
            FrameType = ProtocolSpec.FrameTypeEnvelope,
            ChannelsOrSensors = ProtocolSpec.DefaultChannels,
            SampleRateHz = ProtocolSpec.DefaultEnvelopeRateHz,
            SampleCount = ProtocolSpec.EnvelopeSamplesPerFrame,
        };
        for (int i = 0; i < f.SampleCount * f.ChannelsOrSensors; i++) f.Values[i] = i * 100;
        return f;
    }

    [Fact]
    public void EncodingIntoACallerBufferAllocatesNothing()
    {
        Frame frame = EnvelopeFrame();
        byte[] buffer = new byte[ProtocolSpec.MaxFrameLength];
        FrameEncoder.Encode(frame, buffer, 0); // warm-up: JIT and the CRC table
        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 1000; i++)
        {
            frame.Sequence = (ushort)i;
            total += FrameEncoder.Encode(frame, buffer, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000 * FrameEncoder.EncodedLength(frame), total);
    }

    [Fact]
    public void PublishingAndReassemblingAllocateNothing()
    {
        var sink = new CountingSink();
        var publisher = new FramePublisher(sink, ProtocolSpec.AttMtuDefault);
        Frame frame = EnvelopeFrame();
        var reassembler = new FragmentReassembler();
        var fragmenter = new Fragmenter(ProtocolSpec.AttMtuDefault);
        byte[] encoded = new byte[ProtocolSpec.MaxFrameLength];
        byte[] note = new byte[fragmenter.MaxNotificationLength];
        var decoded = new Frame();
        publisher.Publish(frame);
        int length = FrameEncoder.Encode(frame, encoded, 0);
        FrameDecoder.Decode(encoded, 0, length, decoded);

        int decodedOk = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            publisher.Publish(frame);
            publisher.Resend(publisher.LastSequence);
            for (int k = 0; k < fragmenter.FragmentCount(length); k++)
            {
                int n = fragmenter.WriteFragment(encoded, 0, length, k, note, 0);
                if (reassembler.Add(note, 0, n))
                {
                    decodedOk += FrameDecoder.Decode(reassembler.CompletedFrame, 0, reassembler.CompletedLength, decoded) == DecodeStatus.Ok ? 1 : 0;
                }
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(500, decodedOk);
        Assert.Equal((1 + 2 * 500) * fragmenter.FragmentCount(length), sink.Notifications); // warm-up publish, then publish + resend
    }
}
