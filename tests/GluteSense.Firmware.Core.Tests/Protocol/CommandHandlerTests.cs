using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

public class CommandHandlerTests
{
    private static Command Cmd(int opcode, int token, params byte[] payload)
    {
        var c = new Command { Opcode = opcode, Token = token, PayloadLength = payload.Length };
        payload.CopyTo(c.Payload, 0);
        return c;
    }

    [Fact]
    public void SetCalibrationStoresValidValuesReadBackByGetConfig_AndRejectsFaultsWithoutChange()
    {
        var board = new CommandBoard();
        float[] bias = { 0.01f, -0.02f, 0.005f }, offset = { 0.1f, -0.2f, 0.05f }, scale = { 1.01f, 0.99f, 1.002f };
        Frame ok = board.Send(CommandCodec.SetImuCalibration(new Command(), 3, bias, offset, scale));
        Assert.Equal(ProtocolSpec.ErrOk, ok.ErrorCode);
        Assert.Equal(bias.Concat(offset).Concat(scale), board.Config.ImuCalibration);
        Assert.Equal(ProtocolSpec.ErrOk, board.Send(CommandCodec.SetAfeOffsets(new Command(), 4, new[] { 12.5f, -3f, 0f, 1000f })).ErrorCode);

        // get_config carries the calibration; a host-side configuration reads it back exactly.
        Frame config = board.Send(CommandCodec.Simple(new Command(), ProtocolSpec.CmdGetConfig, 5));
        var readBack = new DeviceConfiguration();
        Assert.True(readBack.Read(config.ResponseData, 0, config.ResponseDataLength));
        Assert.Equal(board.Config.ImuCalibration, readBack.ImuCalibration);
        Assert.Equal(new[] { 12.5f, -3f, 0f, 1000f, 0f, 0f, 0f, 0f }, readBack.AfeOffsetMicrovolts);

        byte[] before = board.State();
        (Command Command, int Error)[] faults =
        {
            (CommandCodec.SetImuCalibration(new Command(), 6, new[] { 0.6f, 0f, 0f }, offset, scale), ProtocolSpec.ErrBadValue),   // bias beyond 0.5 rad/s
            (CommandCodec.SetImuCalibration(new Command(), 7, bias, offset, new[] { 1f, float.NaN, 1f }), ProtocolSpec.ErrBadValue),
            (CommandCodec.SetImuCalibration(new Command(), 8, bias, new[] { 0f, 0f, 2.5f }, scale), ProtocolSpec.ErrBadValue),
            (CommandCodec.SetAfeOffsets(new Command(), 9, new float[9]), ProtocolSpec.ErrBadValue),                                   // 9 channels
            (Cmd(ProtocolSpec.CmdSetCalibration, 10, ProtocolSpec.CalibrationImu, 0, 0), ProtocolSpec.ErrBadLength),
            (Cmd(ProtocolSpec.CmdSetCalibration, 11, 7), ProtocolSpec.ErrBadValue),                                                   // unknown what
        };
        foreach ((Command command, int error) in faults)
        {
            Assert.Equal(error, board.Send(command).ErrorCode);
            Assert.Equal(before, board.State());
        }

        board.Send(CommandCodec.Simple(new Command(), ProtocolSpec.CmdStartStreaming, 12));
        Assert.Equal(ProtocolSpec.ErrInvalidState, board.Send(CommandCodec.SetImuCalibration(new Command(), 13, bias, offset, scale)).ErrorCode);
    }

    [Fact]
    public void ValidCommandsChangeTheStateAndEchoOpcodeAndToken()
    {
        var board = new CommandBoard();
        var c = new Command();
        Frame r = board.Send(CommandCodec.SetMode(c, 11, ProtocolSpec.ModeBoth));
        Assert.Equal((ProtocolSpec.CmdSetMode, 11, ProtocolSpec.ErrOk), (r.CommandOpcode, r.CommandToken, r.ErrorCode));
        Assert.Equal(ProtocolSpec.ModeBoth, board.Config.Mode);

        Assert.Equal(ProtocolSpec.ErrOk, board.Send(CommandCodec.SetEmgRate(c, 12, 1000)).ErrorCode);
        Assert.Equal(1000, board.Config.EmgRateHz);

        var filter = new FilterCommandSettings { Kind = ProtocolSpec.FilterKindBiquads, RmsWindowMs = 50, EnvelopeRateHz = 50, BiquadSectionCount = 2 };
        float[] sos = { 0.2f, 0.4f, 0.2f, -0.3f, 0.1f, 1f, -2f, 1f, -1.9f, 0.92f };
        sos.CopyTo(filter.Biquads, 0);
        Assert.Equal(ProtocolSpec.ErrOk, board.Send(CommandCodec.SetFilter(c, 13, filter)).ErrorCode);
        Assert.Equal(ProtocolSpec.FilterKindBiquads, board.Config.Filter.Kind);
        Assert.Equal(sos, board.Config.Filter.Biquads.Take(10));

        Assert.Equal(ProtocolSpec.ErrOk, board.Send(CommandCodec.CaptureCalibration(c, 14, ProtocolSpec.CalibrateGyroBias)).ErrorCode);
        Assert.Equal(ProtocolSpec.CalibrateGyroBias, board.Config.PendingCalibrationMask);
        Assert.Equal(ProtocolSpec.ErrOk, board.Send(CommandCodec.Identify(c, 15, 5)).ErrorCode);
        Assert.Equal(5, board.Config.PendingIdentifySeconds);

        Frame config = board.Send(CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, 16));
        var read = new DeviceConfiguration();
        Assert.True(read.Read(config.ResponseData, 0, config.ResponseDataLength));
        Assert.Equal((ProtocolSpec.ModeBoth, 1000, 50), (read.Mode, read.EmgRateHz, read.Filter.RmsWindowMs));
        Assert.Equal(sos, read.Filter.Biquads.Take(10));

        board.Clock.Now = 777;
        Frame sync = board.Send(CommandCodec.TimeSync(c, 17, 1_700_000_000_000_001UL));
        Assert.Equal(1_700_000_000_000_001UL, ByteIO.ReadUInt64(sync.ResponseData, 0));
        Assert.Equal(777u, ByteIO.ReadUInt32(sync.ResponseData, 8));
    }

    [Fact]
    public void StartMarkerStopEmitEventFramesAndStopReportsWhereStreamsEnded()
    {
        var board = new CommandBoard();
        var c = new Command();
        var block = new Frame { FrameType = ProtocolSpec.FrameTypeEnvelope, ChannelsOrSensors = 4, SampleRateHz = 100, SampleCount = 10 };
        board.Publisher.Publish(block); // before streaming starts: sequence 0, samples 0..9
        Frame start = board.Send(CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, 1));
        Assert.Equal(ProtocolSpec.ErrOk, start.ErrorCode);
        Assert.True(board.Config.Streaming);
        var position = new StreamPosition();
        Assert.True(position.Read(start.ResponseData, 0, start.ResponseDataLength));
        Assert.Equal((1, 10u, 0u), (position.NextSequence, position.NextEnvelopeIndex, position.NextImuIndex));
        board.Publisher.Publish(block);
        board.Publisher.Publish(block);
        Assert.Equal(ProtocolSpec.ErrOk, board.Send(CommandCodec.InsertMarker(c, 2, 4242)).ErrorCode);
        Frame stop = board.Send(CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, 3));
        Assert.False(board.Config.Streaming);
        Assert.True(position.Read(stop.ResponseData, 0, stop.ResponseDataLength));
        Assert.Equal(6, position.NextSequence); // block(0), started(1), 2 blocks, marker(4), stopped(5)
        Assert.Equal(30u, position.NextEnvelopeIndex);

        var events = board.Sink.Notifications.Select(n =>
        {
            var f = new Frame();
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(n, 2, n.Length - 2, f));
            return f;
        }).Where(f => f.FrameType == ProtocolSpec.FrameTypeEvent).Select(f => (f.EventKind, f.MarkerId)).ToList();
        Assert.Equal(new[] { (3, 0), (2, 4242), (4, 0) }, events);
    }

    [Fact]
    public void RetransmitResendsFlaggedCopiesAndReportsUnavailableFrames()
    {
        var board = new CommandBoard();
        var block = new Frame { FrameType = ProtocolSpec.FrameTypeEnvelope, ChannelsOrSensors = 4, SampleRateHz = 100, SampleCount = 10 };
        for (int i = 0; i < 5; i++) board.Publisher.Publish(block);
        board.Sink.Notifications.Clear();
        Frame r = board.Send(CommandCodec.Retransmit(new Command(), 9, 1, 3));
        Assert.Equal(ProtocolSpec.ErrOk, r.ErrorCode);
        Assert.Equal(3, ByteIO.ReadUInt16(r.ResponseData, 0));
        var resent = board.Sink.Notifications.Select(n =>
        {
            var f = new Frame();
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(n, 2, n.Length - 2, f));
            return f;
        }).ToList();
        Assert.Equal(new[] { 1, 2, 3 }, resent.Select(f => (int)f.Sequence));
        Assert.All(resent, f => Assert.Equal(ProtocolSpec.FlagRetransmitted, f.Flags & ProtocolSpec.FlagRetransmitted));
        Assert.Equal(new uint[] { 10, 20, 30 }, resent.Select(f => f.FirstSampleIndex));

        Frame missing = board.Send(CommandCodec.Retransmit(new Command(), 10, 3, 10));
        Assert.Equal(ProtocolSpec.ErrRangeUnavailable, missing.ErrorCode);
        Assert.Equal(2, ByteIO.ReadUInt16(missing.ResponseData, 0));
    }

    public static IEnumerable<object[]> InvalidCommands()
    {
        yield return new object[] { "unknown opcode", Cmd(0x7E, 1), ProtocolSpec.ErrUnknownCommand };
        yield return new object[] { "start with payload", Cmd(ProtocolSpec.CmdStartStreaming, 1, 0), ProtocolSpec.ErrBadLength };
        yield return new object[] { "mode 0", Cmd(ProtocolSpec.CmdSetMode, 1, 0), ProtocolSpec.ErrBadValue };
        yield return new object[] { "mode 4", Cmd(ProtocolSpec.CmdSetMode, 1, 4), ProtocolSpec.ErrBadValue };
        yield return new object[] { "mode too long", Cmd(ProtocolSpec.CmdSetMode, 1, 1, 1), ProtocolSpec.ErrBadLength };
        yield return new object[] { "rate 1500", Cmd(ProtocolSpec.CmdSetEmgRate, 1, 0xDC, 0x05), ProtocolSpec.ErrBadValue };
        yield return new object[] { "filter notch 55", ParametricFilter(100, 100, 20, 450, 55), ProtocolSpec.ErrBadValue };
        yield return new object[] { "filter edges reversed", ParametricFilter(100, 100, 450, 20, 50), ProtocolSpec.ErrBadValue };
        yield return new object[] { "filter above Nyquist", ParametricFilter(100, 100, 20, 1000, 50), ProtocolSpec.ErrBadValue };
        yield return new object[] { "rms window 5 ms", ParametricFilter(5, 100, 20, 450, 50), ProtocolSpec.ErrBadValue };
        yield return new object[] { "unstable biquad", BiquadFilter(1f, 0f, 0f, -2.5f, 1.2f), ProtocolSpec.ErrBadValue };
        yield return new object[] { "NaN biquad", BiquadFilter(float.NaN, 0f, 0f, 0f, 0f), ProtocolSpec.ErrBadValue };
        yield return new object[] { "filter truncated", Cmd(ProtocolSpec.CmdSetFilter, 1, 1, 100, 0, 50, 0, 1, 0, 0), ProtocolSpec.ErrBadLength };
        yield return new object[] { "calibrate nothing", Cmd(ProtocolSpec.CmdCaptureCalibration, 1, 0), ProtocolSpec.ErrBadValue };
        yield return new object[] { "calibrate unknown bit", Cmd(ProtocolSpec.CmdCaptureCalibration, 1, 0x80), ProtocolSpec.ErrBadValue };
        yield return new object[] { "identify 0 s", Cmd(ProtocolSpec.CmdIdentify, 1, 0), ProtocolSpec.ErrBadValue };
        yield return new object[] { "identify 61 s", Cmd(ProtocolSpec.CmdIdentify, 1, 61), ProtocolSpec.ErrBadValue };
        yield return new object[] { "retransmit 0 frames", Cmd(ProtocolSpec.CmdRetransmit, 1, 0, 0, 0, 0), ProtocolSpec.ErrBadValue };
        yield return new object[] { "time sync short", Cmd(ProtocolSpec.CmdTimeSync, 1, 1, 2, 3), ProtocolSpec.ErrBadLength };
        yield return new object[] { "marker short", Cmd(ProtocolSpec.CmdInsertMarker, 1, 1), ProtocolSpec.ErrBadLength };
    }

    private static Command ParametricFilter(int windowMs, int envelopeHz, int lowHz, int highHz, int notchHz) =>
        CommandCodec.SetFilter(new Command(), 1, new FilterCommandSettings
        {
            RmsWindowMs = windowMs, EnvelopeRateHz = envelopeHz, BandLowHz = lowHz, BandHighHz = highHz, NotchHz = notchHz,
        });

    private static Command BiquadFilter(params float[] section)
    {
        var s = new FilterCommandSettings { Kind = ProtocolSpec.FilterKindBiquads, BiquadSectionCount = 1 };
        section.CopyTo(s.Biquads, 0);
        return CommandCodec.SetFilter(new Command(), 1, s);
    }

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void InvalidCommandsReturnTheirErrorAndLeaveTheStateUnchanged(string why, Command command, int expectedError)
    {
        var board = new CommandBoard();
        byte[] before = board.State();
        Frame r = board.Send(command);
        Assert.True(expectedError == r.ErrorCode, why + ": error " + r.ErrorCode);
        Assert.Equal(command.Opcode, r.CommandOpcode);
        Assert.Equal(before, board.State());
    }

    [Fact]
    public void RateAndModeChangesAreRefusedWhileStreaming()
    {
        var board = new CommandBoard();
        var c = new Command();
        board.Send(CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, 1));
        byte[] before = board.State();
        Assert.Equal(ProtocolSpec.ErrInvalidState, board.Send(CommandCodec.SetEmgRate(c, 2, 1000)).ErrorCode);
        Assert.Equal(ProtocolSpec.ErrInvalidState, board.Send(CommandCodec.SetMode(c, 3, ProtocolSpec.ModeRaw)).ErrorCode);
        Assert.Equal(before, board.State());
    }

    [Fact]
    public void CorruptOrForeignPacketsAreAnsweredWithTheirError()
    {
        var board = new CommandBoard();
        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(CommandCodec.SetMode(new Command(), 5, ProtocolSpec.ModeRaw), packet, 0);
        byte[] before = board.State();
        byte[] corrupt = packet[..n];
        corrupt[4] ^= 0x01;
        Assert.Equal(ProtocolSpec.ErrBadCrc, board.SendBytes(corrupt).ErrorCode);

        byte[] v2 = packet[..n];
        v2[0] = 0x20; // major version 2
        ByteIO.WriteUInt16(v2, n - 2, Crc16.Compute(v2, 0, n - 2));
        Frame r = board.SendBytes(v2);
        Assert.Equal(ProtocolSpec.ErrUnsupportedVersion, r.ErrorCode);
        Assert.Equal(5, r.CommandToken);
        Assert.Equal(ProtocolSpec.ErrBadLength, board.SendBytes(packet[..3]).ErrorCode);
        Assert.Equal(before, board.State());
    }

    [Fact]
    public void RandomPacketsNeverThrowAndFailedCommandsNeverChangeTheState()
    {
        Gen.Select(Gen.Int[0, ProtocolSpec.CmdLast + 1], Gen.Byte.Array[0, 40], Gen.Bool).Sample((opcode, payload, raw) =>
        {
            var board = new CommandBoard();
            byte[] before = board.State();
            Frame r = raw
                ? board.SendBytes(payload)
                : board.Send(Cmd(opcode, 1, payload));
            if (r.ErrorCode != ProtocolSpec.ErrOk && r.ErrorCode != ProtocolSpec.ErrRangeUnavailable)
            {
                Assert.Equal(before, board.State());
            }
        }, iter: FuzzSettings.Iterations);
    }
}
