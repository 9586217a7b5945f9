using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

/// <summary>
/// A board (core FramePublisher + CommandHandler) streaming envelope mode through a SimulatedLink to a host
/// StreamReassembler, with the host's retransmission requests sent back as Retransmit commands. The ground truth is
/// the sample formula below: the test knows every value the board produced.
/// </summary>
internal sealed class SimulatedSession
{
    public const int Channels = 4;
    public const int EnvelopeRateHz = 100;
    public const int ImuRateHz = 100;
    public const int SamplesPerFrame = ProtocolSpec.EnvelopeSamplesPerFrame;
    public const long StepUs = 10_000;

    private sealed class LinkClock : IDeviceClock
    {
        public long TimeUs;
        public uint Offset;

        public uint NowUs32() => unchecked((uint)TimeUs + Offset);

        public uint NowUs() => NowUs32();
    }

    private readonly LinkClock _clock = new();
    private readonly FramePublisher _publisher;
    private readonly CommandHandler _handler;
    private readonly Command _command = new();
    private readonly Frame _frame = new();

    public SimulatedSession(SimulatedLinkSettings link, StreamReassemblerOptions host, StreamPosition? startAt = null, uint clockOffsetUs = 0)
    {
        Link = new SimulatedLink(link);
        Host = new StreamReassembler(host);
        _publisher = new FramePublisher(Link, link.AttMtu);
        if (startAt != null) _publisher.SetPosition(startAt);
        _clock.Offset = clockOffsetUs;
        _handler = new CommandHandler(Config, _publisher, _clock);
    }

    public SimulatedLink Link { get; }

    public StreamReassembler Host { get; }

    public DeviceConfiguration Config { get; } = new();

    public uint FirstEnvelopeIndex { get; private set; }

    public uint FirstImuIndex { get; private set; }

    public int RetransmitCommands { get; private set; }

    /// <summary>Ground truth: envelope value of sample <paramref name="index"/> on channel <paramref name="channel"/>.</summary>
    public static int EnvelopeValue(long index, int channel) => (int)((index * 37 + channel * 1000) % 65536);

    /// <summary>Ground truth: IMU value of sample <paramref name="index"/> on column <paramref name="column"/> (gyro xyz, accel xyz).</summary>
    public static int ImuValue(long index, int column) => (short)(index * 13 - column * 3000);

    public void Run(long durationUs, long drainUs = 3_000_000)
    {
        StreamPosition start = Command(CommandCodec.Simple(_command, ProtocolSpec.CmdStartStreaming, 1));
        FirstEnvelopeIndex = start.NextEnvelopeIndex;
        FirstImuIndex = start.NextImuIndex;
        Host.Start(start);
        long t = 0;
        for (; t < durationUs; t += StepUs)
        {
            SetTime(t);
            if (t % (SamplesPerFrame * 1_000_000L / EnvelopeRateHz) == 0 && t > 0)
            {
                PublishBlocks(t);
            }

            if (t % 1_000_000 == 500_000)
            {
                PublishStatus();
            }

            Pump(t);
        }

        SetTime(t);
        StreamPosition end = Command(CommandCodec.Simple(_command, ProtocolSpec.CmdStopStreaming, 2));
        Host.End(end, t);
        for (long stop = t + drainUs; t < stop && !Host.Complete; t += StepUs)
        {
            SetTime(t);
            Pump(t);
        }

        Link.Flush();
        Pump(t);
        Host.Finish();
    }

    private void SetTime(long t)
    {
        Link.NowUs = t;
        _clock.TimeUs = t;
    }

    private void PublishBlocks(long t)
    {
        // Envelope block: the SamplesPerFrame samples that ended at t.
        uint firstEnvelope = _publisher.NextSampleIndex(ProtocolSpec.FrameTypeEnvelope);
        _frame.FrameType = ProtocolSpec.FrameTypeEnvelope;
        _frame.Flags = 0;
        _frame.ChannelsOrSensors = Channels;
        _frame.SampleRateHz = EnvelopeRateHz;
        _frame.SampleCount = SamplesPerFrame;
        _frame.TimestampUs = _clock.NowUs32() - (uint)(SamplesPerFrame * 1_000_000 / EnvelopeRateHz);
        for (int s = 0; s < SamplesPerFrame; s++)
            for (int c = 0; c < Channels; c++)
                _frame.Values[s * Channels + c] = EnvelopeValue((long)unchecked(firstEnvelope + (uint)s), c);
        _publisher.Publish(_frame);

        uint firstImu = _publisher.NextSampleIndex(ProtocolSpec.FrameTypeImu);
        _frame.FrameType = ProtocolSpec.FrameTypeImu;
        _frame.ChannelsOrSensors = ProtocolSpec.ImuSensorGyro | ProtocolSpec.ImuSensorAccel;
        _frame.SampleRateHz = ImuRateHz;
        for (int s = 0; s < SamplesPerFrame; s++)
            for (int c = 0; c < 6; c++)
                _frame.Values[s * 6 + c] = ImuValue((long)unchecked(firstImu + (uint)s), c);
        _publisher.Publish(_frame);
    }

    private void PublishStatus()
    {
        _frame.FrameType = ProtocolSpec.FrameTypeStatus;
        _frame.Flags = 0;
        _frame.SampleCount = 0;
        _frame.TimestampUs = _clock.NowUs32();
        _frame.ChannelsOrSensors = Channels;
        _frame.BatteryMillivolts = 3900;
        _frame.BatteryPercent = 80;
        _frame.CpuLoadPercent = 30;
        _frame.LeadOffMask = 0;
        _frame.DroppedSamples = 0;
        Array.Clear(_frame.SaturationCounts);
        _publisher.Publish(_frame);
    }

    private void Pump(long t)
    {
        foreach (byte[] n in Link.Drain())
        {
            Host.AddNotification(n, t);
        }

        Host.Poll(t);
        foreach (RetransmitRequest r in Host.TakeRetransmitRequests())
        {
            RetransmitCommands++;
            Frame response = Handle(CommandCodec.Retransmit(_command, 3, r.FirstSequence, r.Count));
            if (response.ErrorCode != ProtocolSpec.ErrOk)
            {
                throw new InvalidOperationException("retransmit refused: " + ProtocolNames.ErrorName(response.ErrorCode));
            }
        }
    }

    private StreamPosition Command(Command c)
    {
        Frame response = Handle(c);
        var position = new StreamPosition();
        if (response.ErrorCode != ProtocolSpec.ErrOk || !position.Read(response.ResponseData, 0, response.ResponseDataLength))
        {
            throw new InvalidOperationException("command failed: " + ProtocolNames.ErrorName(response.ErrorCode));
        }

        return position;
    }

    // Control writes are acknowledged at the ATT layer (write with response, indication confirmations), so the
    // simulation carries them reliably; only data notifications cross the lossy link.
    private Frame Handle(Command c)
    {
        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(c, packet, 0);
        byte[] response = new byte[ProtocolSpec.MaxFrameLength];
        int length = _handler.Handle(packet, 0, n, response, 0);
        var decoded = new Frame();
        if (FrameDecoder.Decode(response, 0, length, decoded) != DecodeStatus.Ok)
        {
            throw new InvalidOperationException("response did not decode");
        }

        return decoded;
    }
}
