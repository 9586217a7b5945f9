using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;

namespace GluteSense.Host.Virtual;

/// <summary>
/// A GluteSense board without hardware: the firmware core's <see cref="BoardRuntime"/> (the same acquisition
/// pipeline, DSP, framing and command handling the device runs) fed by an <see cref="IVirtualSignalSource"/> through
/// a simulated AFE (24-bit codes at the configured gain) and IMU (16-bit counts at the configured full scale), with
/// its notifications sent through a <see cref="SimulatedLink"/>. Time is simulated: <see cref="AdvanceTo"/> runs the
/// board up to a device time as fast as the machine allows.
/// </summary>
public sealed class VirtualBoard
{
    /// <summary>EMG samples per acquisition block (the device reads the AFE in blocks of this many ms).</summary>
    public const int EmgBlockMs = 50;

    /// <summary>IMU FIFO bursts are read every this many ms.</summary>
    public const int ImuBurstMs = 100;

    /// <summary>Status frames are published every this many ms.</summary>
    public const int StatusPeriodMs = 1000;

    private const int MicrosecondsPerMs = 1000;

    private readonly IVirtualSignalSource _source;
    private readonly Clock _clock = new();
    private readonly FramePublisher _publisher;
    private readonly byte[] _packet = new byte[ProtocolSpec.MaxCommandLength];
    private readonly byte[] _response = new byte[ProtocolSpec.MaxFrameLength];
    private readonly ResponseNotifications _responseNotifications = new();
    private long _emgSample;
    private long _imuSample;
    private long _nextEmgUs;
    private long _nextImuUs;
    private long _nextStatusUs;
    private double[] _emgBuffer = Array.Empty<double>();
    private int[] _codes = Array.Empty<int>();
    private double[] _imuBuffer = Array.Empty<double>();
    private short[] _imuCounts = Array.Empty<short>();

    /// <summary>Creates a board reading <paramref name="source"/> and sending through a link with <paramref name="link"/> settings.</summary>
    public VirtualBoard(IVirtualSignalSource source, SimulatedLinkSettings link, string serial = "GS-VIRTUAL-0001")
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        Serial = serial;
        Link = new SimulatedLink(link);
        _publisher = new FramePublisher(Link, link.AttMtu);
        // The virtual board has no native module of its own: it reports the hash its "native" chain would give,
        // computed by the firmware core (bit-exact with the board's C, checked by the host's P/Invoke tests).
        Configuration = new DeviceConfiguration { EmgRateHz = ProtocolSpec.RawRateLowHz, NativeSelfTestHash = NativeSelfTest.ExpectedHash() };
        Runtime = new BoardRuntime(Configuration, _publisher, _responseNotifications, _clock, source.ChannelCount);
    }

    /// <summary>The board's serial number.</summary>
    public string Serial { get; }

    /// <summary>The radio link the board notifies through (the host drains it).</summary>
    public SimulatedLink Link { get; }

    /// <summary>The configuration commands change.</summary>
    public DeviceConfiguration Configuration { get; }

    /// <summary>The firmware core's runtime.</summary>
    public BoardRuntime Runtime { get; }

    /// <summary>The info characteristic as the board serves it (docs/PROTOCOL.md section 7.3).</summary>
    public byte[] DeviceInfo()
    {
        var info = new byte[ProtocolSpec.DeviceInfoLength];
        Configuration.WriteDeviceInfo(info, 0, FirmwareMajor, FirmwareMinor);
        return info;
    }

    /// <summary>Firmware version the virtual board reports.</summary>
    public const int FirmwareMajor = 1, FirmwareMinor = 0;

    /// <summary>Device time (us) the board has reached.</summary>
    public long NowUs => _clock.TimeUs;

    /// <summary>True when the signal source has run out.</summary>
    public bool SourceFinished => _emgSample >= (long)(_source.DurationS * Configuration.EmgRateHz);

    /// <summary>
    /// Executes one command packet as the device would (control writes are acknowledged by the ATT layer, so they
    /// are carried reliably) and returns the encoded response frame.
    /// </summary>
    public byte[] Execute(byte[] packet, int length)
    {
        bool wasStreaming = Configuration.Streaming;
        int n = Runtime.HandleCommand(packet, 0, length, _response, 0);
        AfterCommand(wasStreaming);
        return _response.AsSpan(0, n).ToArray();
    }

    /// <summary>
    /// Executes one command packet as the device app does and returns the response the way the response
    /// characteristic carries it: fragments at the link's MTU from the runtime's ResponsePublisher (own sequence).
    /// </summary>
    public IReadOnlyList<byte[]> ExecuteAsNotifications(byte[] packet, int length)
    {
        bool wasStreaming = Configuration.Streaming;
        _responseNotifications.Items.Clear();
        Runtime.HandleCommand(packet, 0, length);
        AfterCommand(wasStreaming);
        return _responseNotifications.Items.ToArray();
    }

    private void AfterCommand(bool wasStreaming)
    {
        if (Configuration.Streaming && !wasStreaming)
        {
            // Acquisition restarts with streaming: blocks line up with the device clock from now on.
            _nextEmgUs = _clock.TimeUs + EmgBlockMs * MicrosecondsPerMs;
            _nextImuUs = _clock.TimeUs + ImuBurstMs * MicrosecondsPerMs;
            _nextStatusUs = _clock.TimeUs + StatusPeriodMs * MicrosecondsPerMs;
        }
    }

    /// <summary>Encodes and executes <paramref name="command"/>, returning the encoded response frame.</summary>
    public byte[] Execute(Command command)
    {
        int n = CommandCodec.Encode(command, _packet, 0);
        return Execute(_packet, n);
    }

    /// <summary>Runs the board up to device time <paramref name="timeUs"/>: acquisition blocks, IMU bursts, status.</summary>
    public void AdvanceTo(long timeUs)
    {
        while (true)
        {
            long next = Math.Min(_nextEmgUs, Math.Min(_nextImuUs, _nextStatusUs));
            if (!Configuration.Streaming || next > timeUs)
            {
                break;
            }

            SetTime(next);
            if (next == _nextEmgUs)
            {
                EmgBlock();
                _nextEmgUs += EmgBlockMs * MicrosecondsPerMs;
            }

            if (next == _nextImuUs)
            {
                ImuBurst();
                _nextImuUs += ImuBurstMs * MicrosecondsPerMs;
            }

            if (next == _nextStatusUs)
            {
                Runtime.PublishStatus(unchecked((uint)next), 3900, 80, 20);
                _nextStatusUs += StatusPeriodMs * MicrosecondsPerMs;
            }
        }

        SetTime(Math.Max(timeUs, _clock.TimeUs));
    }

    private void SetTime(long timeUs)
    {
        _clock.TimeUs = timeUs;
        Link.NowUs = timeUs;
    }

    // One AFE block: the samples of the last EmgBlockMs, converted to 24-bit codes as the ADS1298 would.
    private void EmgBlock()
    {
        int rate = Configuration.EmgRateHz, channels = _source.ChannelCount;
        int count = rate * EmgBlockMs / 1000;
        Ensure(ref _emgBuffer, count * channels);
        Ensure(ref _codes, count * channels);
        _source.ReadEmg(_emgSample, count, rate, _emgBuffer);
        double lsb = Configuration.RawMicrovoltsPerCount;
        for (int i = 0; i < count * channels; i++)
        {
            double code = Math.Round(_emgBuffer[i] / lsb);
            _codes[i] = (int)Math.Clamp(code, CountsToMicrovolts.NegativeFullScaleCounts, CountsToMicrovolts.PositiveFullScaleCounts);
        }

        long firstUs = _clock.TimeUs - EmgBlockMs * MicrosecondsPerMs;
        Runtime.OnEmgBlock(_codes, 0, count, unchecked((uint)firstUs), 0);
        _emgSample += count;
    }

    private void ImuBurst()
    {
        int rate = Configuration.ImuRateHz;
        int count = rate * ImuBurstMs / 1000;
        const int axes = ImuSettings.AxesWithoutMag;
        Ensure(ref _imuBuffer, count * axes);
        Ensure(ref _imuCounts, count * axes);
        _source.ReadImu(_imuSample, count, rate, _imuBuffer);
        double gyroLsb = ImuSettings.GyroLsbRadPerSecond(Configuration.GyroFullScaleDps);
        double accelLsb = ImuSettings.AccelLsbMetersPerSecond2(Configuration.AccelFullScaleG);
        for (int i = 0; i < count * axes; i++)
        {
            double counts = _imuBuffer[i] / (i % axes < 3 ? gyroLsb : accelLsb);
            _imuCounts[i] = (short)Math.Clamp(Math.Round(counts), short.MinValue, short.MaxValue);
        }

        long firstUs = _clock.TimeUs - ImuBurstMs * MicrosecondsPerMs;
        Runtime.OnImuBurst(_imuCounts, 0, count, unchecked((uint)firstUs));
        _imuSample += count;
    }

    private static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }
    }

    private sealed class Clock : IDeviceClock
    {
        public long TimeUs;

        public uint NowUs() => unchecked((uint)TimeUs);
    }

    // The response characteristic of the virtual board: keeps the fragments of the response being executed.
    private sealed class ResponseNotifications : INotificationSink
    {
        public List<byte[]> Items { get; } = new();

        public void Send(byte[] buffer, int offset, int length) => Items.Add(buffer.AsSpan(offset, length).ToArray());
    }
}
