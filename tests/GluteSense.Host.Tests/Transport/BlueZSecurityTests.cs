using System;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Transport;
using GluteSense.Host.Transport.BlueZ;
using Tmds.DBus;

namespace GluteSense.Host.Tests.Transport;

/// <summary>
/// BLE security as the board enforces it (docs/security.md), through the mock BlueZ on a private D-Bus: an unbonded
/// host gets a one-line refusal, no data and no executed command; a wrong passkey does not bond; the right passkey
/// (answered by the host's Agent1) bonds, and the same connection path then works.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class BlueZSecurityTests
{
    private static readonly ObjectPath Device = new(MockBlueZ.DevicePath);

    private static MockBlueZ UnbondedBoard() =>
        new(BlueZTransportTests.Board(new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 }), speed: 1, bonded: false);

    [Fact]
    public void AnUnbondedHostIsRefusedWithAOneLineErrorAndNothingIsExecuted()
    {
        using MockBlueZ bluez = UnbondedBoard();
        using Connection bus = bluez.Client();

        var e = Assert.Throws<BoardException>(() => BlueZTransport.Connect(bus, Device, TimeSpan.FromSeconds(2)));

        Assert.Contains("requires a bonded, authenticated link", e.Message);
        Assert.Contains("glutesense pair --passkey", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.False(bluez.Data.Notifying);
        Assert.Equal(0, bluez.CommandsExecuted);
    }

    [Fact]
    public void AWrongPasskeyDoesNotBond()
    {
        using MockBlueZ bluez = UnbondedBoard();
        using Connection bus = bluez.Client();

        var e = Assert.Throws<BoardException>(() => BlueZPairing.Pair(bus, Device, MockBlueZ.DefaultPasskey + 1));

        Assert.Contains("refused the passkey", e.Message);
        Assert.False(bluez.Device.Paired);
        Assert.Equal(1, bluez.Device.FailedPairings);
        Assert.Null(bluez.Agent);   // the agent is unregistered again
        Assert.Throws<BoardException>(() => BlueZTransport.Connect(bus, Device, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void TheRightPasskeyBondsAndTheBoardThenAnswers()
    {
        using MockBlueZ bluez = UnbondedBoard();
        using Connection bus = bluez.Client();

        BlueZPairing.Pair(bus, Device, MockBlueZ.DefaultPasskey);
        Assert.True(bluez.Device.Paired);
        BlueZPairing.Pair(bus, Device, MockBlueZ.DefaultPasskey);   // already bonded: nothing to do

        using var session = new BoardSession(() => BlueZTransport.Connect(bus, Device, TimeSpan.FromSeconds(2)));
        Assert.Equal(ProtocolSpec.DefaultChannels, session.GetConfig().ChannelCount);
        Assert.True(bluez.CommandsExecuted >= 1);   // the session also syncs clocks and reads the configuration
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("-12345")]
    public void APasskeyIsExactlySixDigits(string text)
    {
        Assert.Contains("6 digits", Assert.Throws<BoardException>(() => BlueZPairing.ParsePasskey(text)).Message);
    }
}
