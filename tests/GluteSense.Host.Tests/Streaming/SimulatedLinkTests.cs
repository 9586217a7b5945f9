using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;

namespace GluteSense.Host.Tests.Streaming;

public class SimulatedLinkTests
{
    private static byte[] Note(int i) => new[] { (byte)i, (byte)(i >> 8), (byte)0x80 };

    private static (SimulatedLink Link, byte[][] Arrived) Send(SimulatedLinkSettings settings, int count, long stepUs = 1_000)
    {
        var link = new SimulatedLink(settings);
        for (int i = 0; i < count; i++)
        {
            link.NowUs = i * stepUs;
            byte[] n = Note(i);
            link.Send(n, 0, n.Length);
        }

        link.Flush();
        return (link, link.Drain().ToArray());
    }

    private static int Id(byte[] n) => n[0] | (n[1] << 8);

    [Fact]
    public void SameSeedSameImpairments()
    {
        var settings = new SimulatedLinkSettings { LossProbability = 0.2, DuplicateProbability = 0.1, ReorderProbability = 0.1, Seed = 42 };
        byte[][] a = Send(settings, 2000).Arrived, b = Send(settings, 2000).Arrived;
        Assert.Equal(a.Select(Id), b.Select(Id));
        Assert.NotEqual(a.Select(Id), Send(settings with { Seed = 43 }, 2000).Arrived.Select(Id));
    }

    [Fact]
    public void RandomLossRateMatchesTheSetting()
    {
        (SimulatedLink link, byte[][] arrived) = Send(new SimulatedLinkSettings { LossProbability = 0.1, Seed = 3 }, 20_000);
        double lossRate = 1.0 - arrived.Length / 20_000.0;
        Assert.InRange(lossRate, 0.09, 0.11); // binomial sd = 0.002
        Assert.Equal(20_000 - arrived.Length, link.Statistics.LostRandom);
    }

    [Fact]
    public void OutageLosesExactlyItsWindowAndBurstsLoseTheirLength()
    {
        (_, byte[][] arrived) = Send(new SimulatedLinkSettings { Outages = new[] { new LinkOutage(100_000, 500_000) } }, 1000);
        Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(600, 400)), arrived.Select(Id));

        (SimulatedLink burstLink, byte[][] burst) = Send(new SimulatedLinkSettings { BurstStartProbability = 0.01, BurstLength = 7, Seed = 5 }, 10_000);
        Assert.Equal(10_000 - burst.Length, burstLink.Statistics.LostBurst);
        Assert.True(burstLink.Statistics.LostBurst > 300);
        int[] ids = burst.Select(Id).ToArray();
        // Losses come in runs of at least BurstLength: consecutive arrivals are adjacent or 8+ apart.
        Assert.All(ids.Zip(ids.Skip(1)), p => Assert.True(p.Second - p.First == 1 || p.Second - p.First >= 8));
    }

    [Fact]
    public void DuplicatesAndReorderingKeepEveryNotification()
    {
        (SimulatedLink link, byte[][] arrived) = Send(new SimulatedLinkSettings { DuplicateProbability = 0.1, ReorderProbability = 0.1, ReorderDepth = 3, Seed = 9 }, 5000);
        int[] ids = arrived.Select(Id).ToArray();
        Assert.Equal(Enumerable.Range(0, 5000), ids.Distinct().Order());
        Assert.Equal(5000 + link.Statistics.Duplicated, ids.Length);
        Assert.True(link.Statistics.Reordered > 300);
        Assert.False(ids.SequenceEqual(ids.Order()));
    }

    [Fact]
    public void NotificationsLongerThanTheMtuAreASenderBug()
    {
        var link = new SimulatedLink(new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtuDefault });
        Assert.Throws<ArgumentOutOfRangeException>(() => link.Send(new byte[21], 0, 21));
        link.Send(new byte[20], 0, 20);
        Assert.Single(link.Drain());
    }
}
