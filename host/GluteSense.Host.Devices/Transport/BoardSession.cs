using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Transport;

/// <summary>
/// The session with a board, whatever carries it (<see cref="IBoardTransport"/>: serial, BLE through BlueZ, the
/// virtual board): configuration read at connect, clock sync, typed commands, start and stop, the reassembler
/// (ordering, gap reports, retransmission requests) and the frame collector. When the transport drops,
/// <see cref="Pump"/> reconnects through the factory with backoff and the reassembler asks the board's ring for what
/// was missed, so nothing the ring still holds is lost and everything else is reported as a gap. Every failure is a
/// <see cref="BoardException"/>. Time comes from a <see cref="SessionClock"/>: the machine's for a real board, a
/// simulated one for the virtual board in tests and the demo.
/// </summary>
public sealed class BoardSession : IDisposable
{
    /// <summary>Command timeout: a BLE write with response plus a notification takes a few connection intervals.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Time-sync exchanges at connect.</summary>
    public const int SyncExchangesAtConnect = 8;

    /// <summary>Period of the time-sync exchanges while streaming.</summary>
    public static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Reconnect backoff: first wait, doubling up to the last.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Step of the pump loops (<see cref="PumpFor"/>, the drain in <see cref="Stop(TimeSpan)"/>): the order of
    /// a BLE connection interval.</summary>
    public static readonly TimeSpan PumpStep = TimeSpan.FromMilliseconds(10);

    /// <summary>How long <see cref="Stop()"/> and <see cref="Capture"/> keep pumping for retransmissions after stopping.</summary>
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(3);

    private readonly Func<IBoardTransport> _connect;
    private readonly Command _command = new();
    private readonly byte[] _packet = new byte[ProtocolSpec.MaxCommandLength];
    private IBoardTransport _transport;
    private TimeSpan _lastSync;
    private TimeSpan _backoff = FirstBackoff;
    private TimeSpan _nextReconnect;
    private int _token;

    /// <summary>Connects with <paramref name="connect"/> (called again on every reconnect), reads the configuration
    /// and syncs the clock. <paramref name="clock"/> defaults to the machine's clock.</summary>
    /// <exception cref="BoardException">The board cannot be reached or does not answer get_config.</exception>
    public BoardSession(Func<IBoardTransport> connect, TimeSpan? commandTimeout = null, SessionClock? clock = null)
    {
        _connect = connect ?? throw new ArgumentNullException(nameof(connect));
        CommandTimeout = commandTimeout ?? DefaultCommandTimeout;
        Time = clock ?? new WallClock();
        _transport = connect();
        GetConfig();
        for (int i = 0; i < SyncExchangesAtConnect; i++) SyncClock();
    }

    /// <summary>How long a command waits for its response.</summary>
    public TimeSpan CommandTimeout { get; }

    /// <summary>The time the session runs on.</summary>
    public SessionClock Time { get; }

    /// <summary>The board's configuration, read by get_config at connect and after every command that changes it.</summary>
    public DeviceConfiguration Configuration { get; } = new();

    /// <summary>Board-to-host clock mapping from the time-sync exchanges.</summary>
    public ClockSync Clock { get; } = new();

    /// <summary>Orders the data frames, reports gaps and asks for retransmissions; new at every <see cref="Start"/>.</summary>
    public StreamReassembler Reassembler { get; private set; } = new();

    /// <summary>The decoded blocks of the current stream.</summary>
    public FrameCollector Collector { get; } = new();

    /// <summary>Samples of the current stream that never arrived (nothing is interpolated).</summary>
    public IReadOnlyList<SampleGap> Gaps => Reassembler.Gaps;

    /// <summary>How the board is identified: its serial number where the link knows it (the virtual board), else the
    /// transport's address (the wire protocol carries no serial number).</summary>
    public string BoardSerial => _transport.BoardId;

    /// <summary>Reconnections so far.</summary>
    public int Reconnects { get; private set; }

    /// <summary>What the connection is, for messages ("serial /dev/ttyACM0").</summary>
    public string Description => _transport.Description;

    /// <summary>Host time since the session started (us).</summary>
    public long NowUs => Time.ElapsedUs;

    /// <summary>get_config: reads the board's configuration into <see cref="Configuration"/> and returns it.</summary>
    public DeviceConfiguration GetConfig()
    {
        Frame config = Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdGetConfig, t));
        if (!Configuration.Read(config.ResponseData, 0, config.ResponseDataLength))
        {
            throw new BoardResponseException(
                $"{Description}: get_config returned {config.ResponseDataLength} bytes, expected {ProtocolSpec.ConfigLength}");
        }

        return Configuration;
    }

    /// <summary>set_mode: what the board streams (envelope, raw EMG or both); only while stopped.</summary>
    public void SetMode(StreamMode mode) => Configure((c, t) => CommandCodec.SetMode(c, t, (int)mode));

    /// <summary>set_emg_rate: the AFE's sample rate (ProtocolSpec.RawRateLowHz or RawRateHighHz); only while stopped.</summary>
    public void SetEmgRate(int rateHz) => Configure((c, t) => CommandCodec.SetEmgRate(c, t, rateHz));

    /// <summary>set_filter: the board's EMG chain (band, notch, RMS window, envelope rate or custom biquads).</summary>
    public void SetFilter(FilterCommandSettings settings) => Configure((c, t) => CommandCodec.SetFilter(c, t, settings));

    /// <summary>set_filter with a band-pass of <paramref name="lowHz"/>..<paramref name="highHz"/>, the rest at the defaults.</summary>
    public void SetFilter(int lowHz, int highHz) => SetFilter(new FilterCommandSettings { BandLowHz = lowHz, BandHighHz = highHz });

    /// <summary>capture_calibration: the board measures what <paramref name="what"/> names on its next stream.</summary>
    public void CaptureCalibration(CalibrationCapture what) => Configure((c, t) => CommandCodec.CaptureCalibration(c, t, (int)what));

    /// <summary>set_calibration (IMU): gyro bias (rad/s), accelerometer offset (m/s^2) and scale, x y z each.</summary>
    public void StoreImuCalibration(float[] gyroBias, float[] accelOffset, float[] accelScale) =>
        Configure((c, t) => CommandCodec.SetImuCalibration(c, t, gyroBias, accelOffset, accelScale));

    /// <summary>set_calibration (AFE): the input offset per channel (uV), subtracted on the board.</summary>
    public void StoreAfeOffsets(float[] offsetsUv) => Configure((c, t) => CommandCodec.SetAfeOffsets(c, t, offsetsUv));

    /// <summary>identify: the board blinks for <paramref name="seconds"/>.</summary>
    public void Identify(int seconds) => Send((c, t) => CommandCodec.Identify(c, t, seconds));

    /// <summary>insert_marker: the board puts an event frame with <paramref name="markerId"/> into the stream.</summary>
    public void Marker(int markerId) => Send((c, t) => CommandCodec.InsertMarker(c, t, markerId));

    /// <summary>One time_sync exchange into <see cref="Clock"/>.</summary>
    public void SyncClock()
    {
        long sent = NowUs;
        Frame r = Send((c, t) => CommandCodec.TimeSync(c, t, (ulong)sent));
        Clock.Add(sent, NowUs, ByteIO.ReadUInt32(r.ResponseData, 8));
        _lastSync = Time.Elapsed;
    }

    /// <summary>start_streaming, and a new reassembler (with <paramref name="options"/>) at the board's stream position.</summary>
    public void Start(StreamReassemblerOptions? options = null)
    {
        Frame response = Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, t));
        Reassembler = new StreamReassembler(options ?? new StreamReassemblerOptions());
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
                    Send((c, t) => CommandCodec.Retransmit(c, t, request.FirstSequence, request.Count));
                }
                catch (BoardRefusedException e) when (e.ErrorCode == ProtocolSpec.ErrRangeUnavailable)
                {
                    Reassembler.ReportRangeUnavailable(request, NowUs);   // the ring no longer holds them: gaps
                }
                catch (BoardException) when (_transport.Connected)
                {
                    // A slow or lost response is not a lost range: the reassembler asks again after its retry interval.
                }
            }

            if (Time.Elapsed - _lastSync >= SyncPeriod) SyncClock();
        }
        catch (BoardException) when (!_transport.Connected)
        {
            // Dropped mid-pump: the next Pump reconnects.
        }

        Collector.Collect(Reassembler, Configuration);
    }

    /// <summary>Pumps every <see cref="PumpStep"/> for <paramref name="duration"/> of the session's time.</summary>
    public void PumpFor(TimeSpan duration) => PumpUntil(Time.Elapsed + duration);

    /// <summary>Pumps every <see cref="PumpStep"/> until the session's time reaches <paramref name="time"/>.</summary>
    public void PumpUntil(TimeSpan time)
    {
        while (Time.Elapsed < time)
        {
            TimeSpan left = time - Time.Elapsed;
            Time.Wait(left < PumpStep ? left : PumpStep);
            Pump();
        }
    }

    /// <summary>Stops streaming and pumps until everything arrived or <see cref="DefaultDrain"/> passed.</summary>
    public void Stop() => Stop(DefaultDrain);

    /// <summary>Stops streaming and pumps until everything arrived or <paramref name="drain"/> passed; what did not
    /// arrive is reported in <see cref="Gaps"/>.</summary>
    public void Stop(TimeSpan drain)
    {
        Frame response = Send((c, t) => CommandCodec.Simple(c, ProtocolSpec.CmdStopStreaming, t));
        Reassembler.End(CommandResponseReader.ReadStreamPosition(response), NowUs);
        var until = Time.Elapsed + drain;
        while (!Reassembler.Complete && Time.Elapsed < until)
        {
            Pump();
            Time.Wait(PumpStep);
        }

        Pump();
        Reassembler.Finish();
        Collector.Collect(Reassembler, Configuration);
    }

    /// <summary>Starts streaming, streams for <paramref name="duration"/>, stops and drains the link, so every sample
    /// sent has arrived or is reported as a gap.</summary>
    public void Capture(TimeSpan duration)
    {
        Start();
        PumpFor(duration);
        Stop(DefaultDrain);
    }

    /// <summary>Envelope blocks received since the last call, in order.</summary>
    public IReadOnlyList<EnvelopeBlock> TakeEnvelope() => Collector.TakeEnvelope();

    /// <summary>IMU blocks received since the last call, in order.</summary>
    public IReadOnlyList<ImuBlock> TakeImu() => Collector.TakeImu();

    /// <summary>Raw EMG blocks received since the last call, in order (raw or both mode).</summary>
    public IReadOnlyList<RawBlock> TakeRaw() => Collector.TakeRaw();

    /// <summary>Board events (button, host markers, start/stop) received since the last call.</summary>
    public IReadOnlyList<BoardEvent> TakeEvents() => Collector.TakeEvents();

    // A command that changes the configuration: the session's copy is read back, so decoding follows the board.
    private void Configure(Func<Command, int, Command> build)
    {
        Send(build);
        GetConfig();
    }

    // Sends a command and returns the response; a refusal throws BoardRefusedException with the board's error name.
    private Frame Send(Func<Command, int, Command> build)
    {
        if (!_transport.Connected) Reconnect();   // a command on a dropped link reconnects first, whatever the backoff
        Command command = build(_command, ++_token & 0xFF);
        int n = CommandCodec.Encode(command, _packet, 0);
        byte[] bytes = _transport.Execute(_packet, n, CommandTimeout);
        var response = new Frame();
        if (FrameDecoder.Decode(bytes, 0, bytes.Length, response) != DecodeStatus.Ok)
        {
            throw new BoardResponseException($"{Description}: malformed response to {ProtocolNames.CommandName(command.Opcode)}");
        }

        if (response.ErrorCode != ProtocolSpec.ErrOk)
        {
            string refused = $"the board refused {ProtocolNames.CommandName(command.Opcode)}: {ProtocolNames.ErrorName(response.ErrorCode)}";
            throw new BoardRefusedException(response.ErrorCode, $"{Description}: {refused}");
        }

        return response;
    }

    private void TryReconnect()
    {
        if (Time.Elapsed < _nextReconnect) return;
        try
        {
            Reconnect();
        }
        catch (BoardException)
        {
            _nextReconnect = Time.Elapsed + _backoff;
            _backoff = _backoff * 2 > MaxBackoff ? MaxBackoff : _backoff * 2;
        }
    }

    private void Reconnect()
    {
        _transport.Dispose();
        _transport = _connect();
        Reconnects++;
        _backoff = FirstBackoff;
        SyncClock();
    }

    /// <summary>Closes the transport.</summary>
    public void Dispose() => _transport.Dispose();
}
