using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Tests.Streaming;

/// <summary>
/// Delivered frames to blocks in physical units, against the scales of the documents rather than the code's
/// constants: envelope LSB 100 nV (docs/PROTOCOL.md, "envelope: u16 per channel per sample, LSB = 100 nV RMS"), raw
/// microvolts = counts x the configured uV per count (docs/PROTOCOL.md), and the ICM-42688-P datasheet's sensitivity
/// scale factors (table 1 and 2: gyro 131 LSB/dps at +-250 dps, 16.4 LSB/dps at +-2000 dps; accelerometer 2048 LSB/g at
/// +-16 g, 16384 LSB/g at +-2 g; g = 9.80665 m/s^2).
/// </summary>
public class FrameCollectorTests
{
    private static void Add(StreamReassembler host, Frame f)
    {
        byte[] bytes = new byte[FrameEncoder.EncodedLength(f)];
        host.AddFrame(bytes, FrameEncoder.Encode(f, bytes, 0), 0);
    }

    private static Frame Block(byte type, ushort sequence, int channelsOrSensors, int rateHz, uint firstIndex, uint timestampUs, params int[] values)
    {
        var f = new Frame
        {
            FrameType = type, Sequence = sequence, ChannelsOrSensors = channelsOrSensors, SampleRateHz = rateHz,
            FirstSampleIndex = firstIndex, TimestampUs = timestampUs,
        };
        f.SampleCount = values.Length / f.ValuesPerSample;
        values.CopyTo(f.Values, 0);
        return f;
    }

    [Fact]
    public void EveryBlockIsInPhysicalUnitsAtItsIndexRateAndTime()
    {
        var host = new StreamReassembler();
        // Envelope: 2 channels x 2 samples; 12345 LSB = 1234.5 uV, 65535 = 6553.5 uV.
        Add(host, Block(ProtocolSpec.FrameTypeEnvelope, 0, 2, 100, 7, 1_000, 0, 1, 12345, 65535));
        // Raw EMG: 2 channels x 1 sample at 0.5 uV per count.
        Add(host, Block(ProtocolSpec.FrameTypeRawEmg, 1, 2, 1000, 70, 2_000, -8388608, 8388607));
        // IMU, gyro and accelerometer: gx gy gz ax ay az for 2 samples.
        Add(host, Block(ProtocolSpec.FrameTypeImu, 2, ProtocolSpec.ImuSensorGyro | ProtocolSpec.ImuSensorAccel, 200, 14, 3_000,
            131, -1310, 0, 2048, -2048, 32767, 0, 0, 131, 0, 0, 1024));
        Add(host, new Frame { FrameType = ProtocolSpec.FrameTypeEvent, Sequence = 3, EventKind = ProtocolSpec.EventButton, MarkerId = 42, TimestampUs = 4_000 });
        Add(host, new Frame { FrameType = ProtocolSpec.FrameTypeStatus, Sequence = 4, ChannelsOrSensors = 4, BatteryPercent = 77, TimestampUs = 5_000 });

        var collector = new FrameCollector();
        var config = new DeviceConfiguration { RawMicrovoltsPerCount = 0.5f, GyroFullScaleDps = 250, AccelFullScaleG = 16 };
        collector.Collect(host, config);

        EnvelopeBlock envelope = Assert.Single(collector.TakeEnvelope());
        Assert.Equal((7L, 100, 2, 1_000L, 2), (envelope.FirstSampleIndex, envelope.SampleRateHz, envelope.Channels, envelope.FirstTimeUs, envelope.SampleCount));
        Assert.Equal(new[] { 0.0, 0.1, 1234.5, 6553.5 }, envelope.Microvolts.Select(v => Math.Round(v, 3)));

        RawBlock raw = Assert.Single(collector.TakeRaw());
        Assert.Equal((70L, 1000, 2, 2_000L), (raw.FirstSampleIndex, raw.SampleRateHz, raw.Channels, raw.FirstTimeUs));
        Assert.Equal(new[] { -8388608, 8388607 }, raw.Codes);   // one sample of two channels, nothing after it
        Assert.Equal(new[] { -4194304f, 4194303.5f }, raw.Microvolts);

        ImuBlock imu = Assert.Single(collector.TakeImu());
        Assert.Equal((14L, 200, 3_000L), (imu.FirstSampleIndex, imu.SampleRateHz, imu.FirstTimeUs));
        const double radPerDeg = Math.PI / 180, g = 9.80665;
        double[] expected =
        {
            1 * radPerDeg, -10 * radPerDeg, 0, 1 * g, -1 * g, 32767 / 2048.0 * g,
            0, 0, 1 * radPerDeg, 0, 0, 0.5 * g,
        };
        Assert.Equal(expected.Length, imu.Values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // 131 LSB/dps is the datasheet's rounding of 32768 / 250 = 131.07: 0.06 % apart.
            Assert.Equal(expected[i], imu.Values[i], Math.Max(1e-6, Math.Abs(expected[i]) * 1e-3));
        }

        BoardEvent e = Assert.Single(collector.TakeEvents());
        Assert.Equal(new BoardEvent(ProtocolSpec.EventButton, 42, 4_000), e);
        Assert.Equal(77, collector.LastStatus!.BatteryPercent);
    }

    [Fact]
    public void TakeEmptiesAndCollectOnlyAddsNewFrames_AndRestartReadsANewReassemblerFromItsStart()
    {
        var host = new StreamReassembler();
        var collector = new FrameCollector();
        var config = new DeviceConfiguration();
        Assert.Null(collector.LastStatus);
        Add(host, Block(ProtocolSpec.FrameTypeEnvelope, 0, 1, 100, 0, 0, 10));
        collector.Collect(host, config);
        Add(host, Block(ProtocolSpec.FrameTypeEnvelope, 1, 1, 100, 1, 10_000, 20));
        collector.Collect(host, config);
        Assert.Equal(new[] { 0L, 1L }, collector.TakeEnvelope().Select(b => b.FirstSampleIndex));
        Assert.Empty(collector.TakeEnvelope());
        collector.Collect(host, config);   // nothing new delivered
        Assert.Empty(collector.TakeEnvelope());
        Assert.Empty(collector.TakeImu());
        Assert.Empty(collector.TakeRaw());
        Assert.Empty(collector.TakeEvents());

        var next = new StreamReassembler();
        Add(next, Block(ProtocolSpec.FrameTypeEnvelope, 0, 1, 100, 500, 0, 30));
        collector.Restart();
        collector.Collect(next, config);
        EnvelopeBlock b = Assert.Single(collector.TakeEnvelope());
        Assert.Equal(500L, b.FirstSampleIndex);
        Assert.Equal(3.0, b.Microvolts[0], 1e-6);
    }
}
