using System.Threading;
using GluteSense.Host.Native;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>The native lock-free sample ring: exact overrun accounting, alone and with a producer thread racing a
/// consumer thread.</summary>
public class NativeRingTests
{
    private const int Channels = 4;

    private static int[] FrameOf(uint sequence) =>
        new[] { (int)sequence, -(int)sequence, (int)(sequence * 7), (int)(sequence ^ 0x5A5A5A) };

    [Fact]
    public void FullRingCountsEveryDroppedSampleAndTheConsumerSeesTheGap()
    {
        using var ring = new NativeSampleRing();
        int capacity = NativeSampleRing.Capacity;
        for (uint s = 0; s < capacity + 44; s++)
        {
            Assert.Equal(s < capacity, ring.Push(s * 500, 0, FrameOf(s), Channels));
        }

        Assert.Equal(44u, ring.Overruns);
        var codes = new int[Channels * 100];
        int total = 0;
        for (int n; (n = ring.ReadBlock(Channels, 100, codes, out _, out uint lost, out _)) > 0;)
        {
            Assert.Equal(0u, lost);
            total += n;
        }

        Assert.Equal(capacity, total);
        Assert.True(ring.Push(12345, 0, FrameOf((uint)capacity + 44), Channels));
        Assert.Equal(1, ring.ReadBlock(Channels, 100, codes, out uint firstUs, out uint lostBefore, out _));
        Assert.Equal(44u, lostBefore);
        Assert.Equal(12345u, firstUs);
        Assert.Equal(FrameOf((uint)capacity + 44), codes[..Channels]);
    }

    [Fact]
    public void BlockEndsAtAGapAndTheNextBlockCarriesIt()
    {
        using var ring = new NativeSampleRing();
        for (uint s = 0; s < 10; s++)
        {
            ring.Push(s, 0x0000_1010, FrameOf(s), Channels);
        }

        // The DRDY task missed three frames (its SPI read came after the next DRDY): counted, never stored.
        for (int i = 0; i < 3; i++)
        {
            ring.Skip();
        }

        for (uint s = 13; s < 20; s++)
        {
            ring.Push(s, 0, FrameOf(s), Channels);
        }

        var codes = new int[Channels * 100];
        Assert.Equal(10, ring.ReadBlock(Channels, 100, codes, out uint t0, out uint lost0, out int leadOff));
        Assert.Equal((0u, 0u, 0x0101), (t0, lost0, leadOff));   // P (bit 12) and N (bit 4) of channel 0: P in 15:8, N in 7:0
        Assert.Equal(7, ring.ReadBlock(Channels, 100, codes, out uint t1, out uint lost1, out _));
        Assert.Equal((13u, 3u), (t1, lost1));
        Assert.Equal(3u, ring.Overruns);
    }

    [Fact]
    public void ProducerThreadAgainstConsumerThreadLosesNothingUncounted()
    {
        const uint Samples = 300_000;
        using var ring = new NativeSampleRing();
        var producer = new Thread(() =>
        {
            for (uint s = 0; s < Samples; s++)
            {
                ring.Push(s, 0, FrameOf(s), Channels);
                Thread.SpinWait(100); // a DRDY cadence, so that the consumer keeps up most of the time
            }
        });

        uint received = 0, lostSeen = 0, expected = 0;
        var codes = new int[Channels];
        producer.Start();
        var pauses = new System.Random(3);
        while (producer.IsAlive)
        {
            if (!ring.TryPop(codes, Channels, out uint sequence, out uint timeUs, out uint lost))
            {
                Thread.Yield();
                continue;
            }

            // Every frame arrives whole (its codes belong to its sequence number) and in order after the gap it reports.
            Assert.Equal(expected + lost, sequence);
            Assert.Equal(sequence, timeUs);
            Assert.True(codes[0] == (int)sequence && codes[3] == (int)(sequence ^ 0x5A5A5A), $"frame {sequence} torn");
            expected = sequence + 1;
            received++;
            lostSeen += lost;
            if (pauses.Next(20_000) == 0)
            {
                Thread.Sleep(2); // a slow consumer (a 20 ms quantum on the board): the ring overflows
            }
        }

        producer.Join();
        while (ring.TryPop(codes, Channels, out uint sequence, out _, out uint lost))
        {
            Assert.Equal(expected + lost, sequence);
            expected = sequence + 1;
            received++;
            lostSeen += lost;
        }

        lostSeen += Samples - expected; // dropped at the very end, after the last stored frame
        Assert.Equal(Samples, ring.Produced);
        Assert.Equal(ring.Overruns, lostSeen);
        Assert.Equal(Samples, received + lostSeen);
        Assert.True(ring.Overruns > 0, "the test must overflow the ring at least once");
        Assert.True(received > 1000, $"{received} of {Samples} received");
    }
}
