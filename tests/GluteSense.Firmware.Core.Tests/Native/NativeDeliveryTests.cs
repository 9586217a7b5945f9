using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Core.Tests.Acquisition;
using GluteSense.Firmware.Core.Tests.Budget;
using GluteSense.Host.Native;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>
/// The device app's native path (native chain -> ReadBlock/ReadBlockInfo buffers -> NativeBlock.Deliver) puts the same
/// bytes on the air as the managed path (BoardRuntime.OnEmgBlock), and lost samples reach the status frame exactly.
/// </summary>
public class NativeDeliveryTests
{
    private static BoardRuntime Streaming(StreamingHarness.CollectingSink sink, int mode) =>
        StreamingHarness.Streaming(new DeviceConfiguration { EmgRateHz = 2000, Mode = mode }, sink, new StreamingHarness.FixedClock(), 4);

    [Theory]
    [InlineData(ProtocolSpec.ModeEnvelope)]
    [InlineData(ProtocolSpec.ModeBoth)]
    public void NativePathSendsTheSameBytesAsTheManagedPath(int mode)
    {
        StreamingHarness.CollectingSink managedSink = new(), nativeSink = new();
        BoardRuntime managed = Streaming(managedSink, mode), native = Streaming(nativeSink, mode);
        using var chain = new NativeEmgPipeline(4, NativeBlock.MaxSamples);
        chain.ConfigureLike(native.Pipeline);
        var output = new EmgBlockOutput(4, NativeBlock.MaxSamples);
        var block = new NativeBlock(4);
        Icm42688 imu = StreamingHarness.Imu(out _);
        var random = new Random(9);
        const int BlockSamples = 100;
        for (int b = 0; b < 40; b++)
        {
            int[] codes = Enumerable.Range(0, 4 * BlockSamples).Select(i => 30_000 * (i % 4) + random.Next(-8000, 8000) + (b == 20 ? 8_388_000 : 0)).ToArray();
            codes = codes.Select(c => Math.Min(c, 8_388_607)).ToArray();
            uint firstUs = (uint)(b * 50_000);
            int leadOff = b % 7 == 0 ? 0b0010 : 0;
            managed.OnEmgBlock(codes, 0, BlockSamples, firstUs, leadOff);

            chain.ProcessBlock(codes, BlockSamples, leadOff, output);
            Array.Copy(codes, block.Codes, codes.Length);
            BudgetWorkload.Pack(output, block, 4);
            block.Deliver(native, BlockSamples, firstUs, 0, leadOff, imu, firstUs);
            managed.PublishStatus(firstUs, 3900, 80, 10);
            native.PublishStatus(firstUs, 3900, 80, 10);
        }

        Assert.True(managedSink.Items.Count > 40);
        Assert.Equal(managedSink.Items.Count, nativeSink.Items.Count);
        for (int i = 0; i < managedSink.Items.Count; i++)
        {
            Assert.True(managedSink.Items[i].AsSpan().SequenceEqual(nativeSink.Items[i]), $"notification {i} differs");
        }
    }

    [Fact]
    public void LostSamplesAreAGapInTheStreamIndicesWhereTheyHappened()
    {
        var sink = new StreamingHarness.CollectingSink();
        BoardRuntime runtime = Streaming(sink, ProtocolSpec.ModeBoth);   // 2 kHz: envelope hop 20 samples
        Icm42688 imu = StreamingHarness.Imu(out _);
        var block = new NativeBlock(4);
        using var chain = new NativeEmgPipeline(4, NativeBlock.MaxSamples);
        chain.ConfigureLike(runtime.Pipeline);
        var output = new EmgBlockOutput(4, NativeBlock.MaxSamples);
        foreach ((int lost, uint firstUs) in new[] { (0, 0u), (37, 68_500u), (0, 118_500u) })
        {
            chain.ProcessBlock(block.Codes, 100, 0, output);
            BudgetWorkload.Pack(output, block, 4);
            block.Deliver(runtime, 100, firstUs, lost, 0, imu, firstUs);
        }

        List<Frame> frames = StreamingHarness.Frames(sink.Items);
        var raw = frames.Where(f => f.FrameType == ProtocolSpec.FrameTypeRawEmg).Select(f => (First: f.FirstSampleIndex, Count: f.SampleCount)).ToList();
        var envelope = frames.Where(f => f.FrameType == ProtocolSpec.FrameTypeEnvelope).Select(f => (First: f.FirstSampleIndex, Count: f.SampleCount)).ToList();

        // Raw: samples 0..99, then the 37 lost ones are missing, then 137 on.
        uint next = 0;
        var rawGaps = new List<long>();
        foreach ((uint first, int count) in raw)
        {
            if (first != next) rawGaps.Add(first - next);
            next = first + (uint)count;
        }

        Assert.Equal(new long[] { 37 }, rawGaps);
        Assert.True(next > 137, "raw samples after the gap were sent");

        // Envelope (one value per 20 samples): one whole period lost, 17 samples carried to the next loss.
        next = 0;
        var envelopeGaps = new List<long>();
        foreach ((uint first, int count) in envelope)
        {
            if (first != next) envelopeGaps.Add(first - next);
            next = first + (uint)count;
        }

        Assert.Equal(new long[] { 1 }, envelopeGaps);
    }

    [Fact]
    public void LostSamplesReachTheStatusFrameExactly()
    {
        var sink = new StreamingHarness.CollectingSink();
        BoardRuntime runtime = Streaming(sink, ProtocolSpec.ModeEnvelope);
        Icm42688 imu = StreamingHarness.Imu(out _);
        var block = new NativeBlock(4);
        block.Deliver(runtime, 0, 0, 37, 0, imu, 0);   // the ring reported 37 samples missing before the next block
        block.Deliver(runtime, 0, 0, 5, 0, imu, 0);
        sink.Items.Clear();
        runtime.PublishStatus(1000, 3900, 80, 10);
        Frame status = StreamingHarness.Frames(sink.Items).Single();
        Assert.Equal(ProtocolSpec.FrameTypeStatus, status.FrameType);
        Assert.Equal(42u, status.DroppedSamples);
    }
}
