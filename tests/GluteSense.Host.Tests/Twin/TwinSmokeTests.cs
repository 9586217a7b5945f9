extern alias twin;
using System;
using GluteSense.Firmware.Core.Protocol;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Host.Tests.Twin;

public sealed class TwinSmokeTests
{
    [Fact]
    public void BootsAdvertisesAndAnswersGetConfig()
    {
        using var board = new TwinBoard();
        board.PowerOnAndWaitAdvertising();
        TwinLink link = new TwinCentral(1).Connect(board);
        var responses = new System.Collections.Generic.List<byte[]>();
        link.Received += (c, v) => responses.Add(v);
        Assert.Equal(185, link.ExchangeMtu(185));
        Assert.Equal(twin::nanoFramework.Device.Bluetooth.DevicePairingResultStatus.Paired, link.Pair(TwinBoard.DefaultPasskey));
        Assert.Equal(0, link.Subscribe(new Guid(ProtocolSpec.ResponseCharacteristicUuid), true));
        var command = new Command();
        var packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(CommandCodec.Simple(command, ProtocolSpec.CmdGetConfig, 1), packet, 0);
        Assert.Equal(0, link.Write(new Guid(ProtocolSpec.ControlCharacteristicUuid), packet.AsSpan(0, n).ToArray()));
        Assert.NotEmpty(responses);
        Assert.Equal("", board.FaultText());
    }
}
