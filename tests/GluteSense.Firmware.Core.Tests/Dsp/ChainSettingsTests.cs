using System;
using System.Linq;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>
/// The chain settings' validation at each edge (one value inside, one outside), the derived window and hop, and the
/// AFE count scaling of the ADS1298 datasheet (SBAS459, "Data Format"): 1 LSB = 2 VREF / gain / 2^24.
/// </summary>
public class ChainSettingsTests
{
    private static string? With(Action<EmgChainSettings> change)
    {
        var s = new EmgChainSettings();
        change(s);
        return s.Validate();
    }

    [Fact]
    public void DefaultsAreTheDocumentedChainAndValid()
    {
        var s = new EmgChainSettings();
        Assert.Equal((1000, 20, 450, 50, true, 1, 50, 100, false),
            (s.SampleRateHz, s.BandPassLowHz, s.BandPassHighHz, s.MainsHz, s.NotchEnabled, s.NotchHarmonics, s.RmsWindowMs, s.EnvelopeRateHz, s.LinearEnvelopeEnabled));
        Assert.Null(s.Validate());
        Assert.Equal(50, s.WindowSamples);
        Assert.Equal(10, s.HopSamples);
        s.SampleRateHz = 2000;
        s.RmsWindowMs = 25;
        s.EnvelopeRateHz = 50;
        Assert.Equal(50, s.WindowSamples);
        Assert.Equal(40, s.HopSamples);
        s.EnvelopeRateHz = 0;
        Assert.Equal(0, s.HopSamples);
    }

    [Fact]
    public void EveryLimitIsInclusiveWhereDocumentedAndRefusedJustOutside()
    {
        const string rate = "sample rate must be 250..16000 Hz";
        Assert.Null(With(s => { s.SampleRateHz = 16000; }));
        Assert.Equal(rate, With(s => { s.SampleRateHz = 16001; }));
        Assert.Equal(rate, With(s => { s.SampleRateHz = 249; s.BandPassHighHz = 100; }));
        Assert.Null(With(s => { s.SampleRateHz = 250; s.BandPassHighHz = 100; s.EnvelopeRateHz = 50; s.RmsWindowMs = 40; }));

        const string band = "band-pass edges must satisfy 0 < low < high < sample rate / 2";
        Assert.Equal(band, With(s => { s.BandPassLowHz = 0; }));
        Assert.Null(With(s => { s.BandPassLowHz = 1; }));
        Assert.Equal(band, With(s => { s.BandPassHighHz = 20; }));
        Assert.Null(With(s => { s.BandPassHighHz = 21; }));
        Assert.Equal(band, With(s => { s.BandPassHighHz = 500; }));
        Assert.Null(With(s => { s.BandPassHighHz = 499; }));

        Assert.Equal("mains frequency must be 50 or 60 Hz", With(s => { s.MainsHz = 55; }));
        Assert.Null(With(s => { s.MainsHz = 60; }));

        const string harmonics = "notch harmonics must be 1..3 and below the Nyquist frequency";
        Assert.Equal(harmonics, With(s => { s.NotchHarmonics = 0; }));
        Assert.Null(With(s => { s.NotchHarmonics = 3; }));
        Assert.Equal(harmonics, With(s => { s.NotchHarmonics = 4; s.SampleRateHz = 2000; }));
        // The highest notched harmonic must stay below Nyquist: 2 x 60 Hz x 2 = 240 < 250 is allowed, 3 x 50 Hz x 2 = 300
        // at 300 Hz and 3 x 60 Hz x 2 = 360 at 360 Hz reach it exactly and are refused.
        Assert.Null(With(s => { s.NotchHarmonics = 2; s.SampleRateHz = 250; s.BandPassHighHz = 100; s.EnvelopeRateHz = 50; s.RmsWindowMs = 40; s.MainsHz = 60; }));
        Assert.Equal(harmonics, With(s => { s.NotchHarmonics = 3; s.SampleRateHz = 300; s.BandPassHighHz = 100; s.EnvelopeRateHz = 50; s.RmsWindowMs = 40; }));
        Assert.Null(With(s => { s.NotchHarmonics = 2; s.SampleRateHz = 300; s.BandPassHighHz = 100; s.EnvelopeRateHz = 50; s.RmsWindowMs = 40; }));
        Assert.Equal(harmonics, With(s => { s.NotchHarmonics = 3; s.MainsHz = 60; s.SampleRateHz = 360; s.BandPassHighHz = 100; s.EnvelopeRateHz = 40; s.RmsWindowMs = 50; }));

        const string envelope = "envelope rate must divide the sample rate";
        Assert.Equal(envelope, With(s => { s.EnvelopeRateHz = 0; }));
        Assert.Equal(envelope, With(s => { s.EnvelopeRateHz = 300; }));
        Assert.Null(With(s => { s.EnvelopeRateHz = 1000; }));

        const string window = "RMS window must be a whole number of samples (at least one)";
        Assert.Equal(window, With(s => { s.RmsWindowMs = 0; }));
        Assert.Null(With(s => { s.RmsWindowMs = 1; }));
        Assert.Equal(window, With(s => { s.SampleRateHz = 250; s.BandPassHighHz = 100; s.EnvelopeRateHz = 50; s.RmsWindowMs = 2; }));
        Assert.Null(With(s => { s.SampleRateHz = 250; s.BandPassHighHz = 100; s.EnvelopeRateHz = 50; s.RmsWindowMs = 4; }));
    }

    [Fact]
    public void CopyFromCopiesEveryField()
    {
        var source = new EmgChainSettings
        {
            SampleRateHz = 2000, BandPassLowHz = 10, BandPassHighHz = 400, MainsHz = 60, NotchEnabled = false,
            NotchHarmonics = 3, RmsWindowMs = 100, EnvelopeRateHz = 50, LinearEnvelopeEnabled = true,
        };
        var copy = new EmgChainSettings();
        copy.CopyFrom(source);
        Assert.Equal((2000, 10, 400, 60, false, 3, 100, 50, true),
            (copy.SampleRateHz, copy.BandPassLowHz, copy.BandPassHighHz, copy.MainsHz, copy.NotchEnabled, copy.NotchHarmonics, copy.RmsWindowMs, copy.EnvelopeRateHz, copy.LinearEnvelopeEnabled));
    }

    [Fact]
    public void CountsScaleByTwoVrefOverGainOver2To24()
    {
        // 2.4 V reference, gain 6: 2 x 2.4 / 6 / 16777216 V = 0.0476837 uV per code.
        Assert.Equal(2 * 2.4 / 6 / 16777216 * 1e6, CountsToMicrovolts.LsbMicrovolts(2.4f, 6f), 1e-6 * 0.0477);   // float: 1e-6 relative
        Assert.Equal(2 * 4.0 / 12 / 16777216 * 1e6, CountsToMicrovolts.LsbMicrovolts(4f, 12f), 1e-6 * 0.0397);
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.LsbMicrovolts(0f, 6f));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.LsbMicrovolts(2.4f, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.LsbMicrovolts(float.NaN, 6f));

        Assert.Equal(0x7FFFFF, CountsToMicrovolts.SignExtend24(0x7FFFFF));
        Assert.Equal(-0x800000, CountsToMicrovolts.SignExtend24(0x800000));
        Assert.Equal(-1, CountsToMicrovolts.SignExtend24(0xFFFFFF));
        Assert.Equal(1, CountsToMicrovolts.SignExtend24(0x000001));

        int[] codes = { 0, 1, -1, 0x7FFFFF, -0x800000, 1000 };
        var uv = new float[8];
        CountsToMicrovolts.Convert(codes, 1, uv, 2, 5, 0.5f);
        Assert.Equal(new[] { 0f, 0f, 0.5f, -0.5f, 0x7FFFFF * 0.5f, -0x800000 * 0.5f, 500f, 0f }, uv);
        Assert.Throws<ArgumentNullException>(() => CountsToMicrovolts.Convert(null!, 0, uv, 0, 1, 1f));
        Assert.Throws<ArgumentNullException>(() => CountsToMicrovolts.Convert(codes, 0, null!, 0, 1, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.Convert(codes, 2, uv, 0, 5, 1f));   // past the input
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.Convert(codes, 0, uv, 4, 5, 1f));   // past the output
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.Convert(codes, 0, uv, 0, -1, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.Convert(codes, -1, uv, 0, 1, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.Convert(codes, 0, uv, -1, 1, 1f));
        CountsToMicrovolts.Convert(codes, 1, uv, 3, 5, 1f);   // exactly filling both buffers is allowed
    }
}

/// <summary>The channel's argument checks at each edge: what a caller may pass and what it may not.</summary>
public class EmgChannelArgumentTests
{
    [Fact]
    public void ConstructorAndConfigureRefuseImpossibleGeometry()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmgChannel(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmgChannel(10, 0));
        var channel = new EmgChannel(1, 1);
        channel.Configure(null!, 0, 1, 1, null!);   // no filtering, one-sample window: the smallest channel
        Assert.Equal(1, channel.WindowSamples);
        Assert.Equal(0, channel.SectionCount);

        float[] sections = ChainHarness.DefaultSections(1000);
        int count = sections.Length / EmgChannel.CoefficientsPerSection;
        var c = new EmgChannel(64, 50);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(sections, -1, 50, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(sections, EmgChannel.MaxSections + 1, 50, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(sections[..^1], count, 50, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(null!, 1, 50, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(sections, count, 0, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(sections, count, 50, 0, null!));
        // Window 51 with hop 10: sub-blocks of gcd = 1 sample, 51 partial sums > the 50 this channel holds.
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(sections, count, 51, 10, null!));
        c.Configure(sections, count, 50, 10, null!);
        Assert.Equal(50, c.WindowSamples);
        Assert.Equal(count, c.SectionCount);
    }

    [Fact]
    public void ProcessRefusesBuffersItWouldOverrun()
    {
        var c = new EmgChannel(8, 4);
        var input = new float[16];
        var filtered = new float[16];
        var env = new float[8];
        var at = new int[8];
        Assert.Throws<InvalidOperationException>(() => c.Process(input, 0, 1, 8, filtered, env, at, 0, null!));
        c.Configure(null!, 0, 4, 2, null!);
        Assert.Throws<ArgumentNullException>(() => c.Process(null!, 0, 1, 8, filtered, env, at, 0, null!));
        Assert.Throws<ArgumentNullException>(() => c.Process(input, 0, 1, 8, null!, env, at, 0, null!));
        Assert.Throws<ArgumentNullException>(() => c.Process(input, 0, 1, 8, filtered, null!, at, 0, null!));
        Assert.Throws<ArgumentNullException>(() => c.Process(input, 0, 1, 8, filtered, env, null!, 0, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(input, 0, 0, 8, filtered, env, at, 0, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(input, 0, 1, -1, filtered, env, at, 0, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(input, 0, 1, 9, filtered, env, at, 0, null!));   // > max block
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(input, -1, 1, 8, filtered, env, at, 0, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(input, 2, 2, 8, filtered, env, at, 0, null!));   // 2 + 7 x 2 = 16: past the end
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(input, 0, 1, 8, new float[15], env, at, 0, null!));
        // Stride 2 from offset 1: the last sample read is 1 + 7 x 2 = 15, the input's last index.
        for (int i = 0; i < 16; i++) input[i] = i % 2 == 1 ? 3f : 100f;
        int emitted = c.Process(input, 1, 2, 8, filtered, env, at, 0, null!);
        Assert.Equal(3, emitted);   // windows of 4 every 2 samples: complete at in-block samples 3, 5, 7
        Assert.Equal(new[] { 3, 5, 7 }, at[..3]);
        Assert.All(env[..3], v => Assert.Equal(3f, v, 1e-5f));   // no filter: RMS of a constant is the constant
        Assert.All(filtered.Where((_, i) => i % 2 == 0), v => Assert.Equal(0f, v));   // other channels' slots untouched
    }
}
