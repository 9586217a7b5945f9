using System.Linq;
using GluteSense.Host.Link;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Virtual;

/// <summary>The simulated BLE link's timing: connection events, per-event limits, latency, disconnects.</summary>
public class LinkTimingTests
{
    private static void Send(SimulatedLink link, long atUs, int count)
    {
        link.NowUs = atUs;
        for (int i = 0; i < count; i++)
        {
            link.Send(new[] { (byte)i }, 0, 1);
        }
    }

    private static int DrainAt(SimulatedLink link, long atUs)
    {
        link.NowUs = atUs;
        return link.Drain().Count;
    }

    [Fact]
    public void NotificationsWaitForTheNextConnectionEventPlusLatency()
    {
        var link = new SimulatedLink(new SimulatedLinkSettings { ConnectionIntervalUs = 30_000, LatencyUs = 2_000 });
        Send(link, 5_000, 1);
        Assert.Equal(0, DrainAt(link, 29_999));
        Assert.Equal(1, DrainAt(link, 30_000));
        Send(link, 29_000, 1);                      // ready at 31 ms: next event at 60 ms
        Assert.Equal(0, DrainAt(link, 59_000));
        Assert.Equal(1, DrainAt(link, 60_000));
    }

    [Fact]
    public void PerEventLimitSpreadsABurstOverEventsAndAFullQueueDrops()
    {
        var link = new SimulatedLink(new SimulatedLinkSettings { ConnectionIntervalUs = 10_000, MaxNotificationsPerEvent = 4, MaxQueuedNotifications = 9 });
        Send(link, 0, 10);
        Assert.Equal(1, link.Statistics.LostQueueFull);
        Assert.Equal(4, DrainAt(link, 0));
        Assert.Equal(4, DrainAt(link, 10_000));
        Assert.Equal(1, DrainAt(link, 20_000));
    }

    [Fact]
    public void DisconnectLosesWhatIsSentAndWhatIsQueued()
    {
        var link = new SimulatedLink(new SimulatedLinkSettings
        {
            ConnectionIntervalUs = 50_000, Disconnects = new[] { new LinkOutage(40_000, 100_000) },
        });
        Send(link, 10_000, 3);                      // queued for the event at 50 ms, inside the disconnection
        Send(link, 60_000, 2);                      // sent while disconnected
        Assert.Equal(0, DrainAt(link, 50_000));
        Send(link, 150_000, 1);
        Assert.Equal(1, DrainAt(link, 150_000));
        Assert.Equal(5, link.Statistics.LostDisconnect);
    }

    [Fact]
    public void VirtualBoardRecoversEverythingThroughARealisticLink()
    {
        var settings = new SimulatedLinkSettings
        {
            AttMtu = 185, ConnectionIntervalUs = 15_000, MaxNotificationsPerEvent = 4, LatencyUs = 5_000,
            LossProbability = 0.1, Seed = 21, Outages = new[] { new LinkOutage(1_500_000, 500_000) },
        };
        using BoardSession session = VirtualTransport.Session(new VirtualBoard(new SignalFree(), settings));
        session.Start();
        session.PumpFor(System.TimeSpan.FromSeconds(4));
        session.Stop();
        Assert.Empty(session.Gaps);
        Assert.Equal((4000 - 50) / 10 + 1, session.TakeEnvelope().Sum(b => b.SampleCount));
    }

    private sealed class SignalFree : IVirtualSignalSource
    {
        public int ChannelCount => 4;

        public double DurationS => 10;

        public void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts) =>
            System.Array.Fill(microvolts, 0.0, 0, count * ChannelCount);

        public void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel) =>
            System.Array.Fill(gyroAccel, 0.0, 0, count * 6);
    }
}
