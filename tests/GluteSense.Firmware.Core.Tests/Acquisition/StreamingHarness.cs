using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Simulators;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

/// <summary>A board runtime streaming into a collecting sink, an IMU on its simulator, and the frames decoded back.</summary>
internal static class StreamingHarness
{
    internal sealed class CollectingSink : INotificationSink
    {
        public readonly List<byte[]> Items = new();

        public void Send(byte[] buffer, int offset, int length) => Items.Add(buffer[offset..(offset + length)]);
    }

    internal sealed class FixedClock : IDeviceClock
    {
        public uint Us;

        public uint NowUs() => Us;
    }

    /// <summary>A runtime for <paramref name="config"/> that has received start_streaming.</summary>
    public static BoardRuntime Streaming(DeviceConfiguration config, INotificationSink sink, IDeviceClock clock, int channels)
    {
        var runtime = new BoardRuntime(config, new FramePublisher(sink, ProtocolSpec.AttMtu247), clock, channels);
        var packet = new byte[ProtocolSpec.MaxCommandLength];
        var response = new byte[ProtocolSpec.MaxFrameLength];
        int n = CommandCodec.Encode(CommandCodec.Simple(new Command(), ProtocolSpec.CmdStartStreaming, 1), packet, 0);
        runtime.HandleCommand(packet, 0, n, response, 0);
        return runtime;
    }

    /// <summary>The lumbar IMU driver on its simulator, configured as the board does.</summary>
    public static Icm42688 Imu(out Icm42688Simulator sim)
    {
        sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, 2000, 7, 1);
        return imu;
    }

    /// <summary>The frames the notifications carried, reassembled and decoded.</summary>
    public static List<Frame> Frames(IEnumerable<byte[]> notifications)
    {
        var fragments = new FragmentReassembler();
        var frames = new List<Frame>();
        foreach (byte[] item in notifications)
        {
            if (!fragments.Add(item, 0, item.Length)) continue;
            var f = new Frame();
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(fragments.CompletedFrame, 0, fragments.CompletedLength, f));
            frames.Add(f);
        }

        return frames;
    }
}
