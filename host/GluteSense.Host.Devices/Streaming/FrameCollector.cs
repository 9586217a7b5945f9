using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>Envelope samples delivered in order: <see cref="Microvolts"/> holds channels x samples, sample-major.</summary>
public sealed record EnvelopeBlock(long FirstSampleIndex, int SampleRateHz, int Channels, float[] Microvolts, long FirstTimeUs)
{
    /// <summary>Samples in the block.</summary>
    public int SampleCount => Microvolts.Length / Channels;
}

/// <summary>Raw EMG samples delivered in order (research mode): channels x samples, sample-major, in AFE codes and microvolts.</summary>
public sealed record RawBlock(long FirstSampleIndex, int SampleRateHz, int Channels, int[] Codes, float[] Microvolts, long FirstTimeUs);

/// <summary>IMU samples delivered in order: gx gy gz (rad/s) ax ay az (m/s^2) per sample.</summary>
public sealed record ImuBlock(long FirstSampleIndex, int SampleRateHz, float[] Values, long FirstTimeUs);

/// <summary>An event frame from the board: kind (ProtocolSpec.Event*), marker id, device time (us).</summary>
public sealed record BoardEvent(int Kind, int MarkerId, long TimeUs);

/// <summary>
/// Turns the reassembler's delivered frames into sample blocks in physical units, whatever the transport (virtual
/// board, bench rig, BLE): envelope (uV), raw EMG (codes and uV), IMU (rad/s, m/s^2), and the latest status frame.
/// </summary>
public sealed class FrameCollector
{
    private readonly List<EnvelopeBlock> _envelope = new();
    private readonly List<ImuBlock> _imu = new();
    private readonly List<RawBlock> _raw = new();
    private readonly List<BoardEvent> _events = new();
    private int _consumed;

    /// <summary>Latest status frame received, or null.</summary>
    public Frame? LastStatus { get; private set; }

    /// <summary>Starts over for a new reassembler.</summary>
    public void Restart() => _consumed = 0;

    /// <summary>Collects the frames delivered since the last call; scales come from the board's configuration.</summary>
    public void Collect(StreamReassembler reassembler, DeviceConfiguration config)
    {
        IReadOnlyList<ReceivedFrame> delivered = reassembler.Delivered;
        for (; _consumed < delivered.Count; _consumed++)
        {
            Frame f = delivered[_consumed].Content;
            long timeUs = delivered[_consumed].TimestampUs;
            switch (f.FrameType)
            {
                case ProtocolSpec.FrameTypeEnvelope:
                    var uv = new float[f.SampleCount * f.ChannelsOrSensors];
                    for (int i = 0; i < uv.Length; i++) uv[i] = f.Values[i] * BoardRuntime.EnvelopeLsbMicrovolts;
                    _envelope.Add(new EnvelopeBlock(f.FirstSampleIndex, f.SampleRateHz, f.ChannelsOrSensors, uv, timeUs));
                    break;
                case ProtocolSpec.FrameTypeRawEmg:
                    int[] codes = f.Values.AsSpan(0, f.SampleCount * f.ChannelsOrSensors).ToArray();
                    float lsb = config.RawMicrovoltsPerCount;
                    _raw.Add(
                        new RawBlock(f.FirstSampleIndex, f.SampleRateHz, f.ChannelsOrSensors, codes, Array.ConvertAll(codes, c => c * lsb),
                            timeUs));
                    break;
                case ProtocolSpec.FrameTypeImu:
                    _imu.Add(new ImuBlock(f.FirstSampleIndex, f.SampleRateHz, ImuValues(f, config), timeUs));
                    break;
                case ProtocolSpec.FrameTypeStatus:
                    LastStatus = f;
                    break;
                case ProtocolSpec.FrameTypeEvent:
                    _events.Add(new BoardEvent(f.EventKind, f.MarkerId, timeUs));
                    break;
            }
        }
    }

    /// <summary>Envelope blocks collected since the last call, in stream order.</summary>
    public IReadOnlyList<EnvelopeBlock> TakeEnvelope() => Take(_envelope);

    /// <summary>IMU blocks collected since the last call, in stream order.</summary>
    public IReadOnlyList<ImuBlock> TakeImu() => Take(_imu);

    /// <summary>Raw EMG blocks collected since the last call, in stream order.</summary>
    public IReadOnlyList<RawBlock> TakeRaw() => Take(_raw);

    /// <summary>Board events (markers, lead-off changes) collected since the last call, in stream order.</summary>
    public IReadOnlyList<BoardEvent> TakeEvents() => Take(_events);

    private static IReadOnlyList<T> Take<T>(List<T> list)
    {
        T[] result = list.ToArray();
        list.Clear();
        return result;
    }

    private static float[] ImuValues(Frame f, DeviceConfiguration config)
    {
        int axes = f.ValuesPerSample;
        float gyroLsb = ImuSettings.GyroLsbRadPerSecond(config.GyroFullScaleDps);
        float accelLsb = ImuSettings.AccelLsbMetersPerSecond2(config.AccelFullScaleG);
        var values = new float[f.SampleCount * axes];
        for (int i = 0; i < values.Length; i++) values[i] = f.Values[i] * (i % axes < 3 ? gyroLsb : accelLsb);
        return values;
    }
}
