extern alias twin;
using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using twin::GluteSense.Firmware.Board;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;
using PairingStatus = twin::nanoFramework.Device.Bluetooth.DevicePairingResultStatus;

namespace GluteSense.Host.Tests.Twin;

/// <summary>
/// The device app as the twin, in board time (deterministic, no wall clock): every command through its GATT control
/// characteristic, the board side of pairing (passkey from the board's store, protection levels, lockout), and the
/// low-battery shutdown (AFE and IMU powered down, deep sleep, the button wakes it), the streaming watchdog.
/// </summary>
public sealed class TwinBoardTests
{
    private const int Config1 = 1;   // ADS1298 CONFIG1: HR + DR[2:0] (SBAS459 Table 15)

    [Fact]
    public void EveryCommandIsAnsweredAndRefusalsChangeNothing()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        TwinClient client = new TwinClient(board).Bonded();

        Assert.Equal(ProtocolSpec.ConfigLength, client.Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t)).ResponseDataLength);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.SetMode(c, t, ProtocolSpec.ModeBoth)));
        Assert.Equal(ProtocolSpec.ErrBadValue, client.Error((c, t) => CommandCodec.SetMode(c, t, 99)));

        // set_emg_rate reaches the chip: CONFIG1's data-rate code moves from 2 kSPS (100) to 1 kSPS (101).
        Assert.Equal(0x84, board.Hardware.Afe.Reg(Config1));
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.SetEmgRate(c, t, ProtocolSpec.RawRateLowHz)));
        Assert.Equal(0x85, board.Hardware.Afe.Reg(Config1));
        Assert.Equal(ProtocolSpec.ErrBadValue, client.Error((c, t) => CommandCodec.SetEmgRate(c, t, 1234)));

        // set_filter 10-400 Hz cannot be applied by the chain: refused, and get_config still reports the old band.
        var bad = new FilterCommandSettings { BandLowHz = 10, BandHighHz = 400 };
        byte[] before = client.Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t)).ResponseData.Take(ProtocolSpec.ConfigLength).ToArray();
        Assert.Equal(ProtocolSpec.ErrBadValue, client.Error((c, t) => CommandCodec.SetFilter(c, t, bad)));
        byte[] after = client.Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t)).ResponseData.Take(ProtocolSpec.ConfigLength).ToArray();
        Assert.Equal(before, after);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.SetFilter(c, t, new FilterCommandSettings())));

        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.CaptureCalibration(c, t, ProtocolSpec.CalibrateGyroBias)));
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.SetImuCalibration(c, t, new float[3], new float[3], new[] { 1f, 1f, 1f })));
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.SetAfeOffsets(c, t, new float[4])));
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Identify(c, t, 2)));

        // time_sync answers with the board clock, which runs with board time (the twin's virtual clock).
        uint first = ByteIO.ReadUInt32(client.Send((c, t) => CommandCodec.TimeSync(c, t, 123)).ResponseData, 8);
        board.RunFor(250_000);
        uint second = ByteIO.ReadUInt32(client.Send((c, t) => CommandCodec.TimeSync(c, t, 456)).ResponseData, 8);
        Assert.Equal(250_000u, second - first);

        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t)));
        Assert.Equal(ProtocolSpec.ErrInvalidState, client.Error((c, t) => CommandCodec.SetEmgRate(c, t, ProtocolSpec.RawRateHighHz)));
        board.RunFor(500_000);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.InsertMarker(c, t, 7)));
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Retransmit(c, t, 0, 2)));
        Assert.Equal(ProtocolSpec.ErrRangeUnavailable, client.Error((c, t) => CommandCodec.Retransmit(c, t, 60_000, 2)));
        board.RunFor(500_000);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, t)));
        Assert.Equal(ProtocolSpec.ErrUnknownCommand, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdLast + 1, t)));

        // A second of streaming at 1 kHz: envelope, raw, IMU and the event frame went out on the data characteristic.
        Assert.True(client.DataNotifications.Count > 20);
        Assert.Equal(0, board.Ble.TruncatedNotifications);
        Assert.Equal("", board.FaultText());
    }

    [Fact]
    public void TheImuStreamsAtTheRateGetConfigReports()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        TwinClient client = new TwinClient(board).Bonded();
        var config = new DeviceConfiguration();
        Frame reply = client.Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t));
        Assert.True(config.Read(reply.ResponseData, 0, reply.ResponseDataLength));
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t)));
        board.RunFor(4_000_000);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, t)));

        // Four seconds of board time: the IMU samples the host receives are the reported rate's (the ICM-42688's ODR
        // register and get_config agree), within one FIFO burst.
        int imuSamples = client.DataFrames().Where(f => f.FrameType == ProtocolSpec.FrameTypeImu).Sum(f => f.SampleCount);
        Assert.InRange(imuSamples, 4 * config.ImuRateHz - 20, 4 * config.ImuRateHz + 20);
    }

    [Fact]
    public void AnUnbondedClientGetsNoDataAndNoCommandIsExecuted()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        var stranger = new TwinClient(board, address: 0xBAD);
        byte[] start = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(CommandCodec.Simple(new Command(), ProtocolSpec.CmdStartStreaming, 1), start, 0);

        Assert.Equal(0x05, stranger.Link.Subscribe(TwinClient.Data, true));       // ATT insufficient authentication
        Assert.Equal(0x05, stranger.Link.Subscribe(TwinClient.Response, true));
        Assert.Equal(0x05, stranger.Link.Write(TwinClient.Control, start.AsSpan(0, n).ToArray()));
        board.RunFor(1_000_000);

        Assert.Empty(stranger.DataNotifications);

        // A bonded host watching the data characteristic sees no stream: the stranger's start_streaming never ran.
        TwinClient owner = new TwinClient(board, address: 0x0A).Bonded();
        board.RunFor(1_000_000);
        Assert.DoesNotContain(owner.DataFrames(), f => f.FrameType == ProtocolSpec.FrameTypeEnvelope);
        Assert.Equal(0, stranger.Link.Read(TwinClient.Info, out byte[] info));   // info stays readable (docs/security.md)
        Assert.Equal(ProtocolSpec.DeviceInfoLength, info.Length);

        // Just works is refused: the board asks for an authenticated pairing and never confirms without the passkey.
        Assert.Equal(PairingStatus.AuthenticationFailure, stranger.Link.Pair(123456));
        Assert.False(stranger.Link.Authenticated);
        Assert.False(board.Bonds.IsBonded(0xBAD));
    }

    [Fact]
    public void TheLabelPasskeyBondsAndTheBondOutlivesAReconnect()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        var host = new TwinClient(board, address: 0x0A);

        Assert.Equal(PairingStatus.Paired, host.Link.Pair(TwinBoard.DefaultPasskey));
        Assert.True(host.Link.Authenticated);
        Assert.True(board.Bonds.IsBonded(0x0A));
        host.Link.Disconnect();

        TwinClient again = new TwinClient(board, address: 0x0A);   // no pairing: the stored keys encrypt the link
        Assert.True(again.Link.Authenticated);
        Assert.Equal(0, again.Link.Subscribe(TwinClient.Response, true));
        Assert.Equal(ProtocolSpec.ErrOk, again.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t)));
    }

    [Fact]
    public void ThreeWrongPasskeysLockPairingOutForAMinute()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        var attacker = new TwinClient(board, address: 0x66);
        for (int i = 0; i < 3; i++) Assert.Equal(PairingStatus.AuthenticationFailure, attacker.Link.Pair(111111 + i));

        // Locked: even the right passkey is not answered (the board does not supply its passkey to the stack).
        Assert.NotEqual(PairingStatus.Paired, attacker.Link.Pair(TwinBoard.DefaultPasskey));
        board.RunFor(61_000_000);
        Assert.Equal(PairingStatus.Paired, attacker.Link.Pair(TwinBoard.DefaultPasskey));
    }

    [Theory]
    [InlineData(-1)]          // no NVS entry
    [InlineData(1_000_000)]   // a 7-digit value written by mistake: refused by the module's C range rule
    public void ABoardFlashedWithoutAPasskeyBondsWithNobody(int storedPasskey)
    {
        using var board = new TwinBoard(null, passkey: storedPasskey);
        board.PowerOnAndWaitAdvertising();
        var host = new TwinClient(board);

        Assert.NotEqual(PairingStatus.Paired, host.Link.Pair(0));
        Assert.Equal(0x05, host.Link.Subscribe(TwinClient.Data, true));
    }

    [Fact]
    public void AStalledAcquisitionRebootsTheBoardWithinTheWatchdogTimeAndTheBondOutlivesIt()
    {
        const long SecondUs = 1_000_000;
        const int watchdogS = PowerAndStatus.WatchdogSeconds;
        using TwinBoard board = TwinHarness.PoweredBoard();
        TwinClient client = new TwinClient(board, address: 0x0B).Bonded();
        byte[] defaults = Config(client);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.SetMode(c, t, ProtocolSpec.ModeBoth)));
        byte[] configured = Config(client);
        Assert.NotEqual(defaults, configured);
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t)));
        board.RunFor(2 * SecondUs);
        Assert.Contains(client.DataFrames(), f => f.FrameType == ProtocolSpec.FrameTypeRawEmg);

        // The AFE stops raising DRDY: no block completes. The watchdog looks once a second, so it fires after
        // WatchdogSeconds +- 1 s of stall: not at WatchdogSeconds - 1 s, by WatchdogSeconds + 1 s.
        board.Hardware.AfeDrdyStopped = true;
        board.RunFor((watchdogS - 1) * SecondUs);
        Assert.Equal(1, board.Boots);
        Assert.True(client.Link.Connected, "the link dropped before the watchdog time");
        board.RunFor(2 * SecondUs);
        Assert.Equal(2, board.Boots);
        Assert.Equal(TwinPowerState.Running, board.State);
        Assert.False(client.Link.Connected, "the reboot did not drop the link");
        Assert.Equal("", board.FaultText());

        // The new boot: RAM state is the defaults again (mode, not streaming); the bond is in non-volatile storage.
        board.Hardware.AfeDrdyStopped = false;   // the fault cleared, as the app's start-up reset of the AFE would
        board.RunFor(TwinBoard.StartUpUs);
        Assert.True(board.Ble.Advertising);
        Assert.True(board.Bonds.IsBonded(0x0B));
        var again = new TwinClient(board, address: 0x0B);   // no pairing: the stored keys encrypt the link
        Assert.True(again.Link.Authenticated);
        Assert.Equal(0, again.Link.Subscribe(TwinClient.Data, true));
        Assert.Equal(0, again.Link.Subscribe(TwinClient.Response, true));
        Assert.Equal(defaults, Config(again));
        board.RunFor(SecondUs);
        Assert.Empty(again.DataFrames());   // not streaming after the reboot until asked
        Assert.Equal(ProtocolSpec.ErrOk, again.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t)));
        board.RunFor(SecondUs);
        Assert.Contains(again.DataFrames(), f => f.FrameType == ProtocolSpec.FrameTypeEnvelope);
        Assert.Equal(2, board.Boots);
    }

    private static byte[] Config(TwinClient client) =>
        client.Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t)).ResponseData.Take(ProtocolSpec.ConfigLength).ToArray();

    [Fact]
    public void LowBatteryPowersDownTheAfeAndTheImuAndSleepsUntilTheButton()
    {
        using TwinBoard board = TwinHarness.PoweredBoard();
        TwinClient client = new TwinClient(board).Bonded();
        Assert.Equal(ProtocolSpec.ErrOk, client.Error((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t)));
        board.RunFor(1_500_000);
        Assert.False(board.Hardware.AfePoweredDown, "AFE powered down while streaming");
        Assert.False(board.Hardware.ImuPoweredDown, "IMU powered down while streaming");

        board.Hardware.BatteryMillivolts = 3300;   // below the 3.35 V shutdown threshold
        board.RunFor(6_000_000);

        Assert.Equal(TwinPowerState.DeepSleep, board.State);
        Assert.True(board.Hardware.AfePoweredDown, "PWDN still high in deep sleep");
        Assert.True(board.Hardware.ImuPoweredDown, "IMU sensors still on in deep sleep");
        Assert.False(client.Link.Connected, "link still up in deep sleep");
        Assert.False(board.Ble.Advertising, "advertising in deep sleep");

        // The host saw the low battery in a status frame before the link went.
        Assert.Contains(client.DataFrames(), f => f.FrameType == ProtocolSpec.FrameTypeStatus);

        board.Hardware.BatteryMillivolts = 4100;   // charged
        board.Hardware.ButtonPressed = true;
        board.RunFor(TwinBoard.StartUpUs);
        Assert.Equal(2, board.Boots);
        Assert.Equal(TwinPowerState.Running, board.State);
        Assert.True(board.Ble.Advertising);
    }
}
