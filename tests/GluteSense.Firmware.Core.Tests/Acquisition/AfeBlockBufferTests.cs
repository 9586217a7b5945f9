using System.Threading;
using GluteSense.Firmware.Core.Acquisition;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

/// <summary>The managed block buffer between a DRDY thread and a consumer thread: no torn block, and every sample is
/// either delivered or counted as dropped, exactly where the gap is.</summary>
public class AfeBlockBufferTests
{
    [Fact]
    public void DrdyThreadAgainstASlowConsumerNeverTearsABlockAndCountsEveryDroppedSample()
    {
        const int Channels = 4, Block = 50, Blocks = 4000;
        var buffer = new AfeBlockBuffer(Channels, Block);
        var producer = new Thread(() =>
        {
            var counts = new int[8];
            for (int s = 0; s < Blocks * Block; s++)
            {
                for (int c = 0; c < Channels; c++)
                {
                    counts[c] = s * Channels + c;
                }

                buffer.AddFrame(0xC00000, counts, (uint)s);
                if (s % 64 == 0)
                {
                    Thread.Yield();
                }
            }
        });

        long delivered = 0, gaps = 0, next = 0;
        var pauses = new System.Random(5);
        producer.Start();
        while (true)
        {
            bool producing = producer.IsAlive;   // read before Take: a block completed at the very end is still taken
            int b = buffer.Take();
            if (b < 0)
            {
                if (!producing)
                {
                    break;
                }

                Thread.Yield();
                continue;
            }

            int[] codes = buffer.Codes(b);
            int first = codes[0] / Channels;
            Assert.Equal((uint)first, buffer.StartUs(b));
            for (int k = 0; k < buffer.Samples(b) * Channels; k++)
            {
                Assert.True(codes[k] == first * Channels + k, $"block starting at sample {first} torn at value {k}");
            }

            gaps += first - next;               // samples between the previous block and this one were dropped
            next = first + buffer.Samples(b);
            delivered += buffer.Samples(b);
            if (pauses.Next(10) == 0)
            {
                Thread.Sleep(1);                // a slow consumer: the DRDY side drops ready blocks meanwhile
            }

            buffer.Release();
        }

        producer.Join();
        Assert.Equal((long)Blocks * Block, delivered + buffer.SamplesDropped);
        Assert.Equal(gaps, buffer.SamplesDropped);
        Assert.True(buffer.SamplesDropped > 0, "the consumer must fall behind at least once");
    }
}
