using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Simulators;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

/// <summary>The acquisition consumer shared by the device app and the bench rig: blocks in order, overwritten blocks
/// reported as dropped samples in the status frame, IMU bursts read after each block.</summary>
public class BlockAcquisitionTests
{
    private sealed class Sink : INotificationSink
    {
        public readonly List<byte[]> Items = new();
        public void Send(byte[] buffer, int offset, int length) => Items.Add(buffer[offset..(offset + length)]);
    }

    private sealed class Clock : IDeviceClock
    {
        public uint NowUs() => 1000;
    }

    [Fact]
    public void AnOverwrittenBlockIsReportedAsDroppedSamples_AndEachReadyBlockIsProcessedOnce()
    {
        (Sink sink, BoardRuntime runtime, AfeBlockBuffer blocks, BlockAcquisition consumer) = StreamingRig();

        Assert.Equal(50, blocks.BlockSamples);                           // 50 ms at 1 kHz
        Assert.False(consumer.ProcessReady(0));                          // nothing ready yet
        var counts = new int[8];
        int completed = 0;
        for (int i = 0; i < 150; i++) completed += blocks.AddFrame(0xC00000, counts, 0) ? 1 : 0;   // three blocks, none taken
        Assert.Equal(3, completed);
        Assert.Equal(100, blocks.SamplesDropped);                       // the two older blocks went, the newest waits
        Assert.True(consumer.ProcessReady(1000));
        Assert.False(consumer.ProcessReady(1000));
        Assert.Equal(1, consumer.BlocksProcessed);

        sink.Items.Clear();
        runtime.PublishStatus(2000, 3900, 80, 10);
        Frame status = LastStatus(sink);
        Assert.Equal(ProtocolSpec.FrameTypeStatus, status.FrameType);
        Assert.Equal(2u * 50, status.DroppedSamples);                  // two 50-sample blocks, never silent
    }

    /// <summary>PROTOCOL.md 3.2: lead-off bit 2k = channel k positive electrode, 2k+1 = negative; saturated samples per
    /// channel since the previous status. Status words are built by hand from SBAS459 9.4.4.2 (bits 23:20 = 1100,
    /// LOFF_STATP in 19:12, LOFF_STATN in 11:4); the AFE saturates at +(2^23 - 1).</summary>
    [Fact]
    public void TheStatusFrameReportsEachElectrodesLeadOffAndEverySaturationSinceThePreviousStatus()
    {
        (Sink sink, BoardRuntime runtime, AfeBlockBuffer blocks, BlockAcquisition consumer) = StreamingRig();
        const int Valid = 0xC00000, Channel1PositiveOff = 1 << (12 + 1), Channel2NegativeOff = 1 << (4 + 2);
        const int FullScale = 0x7FFFFF;

        // Block 1: channel 1's positive electrode off in one sample, channel 3 clipped in 3 samples.
        // Block 2: channel 2's negative electrode off in one sample, channel 3 clipped in 4 more.
        Feed(blocks, sample => sample == 10 ? Valid | Channel1PositiveOff : Valid, sample => sample < 3);
        Assert.True(consumer.ProcessReady(1000));
        Feed(blocks, sample => sample == 20 ? Valid | Channel2NegativeOff : Valid, sample => sample >= 46);
        Assert.True(consumer.ProcessReady(1000));
        sink.Items.Clear();
        runtime.PublishStatus(2000, 3900, 80, 10);
        Frame first = LastStatus(sink);
        Assert.Equal((1 << 2) | (1 << 5), first.LeadOffMask);          // bit 2 = ch 1 positive, bit 5 = ch 2 negative
        Assert.Equal(new[] { 0, 0, 0, 7 }, first.SaturationCounts[..4]);

        // A clean block: the next status starts from zero.
        Feed(blocks, _ => Valid, _ => false);
        Assert.True(consumer.ProcessReady(1000));
        sink.Items.Clear();
        runtime.PublishStatus(3000, 3900, 80, 10);
        Frame second = LastStatus(sink);
        Assert.Equal(0, second.LeadOffMask);
        Assert.Equal(new[] { 0, 0, 0, 0 }, second.SaturationCounts[..4]);

        void Feed(AfeBlockBuffer buffer, System.Func<int, int> statusWord, System.Func<int, bool> clipChannel3)
        {
            var counts = new int[8];
            for (int sample = 0; sample < buffer.BlockSamples; sample++)
            {
                counts[3] = clipChannel3(sample) ? FullScale : 0;
                buffer.AddFrame(statusWord(sample), counts, 0);
            }
        }
    }

    // A streaming runtime at 4 x 1 kHz (50-sample blocks) fed by a block buffer, its frames into a sink.
    private static (Sink Sink, BoardRuntime Runtime, AfeBlockBuffer Blocks, BlockAcquisition Consumer) StreamingRig()
    {
        var sink = new Sink();
        var runtime = new BoardRuntime(new DeviceConfiguration { EmgRateHz = 1000 }, new FramePublisher(sink, ProtocolSpec.AttMtu247), new Clock(), 4);
        var packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(CommandCodec.Simple(new Command(), ProtocolSpec.CmdStartStreaming, 1), packet, 0);
        runtime.HandleCommand(packet, 0, n, new byte[ProtocolSpec.MaxFrameLength], 0);
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, 2000, 7, 1);
        var blocks = new AfeBlockBuffer(4, BoardRuntime.MaxEmgBlockSamples);
        blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(1000));
        return (sink, runtime, blocks, new BlockAcquisition(blocks, runtime, imu));
    }

    private static Frame LastStatus(Sink sink)
    {
        var fragments = new FragmentReassembler();
        var status = new Frame();
        foreach (byte[] item in sink.Items)
        {
            if (fragments.Add(item, 0, item.Length)) Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(fragments.CompletedFrame, 0, fragments.CompletedLength, status));
        }

        return status;
    }
}
