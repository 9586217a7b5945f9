using System;
using System.Collections.Generic;
using System.Diagnostics;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Bus;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.IO;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Bench;

/// <summary>GPIO numbers of the bench rig (a Raspberry Pi class board; docs/bench.md has the header pins).</summary>
public sealed record BenchPins(int Start, int Reset, int Pwdn, int Drdy)
{
    /// <summary>Raspberry Pi BCM numbers: START 22, RESET 27, PWDN 17, DRDY 25.</summary>
    public static BenchPins RaspberryPi { get; } = new(22, 27, 17, 25);
}

/// <summary>
/// Linux bench mode: the firmware core's own drivers and runtime on a Linux board over System.Device SPI, I2C and
/// GPIO adapters, streaming through the same wire protocol into the host's reassembler and frame collector as a BLE
/// board does (frames, sequence numbers, gaps). A wired rig for labs and board bring-up.
/// </summary>
public sealed class BenchRig : INotificationSink, IDeviceClock
{
    /// <summary>EMG channels used (gmax_l, gmax_r, es_l, es_r on AFE inputs 1-4).</summary>
    public const int Channels = 4;

    /// <summary>The wired link carries whole frames at this "MTU" (no radio limit).</summary>
    public const int WiredAttMtu = 517;

    private const int AfeGain = 6, ImuAccelRangeG = 16, ImuGyroRangeDps = 2000, ImuOdrCode = 7, ImuWatermark = 4;
    private readonly Ads1298 _afe;
    private readonly Icm42688 _imu;
    private readonly AfeBlockBuffer _blocks = new(Channels, BoardRuntime.MaxEmgBlockSamples);
    private readonly BlockAcquisition _consumer;
    private readonly Queue<byte[]> _notifications = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly byte[] _packet = new byte[ProtocolSpec.MaxCommandLength];
    private readonly byte[] _response = new byte[ProtocolSpec.MaxFrameLength];
    private readonly Command _command = new();
    private int _token;

    /// <summary>Wires the core drivers and the board runtime to the rig's buses; nothing is sent until <see cref="Start"/>.</summary>
    public BenchRig(ISpiBus spi, II2cBus i2c, IGpio gpio, IDelay delay, BenchPins pins)
    {
        _afe = new Ads1298(spi, gpio, delay, pins.Start, pins.Reset, pins.Pwdn, pins.Drdy);
        _imu = new Icm42688(i2c, delay);
        Runtime = new BoardRuntime(Configuration, new FramePublisher(this, WiredAttMtu), this, Channels);
        _consumer = new BlockAcquisition(_blocks, Runtime, _imu);
    }

    /// <summary>The configuration the runtime streams with (what get_config would return).</summary>
    public DeviceConfiguration Configuration { get; } = new();

    /// <summary>The firmware core's board runtime (DSP, framing), run on this machine.</summary>
    public BoardRuntime Runtime { get; }

    /// <summary>Orders the frames the runtime publishes and reports gaps, as on a host.</summary>
    public StreamReassembler Reassembler { get; } = new();

    /// <summary>The decoded blocks, taken by the caller.</summary>
    public FrameCollector Collector { get; } = new();

    /// <summary>Samples of blocks the rig could not process in time (reported on the wire as dropped samples too).</summary>
    public int SamplesDropped => _blocks.SamplesDropped;

    /// <summary>Checks the chips, configures them and starts streaming.</summary>
    /// <exception cref="InputException">The ADS1298 or the IMU does not answer as expected.</exception>
    public void Start()
    {
        byte id = _afe.PowerUpAndReset();
        if (id != Ads1298.ExpectedId)
        {
            throw new InputException($"no ADS1298 on the SPI bus (ID register 0x{id:X2}, expected 0x{Ads1298.ExpectedId:X2}): "
                + $"check wiring and power");
        }

        _afe.ConfigureDefault(AfeGain, Configuration.EmgRateHz);   // the AFE runs at the rate the runtime assumes
        _blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(Configuration.EmgRateHz));
        _afe.ConfigureRightLegDrive((byte)((1 << Channels) - 1));
        for (int ch = Channels; ch < Ads1298.ChannelCount; ch++) _afe.PowerDownChannel(ch);
        try
        {
            _imu.Configure(ImuAccelRangeG, ImuGyroRangeDps, ImuOdrCode, ImuWatermark);
        }
        catch (Exception e) when (e is InvalidOperationException or System.IO.IOException)
        {
            throw new InputException("the ICM-42688-P does not answer on the I2C bus: " + e.Message);
        }

        Reassembler.Start(
            CommandResponseReader.ReadStreamPosition(
                Execute(CommandCodec.Simple(_command, ProtocolSpec.CmdStartStreaming, ++_token & 0xFF))));
        _afe.StartContinuous(OnFrame);
    }

    /// <summary>Stops streaming and delivers everything sent.</summary>
    public void Stop()
    {
        _afe.StopContinuous();
        Frame stop = Execute(CommandCodec.Simple(_command, ProtocolSpec.CmdStopStreaming, ++_token & 0xFF));
        Reassembler.End(CommandResponseReader.ReadStreamPosition(stop), NowUs());
        Pump();
        Reassembler.Finish();
        Collector.Collect(Reassembler, Configuration);
    }

    /// <summary>Host side of the wired link: frames in, samples out.</summary>
    public void Pump()
    {
        while (_notifications.Count > 0) Reassembler.AddNotification(_notifications.Dequeue(), NowUs());
        Reassembler.Poll(NowUs());
        Collector.Collect(Reassembler, Configuration);
    }

    void INotificationSink.Send(byte[] buffer, int offset, int length) => _notifications.Enqueue(buffer.AsSpan(offset, length).ToArray());

    /// <inheritdoc />
    public uint NowUs() => unchecked((uint)(_clock.Elapsed.Ticks / 10));

    // DRDY callback: the rig has CPU to spare, so a full block is processed right here (the board uses a thread).
    private void OnFrame(int statusWord, int[] counts)
    {
        if (!_blocks.AddFrame(statusWord, counts, NowUs())) return;
        _consumer.ProcessReady(NowUs());
        Pump();
    }

    private Frame Execute(Command command)
    {
        int n = CommandCodec.Encode(command, _packet, 0);
        int length = Runtime.HandleCommand(_packet, 0, n, _response, 0);
        var frame = new Frame();
        if (FrameDecoder.Decode(_response, 0, length, frame) != DecodeStatus.Ok || frame.ErrorCode != ProtocolSpec.ErrOk)
        {
            throw new InvalidOperationException("the bench runtime refused " + ProtocolNames.CommandName(command.Opcode));
        }

        return frame;
    }
}
