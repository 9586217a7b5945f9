extern alias twin;
using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Tests.Transport;
using GluteSense.Host.Transport;
using GluteSense.Host.Transport.BlueZ;
using Tmds.DBus;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Host.Tests.Twin;

/// <summary>
/// The device-app twin behind the mock BlueZ on a private D-Bus: the host's BlueZTransport, BlueZPairing and
/// BoardSession talk D-Bus, every call is an ATT operation on the twin's emulated stack, and the app's own code
/// answers (its protection levels, its pairing handler with the passkey from its store).
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class TwinBlueZTests
{
    private static readonly ObjectPath Device = new(MockBlueZ.DevicePath);

    private static MockBlueZ Mock(TwinBoard board, int attMtu = ProtocolSpec.AttMtu247) =>
        new(new TwinBackend(board, speed: 1, attMtu), (uint)TwinBoard.DefaultPasskey);

    [Fact]
    public void AnUnbondedHostIsRefusedByTheAppsProtectionLevels()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        using MockBlueZ bluez = Mock(board);
        using Connection bus = bluez.Client();

        var e = Assert.Throws<BoardException>(() => BlueZTransport.Connect(bus, Device, TimeSpan.FromSeconds(2)));

        Assert.Contains("requires a bonded, authenticated link", e.Message);
        Assert.False(bluez.Data.Notifying);
        Assert.Equal(0, bluez.CommandsExecuted);
    }

    [Fact]
    public void AWrongPasskeyIsRefusedByTheBoardAndTheRightOneBondsThenStreams()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        using MockBlueZ bluez = Mock(board, ProtocolSpec.AttMtu185);
        using Connection bus = bluez.Client();

        Assert.Throws<BoardException>(() => BlueZPairing.Pair(bus, Device, (uint)TwinBoard.DefaultPasskey + 1));
        Assert.False(bluez.Device.Paired);

        BlueZPairing.Pair(bus, Device, (uint)TwinBoard.DefaultPasskey);   // what `glutesense pair --passkey N` runs
        Assert.True(board.Bonds.IsBonded(TwinBackend.HostAddress));

        using var session = new BoardSession(() => BlueZTransport.Connect(bus, Device, TimeSpan.FromSeconds(2)));
        session.GetConfig();   // throws unless all ProtocolSpec.ConfigLength bytes arrived
        session.Start();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            session.Pump();
            Thread.Sleep(20);
        }

        session.Stop(TimeSpan.FromSeconds(3));
        Assert.True(session.Collector.TakeEnvelope().Sum(b => b.SampleCount) >= 100);
        Assert.Empty(session.Reassembler.Gaps);
        Assert.Equal(0, board.Ble.TruncatedNotifications);
        Assert.Equal("", board.FaultText());
    }

    [Fact]
    public void ABondedHostStreamsThroughADisconnectWithoutLosingASample()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        TwinLink pairing = new TwinCentral(TwinBackend.HostAddress).Connect(board);   // bonded earlier (glutesense pair)
        pairing.Pair(TwinBoard.DefaultPasskey);
        pairing.Disconnect();
        using MockBlueZ bluez = Mock(board);
        using Connection bus = bluez.Client();
        using var session = new BoardSession(() => BlueZTransport.Connect(bus, Device, TimeSpan.FromSeconds(5)));

        session.Start();
        var watch = Stopwatch.StartNew();
        bool dropped = false;
        while (watch.Elapsed < TimeSpan.FromSeconds(2) || (session.Reconnects == 0 && watch.Elapsed < TimeSpan.FromSeconds(20)))
        {
            if (!dropped && watch.Elapsed > TimeSpan.FromSeconds(0.7))
            {
                bluez.Device.Drop();   // the radio link drops: the app sees the session close, keeps streaming into its ring
                dropped = true;
            }

            session.Pump();
            Thread.Sleep(20);
        }

        session.Stop(TimeSpan.FromSeconds(3));
        Assert.Equal(1, session.Reconnects);
        Assert.Empty(session.Reassembler.Gaps);
        Assert.True(session.Collector.TakeEnvelope().Sum(b => b.SampleCount) >= 150);
        Assert.Equal("", board.FaultText());
    }
}
