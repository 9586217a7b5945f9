using System;
using System.Collections.Generic;
using System.Diagnostics;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Transport;

/// <summary>
/// A streaming session over any <see cref="IBoardTransport"/>: configuration read at connect, clock sync, start and
/// stop, the reassembler (ordering, gap reports, retransmission requests) and the frame collector. When the transport
/// drops, <see cref="Pump"/> reconnects through the factory with backoff and the reassembler asks the board's ring for
/// what was missed, so nothing the ring still holds is lost and everything else is reported as a gap.
/// </summary>
public sealed class BoardSession : IBoardClient, IDisposable
{
    /// <summary>Command timeout: a BLE write with response plus a notification takes a few connection intervals.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Time-sync exchanges at connect, and the period of later ones while streaming.</summary>
    public const int SyncExchangesAtConnect = 8;

    /// <summary>Period of the time-sync exchanges while streaming.</summary>
    public static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Reconnect backoff: first wait, doubling up to the last.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly Func<IBoardTransport> _connect;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Command _command = new();
    private readonly byte[] _packet = new byte[ProtocolSpec.MaxCommandLength];
    private IBoardTransport _transport;
    private TimeSpan _lastSync;
    private TimeSpan _backoff = FirstBackoff;
    private TimeSpan _nextReconnect;
    private int _token;

    /// <summary>Connects with <paramref name="connect"/> (called again on every reconnect).</summary>
    public BoardSession(Func<IBoardTransport> connect, TimeSpan? commandTimeout = null)
    {
        _connect = connect;
        CommandTimeout = commandTimeout ?? DefaultCommandTimeout;
        _transport = connect();
        Frame config = Command((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t));
        if (!Configuration.Read(config.ResponseData, 0, config.ResponseDataLength))
        {
            throw new TransportException($"{_transport.Description}: get_config returned {config.ResponseDataLength} bytes, expected {ProtocolSpec.ConfigLength}");
        }

        for (int i = 0; i < SyncExchangesAtConnect; i++) SyncClock();
    }

    /// <summary>How long a command waits for its response.</summary>
    public TimeSpan CommandTimeout { get; }

    /// <summary>The board's configuration, read by get_config at connect.</summary>
    public DeviceConfiguration Configuration { get; } = new();

    /// <summary>Board-to-host clock mapping from the time-sync exchanges.</summary>
    public ClockSync Clock { get; } = new();

    /// <summary>Orders the data frames, reports gaps and asks for retransmissions; new at every <see cref="Start"/>.</summary>
    public StreamReassembler Reassembler { get; private set; } = new();

    /// <summary>The decoded blocks of the current stream.</summary>
    public FrameCollector Collector { get; } = new();

    /// <inheritdoc />
    public string BoardSerial => _transport.Description;

    /// <inheritdoc />
    public void Capture(long durationUs)
    {
        Start();
        var until = _clock.Elapsed + TimeSpan.FromTicks(durationUs * 10);
        while (_clock.Elapsed < until)
        {
            Pump();
            System.Threading.Thread.Sleep(10);
        }

        Stop(CaptureDrain);
    }

    /// <summary>How long <see cref="Capture"/> drains the link for retransmissions after stopping.</summary>
    public static readonly TimeSpan CaptureDrain = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public IReadOnlyList<EnvelopeBlock> TakeEnvelope() => Collector.TakeEnvelope();

    /// <inheritdoc />
    public IReadOnlyList<ImuBlock> TakeImu() => Collector.TakeImu();

    /// <inheritdoc />
    public IReadOnlyList<RawBlock> TakeRaw() => Collector.TakeRaw();

    /// <summary>Reconnections so far.</summary>
    public int Reconnects { get; private set; }

    /// <summary>What the connection is, for messages ("serial /dev/ttyACM0").</summary>
    public string Description => _transport.Description;

    /// <summary>Host time since the session started (us).</summary>
    public long NowUs => _clock.Elapsed.Ticks / 10;

    /// <summary>Sends a command; throws <see cref="TransportException"/> with the board's error name when refused.</summary>
    public Frame Command(Func<Command, int, Command> build)
    {
        Command command = build(_command, ++_token & 0xFF);
        int n = CommandCodec.Encode(command, _packet, 0);
        byte[] bytes = _transport.Execute(_packet, n, CommandTimeout);
        var response = new Frame();
        if (FrameDecoder.Decode(bytes, 0, bytes.Length, response) != DecodeStatus.Ok)
        {
            throw new TransportException($"{_transport.Description}: malformed response to {ProtocolNames.CommandName(command.Opcode)}");
        }

        if (response.ErrorCode != ProtocolSpec.ErrOk)
        {
            throw new BoardRefusedException(response.ErrorCode, $"{_transport.Description}: the board refused {ProtocolNames.CommandName(command.Opcode)}: {ProtocolNames.ErrorName(response.ErrorCode)}");
        }

        return response;
    }

    /// <summary>One time_sync exchange into <see cref="Clock"/>.</summary>
    public void SyncClock()
    {
        long sent = NowUs;
        Frame r = Command((c, t) => CommandCodec.TimeSync(c, t, (ulong)sent));
        Clock.Add(sent, NowUs, ByteIO.ReadUInt32(r.ResponseData, 8));
        _lastSync = _clock.Elapsed;
    }

    /// <summary>Starts streaming (start_streaming) and a new reassembler at the board's stream position.</summary>
    public void Start()
    {
        Frame response = Command((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t));
        Reassembler = new StreamReassembler();
        Collector.Restart();
        Reassembler.Start(CommandResponseReader.ReadStreamPosition(response));
    }

    /// <summary>Moves notifications into the reassembler, answers its retransmission requests, keeps the clock synced,
    /// and reconnects (with backoff) when the transport dropped.</summary>
    public void Pump()
    {
        if (!_transport.Connected)
        {
            TryReconnect();
            return;
        }

        try
        {
            foreach (byte[] notification in _transport.DrainNotifications()) Reassembler.AddNotification(notification, NowUs);
            Reassembler.Poll(NowUs);
            foreach (RetransmitRequest request in Reassembler.TakeRetransmitRequests())
            {
                try
                {
                    Command((c, t) => CommandCodec.Retransmit(c, t, request.FirstSequence, request.Count));
                }
                catch (BoardRefusedException e) when (e.ErrorCode == ProtocolSpec.ErrRangeUnavailable)
                {
                    Reassembler.ReportRangeUnavailable(request, NowUs);   // the ring no longer holds them: gaps
                }
                catch (TransportException) when (_transport.Connected)
                {
                    // A slow or lost response is not a lost range: the reassembler asks again after its retry interval.
                }
            }

            if (_clock.Elapsed - _lastSync >= SyncPeriod) SyncClock();
        }
        catch (TransportException) when (!_transport.Connected)
        {
            // Dropped mid-pump: the next Pump reconnects.
        }

        Collector.Collect(Reassembler, Configuration);
    }

    /// <summary>Stops streaming and pumps until everything arrived or <paramref name="drain"/> passed.</summary>
    public void Stop(TimeSpan drain)
    {
        Frame response = Command((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, t));
        Reassembler.End(CommandResponseReader.ReadStreamPosition(response), NowUs);
        var until = _clock.Elapsed + drain;
        while (!Reassembler.Complete && _clock.Elapsed < until)
        {
            Pump();
            System.Threading.Thread.Sleep(10);
        }

        Pump();
        Reassembler.Finish();
        Collector.Collect(Reassembler, Configuration);
    }

    private void TryReconnect()
    {
        if (_clock.Elapsed < _nextReconnect) return;
        try
        {
            _transport.Dispose();
            _transport = _connect();
            Reconnects++;
            _backoff = FirstBackoff;
            SyncClock();
        }
        catch (TransportException)
        {
            _nextReconnect = _clock.Elapsed + _backoff;
            _backoff = _backoff * 2 > MaxBackoff ? MaxBackoff : _backoff * 2;
        }
    }

    /// <summary>Closes the transport.</summary>
    public void Dispose() => _transport.Dispose();
}
