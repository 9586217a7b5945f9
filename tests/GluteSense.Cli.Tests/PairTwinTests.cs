extern alias twin;
using System;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Tests.Transport;
using twin::GluteSense.Firmware.Twin.Board;

namespace GluteSense.Cli.Tests;

/// <summary>
/// <c>glutesense pair</c> against the device app itself: the mock BlueZ on a private bus (standing in for the system
/// bus) with the device-app twin behind it, so the passkey check is the app's own pairing code (BoardPairing) with the
/// passkey from the board's store.
/// </summary>
[Collection(SystemBusCollection.Name)]
public sealed class PairTwinTests
{
    [Fact]
    public void PairBondsWithTheLabelPasskeyAndNotWithAnother()
    {
        using TwinBoard board = new();
        board.PowerOnAndWaitAdvertising();
        using var bluez = new MockBlueZ(new TwinBackend(board, speed: 1, ProtocolSpec.AttMtu247), (uint)TwinBoard.DefaultPasskey);
        string? systemBus = Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS");
        Environment.SetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS", bluez.Address);
        try
        {
            (int code, _, string error) = CliTests.Run("pair", "--address", "C0:FF:EE:00:00:01", "--passkey", "111111");
            Assert.Equal(ExitCodes.Error, code);
            Assert.Contains("refused the passkey", error);
            Assert.False(board.Bonds.IsBonded(TwinBackend.HostAddress));

            (code, string output, error) = CliTests.Run("pair", "--address", "C0:FF:EE:00:00:01", "--passkey", TwinBoard.DefaultPasskey.ToString("D6"));
            Assert.True(code == ExitCodes.Ok, error);
            Assert.Contains("bonded with GluteSense C0:FF:EE:00:00:01", output);
            Assert.True(board.Bonds.IsBonded(TwinBackend.HostAddress));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS", systemBus);
        }
    }
}

/// <summary>Tests that point DBUS_SYSTEM_BUS_ADDRESS at a private bus run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SystemBusCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "system bus";
}
