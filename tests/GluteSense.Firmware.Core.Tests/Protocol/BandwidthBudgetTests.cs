using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>Two rows of the budget worked out by hand from the byte layouts in docs/PROTOCOL.md.</summary>
public class BandwidthBudgetTests
{
    [Fact]
    public void EnvelopeModeAtMtu23MatchesTheHandCalculation()
    {
        // envelope frame: one 50 ms acquisition block = 5 samples: 12 header + 7 prefix + 5 x 4 ch x 2 B + 2 CRC = 61 B, 20 frames/s
        // IMU frame:      12 + 7 + 10 x 6 axes x 2 B + 2 = 141 B, 10 frames/s
        // status frame:   12 + 11 + 4 x 2 + 4 x 1 (powerline ratios) + 1 (flat-line mask) + 2 = 38 B, 1 frame/s
        // notifications at MTU 23 (18 frame bytes each): 4, 8 and 3 per frame
        BandwidthBudget b = BandwidthBudget.EnvelopeMode(23);
        Assert.Equal((5, 10), (b.EmgSamplesPerFrame, b.ImuSamplesPerFrame));
        Assert.Equal(1220 + 1410 + 38, b.FrameBytesPerSecond);
        Assert.Equal(80 + 80 + 3, b.NotificationsPerSecond);
        Assert.Equal(2668 + 163 * 5, b.AttBytesPerSecond);
    }

    [Fact]
    public void RawModeAtMtu247MatchesTheHandCalculation()
    {
        // 242 frame bytes per notification: (242 - 21) / 12 B per raw sample set = 18 sets; IMU (242 - 21) / 12 = 18.
        // raw frame 21 + 18 x 12 = 237 B, 2000 / 18 frames/s; IMU frame 237 B, 200 / 18 frames/s; status 38 B.
        BandwidthBudget b = BandwidthBudget.RawMode(247);
        Assert.Equal((18, 18), (b.EmgSamplesPerFrame, b.ImuSamplesPerFrame));
        int raw = (237 * 2000 + 17) / 18, imu = (237 * 200 + 17) / 18;   // rounded up
        Assert.Equal(raw + imu + 38, b.FrameBytesPerSecond);
        Assert.Equal((2000 + 17) / 18 + (200 + 17) / 18 + 1, b.NotificationsPerSecond);
    }
}
