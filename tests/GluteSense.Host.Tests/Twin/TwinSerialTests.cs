extern alias twin;
using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Tests.Transport;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Tests.Twin;

/// <summary>
/// The device app's own code (Program, GATT services, acquisition, power) running as the twin, reached through the
/// host's real path: SerialTransport + BoardSession over an in-memory line and the twin's GATT-to-serial bridge.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class TwinSerialTests
{
    [Theory]
    [InlineData(ProtocolSpec.AttMtuDefault)]
    [InlineData(ProtocolSpec.AttMtu185)]
    [InlineData(ProtocolSpec.AttMtu247)]
    public void ConnectsAndReadsTheConfigurationAtEveryMtu(int attMtu)
    {
        using var twin = new TwinHarness(attMtu);

        // get_config (273 bytes) only arrives whole if the app fragments it to the MTU the server session learnt.
        twin.Session.GetConfig();   // throws unless all ProtocolSpec.ConfigLength bytes arrived
        Assert.Equal(attMtu, twin.Bridge.Link.AttMtu);
        Assert.Equal(ProtocolSpec.RawRateHighHz, twin.Session.Configuration.EmgRateHz);
        Assert.Equal(0, twin.Board.Ble.TruncatedNotifications);
        Assert.Equal("", twin.Board.FaultText());
    }

    [Fact]
    public void StreamsEnvelopeAndImuWithoutGaps()
    {
        using var twin = new TwinHarness(ProtocolSpec.AttMtu185);

        int samples = twin.Stream(TimeSpan.FromSeconds(1.5));

        // At pace 1, 1.5 s of wall clock is at most about 1.5 s of board time (less on a loaded machine, where the pacer
        // lags): half a second of envelope at 100 Hz at least, and never more than the wall clock allows with the drain.
        Assert.InRange(samples, 50, 450);
        Assert.Empty(twin.Session.Reassembler.Gaps);
        Assert.NotEmpty(twin.Session.TakeImu());
        Assert.Equal(0, twin.Board.Ble.TruncatedNotifications);
        Assert.Equal("", twin.Board.FaultText());
    }

    [Fact]
    public void FailedNotificationsAreGapsThatTheRetransmitPathRecovers()
    {
        using var twin = new TwinHarness(ProtocolSpec.AttMtu247);
        var data = new Guid(ProtocolSpec.DataCharacteristicUuid);
        twin.Bridge.Link.FailNotification = (characteristic, n) => characteristic == data && n % 13 == 5;

        twin.Stream(TimeSpan.FromSeconds(2));

        Assert.True(twin.Bridge.Link.RefusedNotifications > 0);
        Assert.True(twin.Session.Reassembler.Counters.Recovered > 0, "nothing was recovered by retransmission");
        Assert.Empty(twin.Session.Reassembler.Gaps);
    }

    [Fact]
    public void ReconnectsAfterTheLinkDropsAndTheRingFillsTheHole()
    {
        using var twin = new TwinHarness(ProtocolSpec.AttMtu247);
        twin.Session.Start();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool dropped = false;
        while (watch.Elapsed < TimeSpan.FromSeconds(3))
        {
            if (!dropped && watch.Elapsed > TimeSpan.FromSeconds(0.8))
            {
                twin.Bridge.Dispose();   // the cable is pulled: the board keeps streaming into its ring
                dropped = true;
            }

            twin.Session.Pump();
            System.Threading.Thread.Sleep(10);
        }

        twin.Session.Stop(TimeSpan.FromSeconds(3));
        Assert.True(twin.Session.Reconnects >= 1);
        Assert.True(twin.Connections >= 2);
        Assert.True(twin.Session.TakeEnvelope().Sum(b => b.SampleCount) > 100);
        Assert.Equal("", twin.Board.FaultText());
    }
}
