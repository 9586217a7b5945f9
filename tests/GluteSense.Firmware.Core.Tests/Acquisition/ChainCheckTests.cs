using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Core.Tests.Protocol;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

/// <summary>
/// Commands that change the signal chain answer OK only for what the chain can run: a parametric band the built-in
/// tables do not have (10-400 Hz) is refused with ErrBadValue and changes nothing, where it used to answer OK while
/// the board went on filtering at 20-450 Hz. A board whose AFE failed its start-up check refuses to stream.
/// </summary>
public class ChainCheckTests
{
    private static (BoardRuntime Runtime, DeviceConfiguration Config) NewBoard()
    {
        var config = new DeviceConfiguration();
        return (new BoardRuntime(config, new FramePublisher(new NotificationCollector(), ProtocolSpec.AttMtu247), new StillClock(), 4), config);
    }

    private static Frame Send(BoardRuntime runtime, Command command)
    {
        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(command, packet, 0);
        byte[] response = new byte[ProtocolSpec.MaxFrameLength];
        int length = runtime.HandleCommand(packet, 0, n, response, 0);
        var frame = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(response, 0, length, frame));
        return frame;
    }

    private static byte[] ConfigBytes(DeviceConfiguration config)
    {
        byte[] b = new byte[ProtocolSpec.ConfigLength];
        config.Write(b, 0);
        return b;
    }

    [Fact]
    public void ABandTheChainCannotRunIsRefusedAndNothingChanges()
    {
        (BoardRuntime runtime, DeviceConfiguration config) = NewBoard();
        byte[] before = ConfigBytes(config);
        var filter = new FilterCommandSettings { BandLowHz = 10, BandHighHz = 400 };
        Assert.Equal(ProtocolSpec.ErrOk, filter.Validate(config.EmgRateHz));   // the wire format allows it

        Frame response = Send(runtime, CommandCodec.SetFilter(new Command(), 3, filter));

        Assert.Equal(ProtocolSpec.ErrBadValue, response.ErrorCode);
        Assert.Equal(before, ConfigBytes(config));
        Assert.Equal(20, runtime.Pipeline.Settings.BandPassLowHz);
        Assert.Equal(450, runtime.Pipeline.Settings.BandPassHighHz);
        Assert.NotNull(runtime.CheckFilter(filter, config.EmgRateHz));
    }

    [Fact]
    public void WhatTheChainCanRunIsAppliedAndReportedAlike()
    {
        (BoardRuntime runtime, DeviceConfiguration config) = NewBoard();
        var filter = new FilterCommandSettings { RmsWindowMs = 100, NotchHz = 60 };

        Assert.Equal(ProtocolSpec.ErrOk, Send(runtime, CommandCodec.SetFilter(new Command(), 4, filter)).ErrorCode);

        Assert.Equal(100, config.Filter.RmsWindowMs);
        Assert.Equal(100, runtime.Pipeline.Settings.RmsWindowMs);
        Assert.Equal(60, runtime.Pipeline.Settings.MainsHz);
    }

    [Fact]
    public void AHardwareFaultRefusesStreamingWithItsOwnCode()
    {
        (BoardRuntime runtime, DeviceConfiguration config) = NewBoard();
        config.HardwareFaults = ProtocolSpec.FaultAfeId;

        Assert.Equal(ProtocolSpec.ErrHardwareFault, Send(runtime, CommandCodec.Simple(new Command(), ProtocolSpec.CmdStartStreaming, 6)).ErrorCode);
        Assert.False(config.Streaming);
        Assert.Equal(ProtocolSpec.ErrOk, Send(runtime, CommandCodec.Simple(new Command(), ProtocolSpec.CmdGetConfig, 7)).ErrorCode);
    }

    [Fact]
    public void HostDesignedBiquadsAreTheWayToAnotherBand()
    {
        (BoardRuntime runtime, DeviceConfiguration config) = NewBoard();
        var filter = new FilterCommandSettings { Kind = ProtocolSpec.FilterKindBiquads, BiquadSectionCount = 1 };
        float[] passThrough = { 1f, 0f, 0f, 0f, 0f };
        passThrough.CopyTo(filter.Biquads, 0);

        Assert.Equal(ProtocolSpec.ErrOk, Send(runtime, CommandCodec.SetFilter(new Command(), 5, filter)).ErrorCode);
        Assert.Equal(1, runtime.Pipeline.SectionCount);
        Assert.Equal(ProtocolSpec.FilterKindBiquads, config.Filter.Kind);
    }
}
