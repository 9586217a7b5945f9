using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Virtual;

/// <summary>
/// The host side of a virtual board session: sends commands, starts and stops streaming, and pumps the simulated
/// link into the protocol's <see cref="StreamReassembler"/> (ordering, gap reports, retransmission requests answered
/// from the board's ring). Decoded samples are handed out with <see cref="TakeEnvelope"/> and <see cref="TakeImu"/>;
/// gaps are in <see cref="Gaps"/>. The same reassembler serves real transports.
/// </summary>
public sealed class VirtualBoardClient : IBoardClient
{
    /// <summary>Simulated time step of the pump loop (us): the BLE connection interval order of magnitude.</summary>
    public const long PumpStepUs = 10_000;

    /// <summary>How long (us) <see cref="Stop"/> keeps pumping for retransmissions before giving up on them.</summary>
    public const long DrainLimitUs = 3_000_000;

    private readonly Command _command = new();
    private readonly FrameCollector _collector = new();
    private int _token;

    /// <summary>Creates the client for <paramref name="board"/>.</summary>
    public VirtualBoardClient(VirtualBoard board, StreamReassemblerOptions? options = null)
    {
        Board = board ?? throw new ArgumentNullException(nameof(board));
        Reassembler = new StreamReassembler(options ?? new StreamReassemblerOptions());
    }

    /// <summary>The board.</summary>
    public VirtualBoard Board { get; }

    /// <inheritdoc />
    public string BoardSerial => Board.Serial;

    /// <inheritdoc />
    public DeviceConfiguration Configuration => Board.Configuration;

    /// <inheritdoc />
    public void Capture(long durationUs)
    {
        Start();
        RunUntil(Board.NowUs + durationUs);
        Stop();
    }

    /// <summary>The host-side reassembler (counters, gaps, lost frames).</summary>
    public StreamReassembler Reassembler { get; private set; }

    /// <summary>Samples that never arrived (nothing is interpolated).</summary>
    public IReadOnlyList<SampleGap> Gaps => Reassembler.Gaps;

    /// <summary>Latest status frame received, or null.</summary>
    public Frame? LastStatus => _collector.LastStatus;

    /// <summary>Sends <paramref name="build"/>'s command and returns the decoded response; throws if the board refused it.</summary>
    public Frame Command(Func<Command, int, Command> build)
    {
        Command command = build(_command, ++_token & 0xFF);
        Frame response = Decode(Board.Execute(command));
        if (response.ErrorCode != ProtocolSpec.ErrOk)
        {
            throw new InvalidOperationException("the board refused " + ProtocolNames.CommandName(response.CommandOpcode) + ": " + ProtocolNames.ErrorName(response.ErrorCode));
        }

        return response;
    }

    /// <summary>Starts streaming with a fresh reassembler positioned where the board's streams stand.</summary>
    public void Start(StreamReassemblerOptions? options = null)
    {
        Frame response = Command((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t));
        Reassembler = new StreamReassembler(options ?? new StreamReassemblerOptions());
        _collector.Restart();
        Reassembler.Start(CommandResponseReader.ReadStreamPosition(response));
    }

    /// <summary>Runs the board and the link up to device time <paramref name="timeUs"/>.</summary>
    public void RunUntil(long timeUs)
    {
        for (long t = Board.NowUs + PumpStepUs; t <= timeUs; t += PumpStepUs)
        {
            Board.AdvanceTo(t);
            Pump(t);
        }
    }

    /// <summary>Stops streaming and drains the link until everything arrived or was declared lost.</summary>
    public void Stop()
    {
        Frame response = Command((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, t));
        long t = Board.NowUs;
        Reassembler.End(CommandResponseReader.ReadStreamPosition(response), t);
        for (long stop = t + DrainLimitUs; t < stop && !Reassembler.Complete; t += PumpStepUs)
        {
            Board.AdvanceTo(t);
            Pump(t);
        }

        Board.Link.Flush();
        Pump(t);
        Reassembler.Finish();
        Collect();
    }

    /// <summary>Envelope blocks received since the last call, in order.</summary>
    public IReadOnlyList<EnvelopeBlock> TakeEnvelope() => _collector.TakeEnvelope();

    /// <summary>IMU blocks received since the last call, in order.</summary>
    public IReadOnlyList<ImuBlock> TakeImu() => _collector.TakeImu();

    /// <summary>Board events (button, host markers, start/stop) received since the last call.</summary>
    public IReadOnlyList<BoardEvent> TakeEvents() => _collector.TakeEvents();

    /// <summary>Raw EMG blocks received since the last call, in order (raw or both mode).</summary>
    public IReadOnlyList<RawBlock> TakeRaw() => _collector.TakeRaw();

    private void Pump(long nowUs)
    {
        foreach (byte[] notification in Board.Link.Drain())
        {
            Reassembler.AddNotification(notification, nowUs);
        }

        Reassembler.Poll(nowUs);
        foreach (RetransmitRequest request in Reassembler.TakeRetransmitRequests())
        {
            Frame response = Decode(Board.Execute(CommandCodec.Retransmit(_command, ++_token & 0xFF, request.FirstSequence, request.Count)));
            if (response.ErrorCode != ProtocolSpec.ErrOk)
            {
                // The ring no longer holds them: they are gaps, reported as such.
                Reassembler.ReportRangeUnavailable(request, nowUs);
            }
        }

        Collect();
    }

    private void Collect() => _collector.Collect(Reassembler, Board.Configuration);

    private static Frame Decode(byte[] bytes)
    {
        var frame = new Frame();
        return FrameDecoder.Decode(bytes, 0, bytes.Length, frame) == DecodeStatus.Ok
            ? frame
            : throw new InvalidOperationException("the board's response did not decode");
    }
}
