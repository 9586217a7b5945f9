using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// The command handler and the frame publisher at the edges of docs/PROTOCOL.md section 6.2: every range limit taken
/// at its inclusive end and one step past it, responses that carry only their own data, the clock's time and the
/// echoed ids, and constructors that name the part they are missing. Limits are binary fractions or integers, so
/// "exactly at the limit" is exact in float.
/// </summary>
public class CommandHandlerLimitsTests
{
    private static Command Cmd(int opcode, params byte[] payload)
    {
        var c = new Command { Opcode = opcode, Token = 1, PayloadLength = payload.Length };
        payload.CopyTo(c.Payload, 0);
        return c;
    }

    private const int Ok = ProtocolSpec.ErrOk, BadValue = ProtocolSpec.ErrBadValue, BadLength = ProtocolSpec.ErrBadLength;

    [Fact]
    public void ConstructorsNameTheMissingPart()
    {
        var config = new DeviceConfiguration();
        var publisher = new FramePublisher(new NotificationCollector(), ProtocolSpec.AttMtuDefault);
        var clock = new StillClock();
        Assert.Equal("config", Assert.Throws<ArgumentNullException>(() => new CommandHandler(null!, publisher, clock)).ParamName);
        Assert.Equal("publisher", Assert.Throws<ArgumentNullException>(() => new CommandHandler(config, null!, clock)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => new CommandHandler(config, publisher, null!)).ParamName);
        var noResponses = Assert.Throws<ArgumentNullException>(() => new CommandHandler(config, publisher, null!, null!, clock));
        Assert.Equal("responses", noResponses.ParamName);
        var responses = new ResponsePublisher(null, ProtocolSpec.AttMtuDefault);
        Assert.Same(responses, new CommandHandler(config, publisher, responses, null!, clock).Responses);   // no check: allowed

        Assert.Equal("sink", Assert.Throws<ArgumentNullException>(() => new FramePublisher(null!, ProtocolSpec.AttMtuDefault)).ParamName);
        var sink = new NotificationCollector();
        Assert.Equal("ring", Assert.Throws<ArgumentNullException>(() => new FramePublisher(sink, ProtocolSpec.AttMtuDefault, null!)).ParamName);
        Assert.Equal("position", Assert.Throws<ArgumentNullException>(() => publisher.SetPosition(null!)).ParamName);
    }

    [Fact]
    public void AResponseCarriesOnlyItsOwnDataAndTheClockTime()
    {
        var board = new CommandBoard();
        board.Clock.Now = 123_456;
        Frame config = board.Send(CommandCodec.Simple(new Command(), ProtocolSpec.CmdGetConfig, 40));
        Assert.Equal((ProtocolSpec.ConfigLength, 123_456u), (config.ResponseDataLength, config.TimestampUs));
        board.Clock.Now = 654_321;
        Frame mode = board.Send(CommandCodec.SetMode(new Command(), 41, ProtocolSpec.ModeRaw));
        Assert.Equal((ProtocolSpec.CmdSetMode, 41, Ok, 0, 654_321u, 0),
            (mode.CommandOpcode, mode.CommandToken, mode.ErrorCode, mode.ResponseDataLength, mode.TimestampUs, (int)mode.Flags));
    }

    [Fact]
    public void StartAndStopAreIdempotentAndAnnounceOnlyAChange()
    {
        var board = new CommandBoard();
        var c = new Command();
        Assert.Equal(Ok, board.Error(CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, 1)));   // not streaming: no event
        Assert.Empty(board.Sink.Notifications);
        board.Clock.Now = 777;
        Assert.Equal(Ok, board.Error(CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, 2)));
        Assert.Equal(Ok, board.Error(CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, 3)));  // already streaming
        Assert.Single(board.Sink.Notifications);
        var started = new Frame();
        byte[] n = board.Sink.Notifications[0];
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(n, 2, n.Length - 2, started));
        Assert.Equal((ProtocolSpec.FrameTypeEvent, ProtocolSpec.EventStreamingStarted, 777u, 0, 0),
            (started.FrameType, started.EventKind, started.TimestampUs, started.MarkerId, (int)started.Flags));
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdStopStreaming, 0)));
        Assert.True(board.Config.Streaming);
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdGetConfig, 0)));
    }

    [Fact]
    public void ModeIdentifyAndCalibrationRequestsAcceptTheirWholeRange()
    {
        var board = new CommandBoard();
        var c = new Command();
        Assert.Equal(Ok, board.Error(CommandCodec.SetMode(c, 1, ProtocolSpec.ModeBoth)));
        Assert.Equal(Ok, board.Error(CommandCodec.SetMode(c, 1, ProtocolSpec.ModeEnvelope)));
        Assert.Equal(ProtocolSpec.ModeEnvelope, board.Config.Mode);
        Assert.Equal(Ok, board.Error(CommandCodec.Identify(c, 1, 1)));
        Assert.Equal(Ok, board.Error(CommandCodec.Identify(c, 1, 60)));
        Assert.Equal(60, board.Config.PendingIdentifySeconds);
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdIdentify, 5, 5)));

        // capture_calibration adds to what is pending until the pipeline clears it.
        Assert.Equal(Ok, board.Error(CommandCodec.CaptureCalibration(c, 1, ProtocolSpec.CalibrateElectrodeOffsets)));
        Assert.Equal(Ok, board.Error(CommandCodec.CaptureCalibration(c, 1, ProtocolSpec.CalibrateGyroBias)));
        Assert.Equal(0x03, board.Config.PendingCalibrationMask);
        Assert.Equal(Ok, board.Error(CommandCodec.CaptureCalibration(c, 9, ProtocolSpec.CalibrateGyroBias)));   // asked again: still pending
        Assert.Equal(0x03, board.Config.PendingCalibrationMask);
        Assert.Equal((ProtocolSpec.CmdCaptureCalibration, 9, Ok), (board.Handler.LastResponse.CommandOpcode,
            board.Handler.LastResponse.CommandToken, board.Handler.LastResponse.ErrorCode));
        Assert.Equal(BadValue, board.Error(CommandCodec.CaptureCalibration(c, 1, 0x04)));
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdCaptureCalibration, 1, 1)));
    }

    [Fact]
    public void ImuCalibrationLimitsAreInclusiveAndEachAxisGroupHasItsOwn()
    {
        // Gyro bias |b| <= 0.5 rad/s, accel offset |o| <= 2 m/s^2, accel scale |s - 1| <= 0.1 (ProtocolSpec).
        var c = new Command();
        float[] zero = { 0f, 0f, 0f }, one = { 1f, 1f, 1f };
        var board = new CommandBoard();
        float[] bias = { 0.5f, -0.5f, 0f }, offset = { 2f, -2f, 0f }, scale = { 1.0625f, 0.9375f, 1f };
        Assert.Equal(Ok, board.Error(CommandCodec.SetImuCalibration(c, 1, bias, offset, scale)));
        Assert.Equal(new[] { 0.5f, -0.5f, 0f, 2f, -2f, 0f, 1.0625f, 0.9375f, 1f }, board.Config.ImuCalibration);
        byte[] before = board.Config.ImuCalibration.SelectMany(BitConverter.GetBytes).ToArray();
        // 0.5 + 2^-7, 2 + 2^-6, 1 - 2^-3: one binary step past each limit.
        Assert.Equal(BadValue, board.Error(CommandCodec.SetImuCalibration(c, 1, new[] { 0.5078125f, 0f, 0f }, zero, one)));
        Assert.Equal(BadValue, board.Error(CommandCodec.SetImuCalibration(c, 1, zero, new[] { 0f, -2.015625f, 0f }, one)));
        // 1.5 is within an offset's limit, not a scale's.
        Assert.Equal(BadValue, board.Error(CommandCodec.SetImuCalibration(c, 1, zero, zero, new[] { 1.5f, 1f, 1f })));
        Assert.Equal(BadValue, board.Error(CommandCodec.SetImuCalibration(c, 1, zero, zero, new[] { 1f, 1f, 0.875f })));
        Assert.Equal(before, board.Config.ImuCalibration.SelectMany(BitConverter.GetBytes).ToArray());
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdSetCalibration)));
    }

    [Fact]
    public void AfeOffsetLimitsAreInclusiveFromOneToEightInputs()
    {
        // Offsets |o| <= 400 000 uV, 1..8 inputs, payload what (1) + n (1) + 4 n (section 6.2).
        var c = new Command();
        var board = new CommandBoard();
        Assert.Equal(Ok, board.Error(CommandCodec.SetAfeOffsets(c, 1, new[] { 400_000f })));
        Assert.Equal(Ok, board.Error(CommandCodec.SetAfeOffsets(c, 1, new[] { -400_000f, 1f, 2f, 3f, 4f, 5f, 6f, 7f })));
        Assert.Equal(new[] { -400_000f, 1f, 2f, 3f, 4f, 5f, 6f, 7f }, board.Config.AfeOffsetMicrovolts);
        Assert.Equal(BadValue, board.Error(CommandCodec.SetAfeOffsets(c, 1, new[] { 400_001f })));
        Assert.Equal(BadValue, board.Error(CommandCodec.SetAfeOffsets(c, 1, new[] { 0f, -400_001f })));
        Assert.Equal(BadValue, board.Error(Cmd(ProtocolSpec.CmdSetCalibration, ProtocolSpec.CalibrationAfe, 0)));
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdSetCalibration, ProtocolSpec.CalibrationAfe)));
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdSetCalibration, ProtocolSpec.CalibrationAfe, 1, 0, 0, 0)));
        Assert.Equal(-400_000f, board.Config.AfeOffsetMicrovolts[0]);
    }

    [Fact]
    public void RetransmitAcceptsUpToTheRingsIndexSlotsAndWrapsTheSequence()
    {
        var board = new CommandBoard();
        board.Publisher.SetPosition(new StreamPosition { NextSequence = 0xFFFF });
        Assert.Equal(0xFFFE, board.Publisher.LastSequence);
        var block = new Frame { FrameType = ProtocolSpec.FrameTypeEnvelope, ChannelsOrSensors = 4, SampleRateHz = 100, SampleCount = 10 };
        board.Publisher.Publish(block);   // sequence 65535
        board.Publisher.Publish(block);   // sequence 0
        Assert.Equal(0, board.Publisher.LastSequence);
        Frame both = board.Send(CommandCodec.Retransmit(new Command(), 2, 0xFFFF, 2));
        Assert.Equal((Ok, 2), (both.ErrorCode, (int)ByteIO.ReadUInt16(both.ResponseData, 0)));

        Frame one = board.Send(CommandCodec.Retransmit(new Command(), 5, 0, 1));
        Assert.Equal((Ok, 1), (one.ErrorCode, (int)ByteIO.ReadUInt16(one.ResponseData, 0)));

        int slots = board.Publisher.Ring.IndexSlots;
        Frame all = board.Send(CommandCodec.Retransmit(new Command(), 3, 0xFFFF, slots));
        Assert.Equal((ProtocolSpec.ErrRangeUnavailable, 2), (all.ErrorCode, (int)ByteIO.ReadUInt16(all.ResponseData, 0)));
        Assert.Equal(BadValue, board.Error(CommandCodec.Retransmit(new Command(), 4, 0, slots + 1)));
        Assert.Equal(BadLength, board.Error(Cmd(ProtocolSpec.CmdRetransmit, 0, 0, 1)));
    }

    [Fact]
    public void SkippedSamplesMoveTheNextFirstIndexForwardAndAResentFrameIsAlwaysFlagged()
    {
        var data = new NotificationCollector();
        var publisher = new FramePublisher(data, ProtocolSpec.AttMtu247);
        var block = new Frame { FrameType = ProtocolSpec.FrameTypeEnvelope, ChannelsOrSensors = 4, SampleRateHz = 100, SampleCount = 10 };
        publisher.Publish(block);                                   // samples 0..9
        publisher.SkipSamples(ProtocolSpec.FrameTypeEnvelope, 25);  // 10..34 never acquired
        publisher.Publish(block);
        Assert.Equal(35u, block.FirstSampleIndex);
        Assert.Equal(45u, publisher.NextSampleIndex(ProtocolSpec.FrameTypeEnvelope));

        // A frame published already carrying the retransmitted flag is still flagged when resent (set, not toggled).
        var flagged = new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = 1, Flags = ProtocolSpec.FlagRetransmitted };
        publisher.Publish(flagged);
        data.Notifications.Clear();
        Assert.True(publisher.Resend(2));
        var resent = new Frame();
        byte[] n = data.Notifications.Single();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(n, 2, n.Length - 2, resent));
        Assert.Equal((2, (int)ProtocolSpec.FlagRetransmitted), ((int)resent.Sequence, resent.Flags & ProtocolSpec.FlagRetransmitted));
    }
}
