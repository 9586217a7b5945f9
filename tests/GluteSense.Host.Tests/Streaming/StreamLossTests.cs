using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

/// <summary>
/// The "Done when" loss test of issue 4: 10 % random fragment loss plus one 500 ms outage at the default MTU of 23.
/// With retransmission every sample arrives; without it, every lost sample is reported as a gap, exactly.
/// </summary>
public class StreamLossTests
{
    private const long DurationUs = 10_000_000;

    private static SimulatedLinkSettings LossyLink(int seed) => new()
    {
        AttMtu = ProtocolSpec.AttMtuDefault,
        LossProbability = 0.10,
        Outages = new[] { new LinkOutage(4_000_000, 500_000) },
        Seed = seed,
    };

    // Every (stream, sample index, column) the board produced, from the stream end positions.
    private static HashSet<(byte, long, int)> Produced(SimulatedSession s, byte type, int columns, long first, long next)
    {
        var set = new HashSet<(byte, long, int)>();
        for (long i = first; i < next; i++)
            for (int c = 0; c < columns; c++)
                set.Add((type, i, c));
        return set;
    }

    private static Dictionary<(byte, long, int), int> DeliveredValues(StreamReassembler host)
    {
        var values = new Dictionary<(byte, long, int), int>();
        foreach (ReceivedFrame f in host.Delivered.Where(f => f.FrameType is ProtocolSpec.FrameTypeEnvelope or ProtocolSpec.FrameTypeImu))
        {
            int perSet = f.Content.ValuesPerSample;
            int[] v = f.Values;
            for (int s = 0; s < f.Content.SampleCount; s++)
                for (int c = 0; c < perSet; c++)
                    Assert.True(values.TryAdd((f.FrameType, f.Content.FirstSampleIndex + (long)s, c), v[s * perSet + c]), "sample delivered twice");
        }

        return values;
    }

    private static int Truth(byte type, long index, int column) =>
        type == ProtocolSpec.FrameTypeEnvelope ? SimulatedSession.EnvelopeValue(index, column) : SimulatedSession.ImuValue(index, column);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WithRetransmissionEverySampleIsDelivered(int seed)
    {
        var session = new SimulatedSession(LossyLink(seed), new StreamReassemblerOptions { RetransmitEnabled = true });
        session.Run(DurationUs);
        StreamReassembler host = session.Host;

        // The link really was bad: notifications were lost at random and in the outage, and frames were resent.
        Assert.InRange(session.Link.Statistics.LostRandom, session.Link.Statistics.Sent / 20, session.Link.Statistics.Sent / 5);
        Assert.True(session.Link.Statistics.LostOutage > 0);
        Assert.True(host.Counters.Recovered > 50, "recovered " + host.Counters.Recovered);
        Assert.True(session.RetransmitCommands > 0);

        Assert.True(host.Complete);
        Assert.Empty(host.Gaps);
        Assert.Empty(host.LostFrames);
        Assert.Equal(0, host.Counters.Corrupt); // fragments of originals and copies were never spliced together
        Dictionary<(byte, long, int), int> delivered = DeliveredValues(host);
        var expected = Produced(session, ProtocolSpec.FrameTypeEnvelope, 4, 0, 10 * (DurationUs / 100_000 - 1));
        expected.UnionWith(Produced(session, ProtocolSpec.FrameTypeImu, 6, 0, 10 * (DurationUs / 100_000 - 1)));
        Assert.Equal(expected.Count, delivered.Count); // 100 % of samples
        Assert.All(expected, k => Assert.Equal(Truth(k.Item1, k.Item2, k.Item3), delivered[k]));

        // In order, each sequence number once.
        long[] seqs = host.Delivered.Select(f => f.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(0, seqs.Length).Select(i => (long)i), seqs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void WithoutRetransmissionEveryLostSampleIsReportedAsAGapExactly(int seed)
    {
        var session = new SimulatedSession(LossyLink(seed), new StreamReassemblerOptions { RetransmitEnabled = false });
        session.Run(DurationUs);
        StreamReassembler host = session.Host;
        Assert.Equal(0, session.RetransmitCommands);
        Assert.NotEmpty(host.LostFrames);

        Dictionary<(byte, long, int), int> delivered = DeliveredValues(host);
        var gapSamples = new HashSet<(byte, long, int)>();
        foreach (SampleGap g in host.Gaps)
        {
            Assert.NotEmpty(g.ChannelNames);
            for (long i = g.FirstSampleIndex; i < g.FirstSampleIndex + g.SampleCount; i++)
                for (int c = 0; c < g.ChannelNames.Count; c++)
                    Assert.True(gapSamples.Add((g.FrameType, i, c)), "sample reported missing twice");
        }

        var produced = Produced(session, ProtocolSpec.FrameTypeEnvelope, 4, 0, 10 * (DurationUs / 100_000 - 1));
        produced.UnionWith(Produced(session, ProtocolSpec.FrameTypeImu, 6, 0, 10 * (DurationUs / 100_000 - 1)));
        var lost = new HashSet<(byte, long, int)>(produced);
        lost.ExceptWith(delivered.Keys);
        Assert.True(lost.Count > 1000, "the link should have lost many samples, lost " + lost.Count);
        Assert.Equal(lost.OrderBy(k => k), gapSamples.OrderBy(k => k)); // exactly the lost samples, no more, no less
        Assert.All(delivered, kv => Assert.Equal(Truth(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3), kv.Value)); // nothing invented

        // The 500 ms outage (4.0 .. 4.5 s) is inside the reported gaps, with device times that match.
        SampleGap outage = host.Gaps.Single(g => g.FrameType == ProtocolSpec.FrameTypeEnvelope
            && g.StartTimeUs <= 4_000_000 && g.StartTimeUs + g.SampleCount * 10_000 >= 4_400_000);
        Assert.Equal(outage.FirstSampleIndex * 10_000.0, outage.StartTimeUs); // sample i is stamped i x 10 ms here
    }
}
