using System;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

/// <summary>PROTOCOL.md 3.2 status extension: the highest powerline ratio the board measured per channel since the
/// previous status (255 = none measured) and the flat-line bit per channel, filled by BoardRuntime.PublishStatus from
/// the blocks' EmgQuality. Expected ratios come from the test signal's own sinusoid amplitudes (mains mean square
/// A^2 / 2 against the in-band sinusoid's), not from the code under test.</summary>
public class StatusQualityTests
{
    private const int Channels = 4, RateHz = 1000, BlockSamples = 50;
    private const double MainsUv = 100, InBandUv = 30, InBandHz = 120;

    [Fact]
    public void MainsInterferenceGivesAHighRatioAndAFlatChannelSetsItsBit_InTheNextStatusOnly()
    {
        var sink = new StreamingHarness.CollectingSink();
        var config = new DeviceConfiguration { EmgRateHz = RateHz };
        BoardRuntime runtime = StreamingHarness.Streaming(config, sink, new StreamingHarness.FixedClock(), Channels);
        float lsbUv = config.RawMicrovoltsPerCount;
        var codes = new int[BlockSamples * Channels];
        long sample = 0;

        // One second (20 blocks; the ratio is measured on one block in EmgQuality.PowerlineEveryBlocks) and one more
        // block, which is a measured one, so the next second starts with unmeasured blocks.
        int blocks = RateHz / BlockSamples + 1;
        for (int b = 0; b < blocks; b++)
        {
            Fill();
            runtime.OnEmgBlock(codes, 0, BlockSamples, (uint)(sample * 1000), 0);
        }

        sink.Items.Clear();
        runtime.PublishStatus(2_000_000, 3900, 80, 10);
        Frame status = StreamingHarness.Frames(sink.Items).Single(f => f.FrameType == ProtocolSpec.FrameTypeStatus);

        double mainsMeanSquare = MainsUv * MainsUv / 2, bandMeanSquare = InBandUv * InBandUv / 2;
        double expectedHum = mainsMeanSquare / (mainsMeanSquare + bandMeanSquare);   // 0.917
        Assert.InRange(status.PowerlineRatioCodes[1], (expectedHum - 0.03) * ProtocolSpec.StatusPowerlineFullScale,
            (expectedHum + 0.03) * ProtocolSpec.StatusPowerlineFullScale);
        Assert.InRange(status.PowerlineRatioCodes[0], 0, 0.05 * ProtocolSpec.StatusPowerlineFullScale);   // no mains
        Assert.Equal(0b1000, status.FlatLineMask);                                   // channel 3 carries nothing

        // The next block is not a measured one: the next status says "not measured", and the flat bit of a channel
        // that carries a signal again is clear.
        Fill(flatChannel3: false);
        runtime.OnEmgBlock(codes, 0, BlockSamples, (uint)(sample * 1000), 0);
        sink.Items.Clear();
        runtime.PublishStatus(3_000_000, 3900, 80, 10);
        Frame next = StreamingHarness.Frames(sink.Items).Single(f => f.FrameType == ProtocolSpec.FrameTypeStatus);
        Assert.Equal(Enumerable.Repeat(ProtocolSpec.StatusPowerlineNotMeasured, Channels), next.PowerlineRatioCodes.Take(Channels));
        Assert.Equal(0, next.FlatLineMask);

        void Fill(bool flatChannel3 = true)
        {
            for (int s = 0; s < BlockSamples; s++, sample++)
            {
                double t = (double)sample / RateHz;
                double inBand = InBandUv * Math.Sin(2 * Math.PI * InBandHz * t);
                double mains = MainsUv * Math.Sin(2 * Math.PI * 50 * t);
                double[] uv = { inBand, inBand + mains, inBand, flatChannel3 ? 0 : inBand };
                for (int c = 0; c < Channels; c++) codes[s * Channels + c] = (int)Math.Round(uv[c] / lsbUv);
            }
        }
    }

    /// <summary>Only the two status lengths are valid (PROTOCOL.md 3.2), and flat-line bits beyond the channels are not.</summary>
    [Theory]
    [InlineData(-1, 0)]        // the extension cut by its last byte
    [InlineData(-5, 0)]        // exactly the short form (without the 4 ratios and the mask): decodes, not measured
    [InlineData(1, 0)]         // one byte too many
    [InlineData(0, 0b1_0000)]  // a flat-line bit for channel 4 of 4
    public void AStatusOfAnyOtherLengthOrWithFlatBitsBeyondItsChannelsIsRefused(int lengthChange, int extraMaskBits)
    {
        byte[] golden = Tests.Protocol.GoldenVectors.Hex(Tests.Protocol.GoldenVectors.FrameNamed("status_mains_flat_line"));
        int payload = golden.Length - ProtocolSpec.FrameOverhead + lengthChange;
        var bytes = new byte[ProtocolSpec.FrameOverhead + payload];
        Array.Copy(golden, bytes, Math.Min(golden.Length - ProtocolSpec.CrcLength, ProtocolSpec.HeaderLength + payload));
        bytes[ProtocolSpec.HeaderOffsetPayloadLength] = (byte)payload;
        if (lengthChange == 0) bytes[ProtocolSpec.HeaderLength + payload - 1] |= (byte)extraMaskBits;
        ushort crc = Crc16.Compute(bytes, 0, bytes.Length - ProtocolSpec.CrcLength);
        bytes[^2] = (byte)crc;
        bytes[^1] = (byte)(crc >> 8);
        var frame = new Frame();
        bool shortForm = payload == ProtocolSpec.StatusShortPayloadLength(Channels);
        DecodeStatus expected = shortForm ? DecodeStatus.Ok : DecodeStatus.BadPayload;
        Assert.Equal(expected, FrameDecoder.Decode(bytes, 0, bytes.Length, frame));
        if (expected == DecodeStatus.Ok)
        {
            Assert.Equal(Enumerable.Repeat(ProtocolSpec.StatusPowerlineNotMeasured, Channels), frame.PowerlineRatioCodes.Take(Channels));
            Assert.Equal(0, frame.FlatLineMask);
        }
    }

    [Theory]
    [InlineData(-1f, 255)]
    [InlineData(0f, 0)]
    [InlineData(0.5f, 127)]
    [InlineData(0.002f, 1)]
    [InlineData(1f, 254)]
    [InlineData(1.5f, 254)]
    [InlineData(float.NaN, 255)]
    public void PowerlineRatioCodesAreTheRatioTimes254Rounded_255NotMeasured(float ratio, int code)
    {
        Assert.Equal(code, ProtocolSpec.PowerlineRatioCode(ratio));
    }
}
