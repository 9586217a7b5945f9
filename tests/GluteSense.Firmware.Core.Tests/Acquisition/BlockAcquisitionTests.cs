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
        var sink = new Sink();
        var runtime = new BoardRuntime(new DeviceConfiguration { EmgRateHz = 1000 }, new FramePublisher(sink, ProtocolSpec.AttMtu247), new Clock(), 4);
        var packet = new byte[ProtocolSpec.MaxCommandLength];
        var response = new byte[ProtocolSpec.MaxFrameLength];
        int n = CommandCodec.Encode(CommandCodec.Simple(new Command(), ProtocolSpec.CmdStartStreaming, 1), packet, 0);
        runtime.HandleCommand(packet, 0, n, response, 0);
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, 2000, 7, 1);
        var blocks = new AfeBlockBuffer(4, BoardRuntime.MaxEmgBlockSamples);
        blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(1000));
        var consumer = new BlockAcquisition(blocks, runtime, imu);

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
        var fragments = new FragmentReassembler();
        var status = new Frame();
        foreach (byte[] item in sink.Items)
        {
            if (fragments.Add(item, 0, item.Length)) Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(fragments.CompletedFrame, 0, fragments.CompletedLength, status));
        }

        Assert.Equal(ProtocolSpec.FrameTypeStatus, status.FrameType);
        Assert.Equal(2u * 50, status.DroppedSamples);                  // two 50-sample blocks, never silent
    }
}
