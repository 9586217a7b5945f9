using System;
using System.Linq;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>
/// What the DSP classes accept at their edges and what their errors say (the argument named, a one-line reason), and
/// the channel's behaviour where the firmware-dsp mutation run of 2026-11-30 found no test looking: empty blocks, the
/// largest cascade, a reconfigured gain, the linear-envelope buffer when it is off, the fast path with the gains
/// distributed differently over its sections, and the structure tolerance at its exact edge.
/// </summary>
public class DspEdgeTests
{
    private const int Rate = 1000;

    [Fact]
    public void ErrorsNameTheArgumentAndSayWhy()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Biquad().SetCoefficients(1, 0, 0, 0, 0, 0));
        Assert.Equal("a0", e.ParamName);
        Assert.StartsWith("a0 must not be zero", e.Message);
        var b = new Biquad();
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => b.Process(null!, 0, new float[1], 0, 1)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => b.Process(new float[1], 0, null!, 0, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => b.Process(new float[1], 0, new float[1], 0, 2)).ParamName);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.LsbMicrovolts(0f, 6f));
        Assert.Equal("gain", e.ParamName);
        Assert.StartsWith("reference voltage and gain must be positive", e.Message);
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => CountsToMicrovolts.Convert(null!, 0, new float[1], 0, 1, 1f)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => CountsToMicrovolts.Convert(new int[1], 0, null!, 0, 1, 1f)).ParamName);
        Assert.Equal("count",
            Assert.Throws<ArgumentOutOfRangeException>(() => CountsToMicrovolts.Convert(new int[1], 0, new float[1], 0, 2, 1f)).ParamName);

        Assert.Equal("maxBlockSamples", Assert.Throws<ArgumentOutOfRangeException>(() => new EmgChannel(0, 1)).ParamName);
        var c = new EmgChannel(8, 4);
        Assert.Equal("Configure the channel before processing",
            Assert.Throws<InvalidOperationException>(() => c.Process(new float[8], 0, 1, 8, new float[8], new float[4], new int[4], 0, null!)).Message);
        Assert.Equal("sectionCount", Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(null!, 1, 4, 2, null!)).ParamName);
        Assert.Equal("windowSamples", Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(null!, 0, 0, 2, null!)).ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => c.Configure(null!, 0, 5, 1, null!));   // 5 one-sample sub-blocks > 4
        Assert.Equal("windowSamples", e.ParamName);
        Assert.StartsWith("window longer than this channel was built for", e.Message);
        c.Configure(null!, 0, 4, 2, null!);
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => c.Process(null!, 0, 1, 8, new float[8], new float[4], new int[4], 0, null!)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => c.Process(new float[8], 0, 1, 9, new float[8], new float[4], new int[4], 0, null!)).ParamName);
    }

    [Fact]
    public void EmptyBlocksAndZeroOffsetsAreValid()
    {
        var b = new Biquad(0.5f, 0f, 0f, 0f, 0f);
        var output = new float[2];
        b.Process(new float[2], 0, output, 0, 0);                      // nothing to do, nothing refused
        b.Process(new float[] { 4f, 6f }, 0, output, 0, 2);
        Assert.Equal(new[] { 2f, 3f }, output);

        int[] codes = { 10, 20, 30 };
        var uv = new float[3];
        CountsToMicrovolts.Convert(codes, 0, uv, 0, 0, 2f);
        Assert.Equal(new float[3], uv);
        CountsToMicrovolts.Convert(codes, 0, uv, 1, 2, 2f);            // input from its start
        Assert.Equal(new[] { 0f, 20f, 40f }, uv);
        CountsToMicrovolts.Convert(codes, 1, uv, 0, 2, 2f);            // output from its start
        Assert.Equal(new[] { 40f, 60f, 40f }, uv);

        var channel = new EmgChannel(8, 4);
        channel.Configure(null!, 0, 4, 2, null!);
        var input = new float[8];
        var env = new float[4];
        var at = new int[4];
        Assert.Equal(0, channel.Process(input, 0, 1, 0, new float[8], env, at, 0, null!));
        // An empty block reads nothing, so no offset can be past the end.
        Assert.Equal(0, channel.Process(input, 9, 1, 0, new float[8], env, at, 0, null!));
    }

    [Fact]
    public void EightSectionsAreTheMostAChannelTakes()
    {
        // Eight identity sections: the general path passes the signal unchanged; the RMS of a constant is the constant.
        float[] identity = Enumerable.Range(0, EmgChannel.MaxSections).SelectMany(_ => new[] { 1f, 0f, 0f, 0f, 0f }).ToArray();
        EmgChannel c = ChainHarness.Channel(identity, 4, 2);
        Assert.Equal(EmgChannel.MaxSections, c.SectionCount);
        ChainHarness.Result r = ChainHarness.Run(c, Enumerable.Repeat(-7f, 10).ToArray(), 10);
        Assert.All(r.Filtered, v => Assert.Equal(-7f, v));
        Assert.All(r.Envelope, v => Assert.Equal(7f, v, 1e-5f));
    }

    [Fact]
    public void ReconfiguringFromTheFastToTheGeneralPathDropsTheFastPathGain()
    {
        float[] fast = ChainHarness.DefaultSections(Rate);
        EmgChannel c = ChainHarness.Channel(fast, 50, 10);
        Assert.NotEqual(1f, c.InputScale);
        float[] general = fast.Concat(new[] { 1f, 0f, 0f, 0f, 0f }).ToArray();
        c.Configure(general, 4, 50, 10, null!);
        Assert.False(c.UsesFastPath);
        Assert.Equal(1f, c.InputScale);   // the general sections carry their own gains
    }

    [Fact]
    public void ReconfiguringWithTheSameGeometryAllocatesNothing()
    {
        float[] sections = ChainHarness.DefaultSections(Rate);
        EmgChannel c = ChainHarness.Channel(sections, 50, 10);
        c.Configure(sections, 3, 50, 10, null!);   // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        c.Configure(sections, 3, 50, 10, null!);   // e.g. a set_filter that changes only the notch
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void LinearEnvelopeBufferIsWrittenOnlyWhenEnabledAndOnlyAtEmittedValues()
    {
        float[] x = ChainHarness.Sine(100, 100, Rate, 100);
        var filtered = new float[100];
        var env = new float[16];
        var at = new int[16];
        float[] linear = Enumerable.Repeat(float.NaN, 16).ToArray();
        EmgChannel off = ChainHarness.Channel(ChainHarness.DefaultSections(Rate), 50, 10);
        Assert.Equal(6, off.Process(x, 0, 1, 100, filtered, env, at, 0, linear));
        Assert.All(linear, v => Assert.True(float.IsNaN(v)));          // off: the buffer is not touched

        // On, but a block too short to complete a window: nothing emitted, nothing written (emitSamples holds zeros).
        EmgChannel on = ChainHarness.Channel(ChainHarness.DefaultSections(Rate), 50, 10, linear: true);
        Array.Clear(at);
        Assert.Equal(0, on.Process(x, 0, 1, 20, filtered, env, at, 0, linear));
        Assert.All(linear, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void FastPathReturnsTheCountOfValuesWrittenAfterTheEnvelopeOffset()
    {
        EmgChannel c = ChainHarness.Channel(ChainHarness.DefaultSections(Rate), 50, 10);
        Assert.True(c.UsesFastPath);
        float[] x = ChainHarness.Sine(100, 100, Rate, 100);
        var env = new float[16];
        var at = new int[16];
        Assert.Equal(6, c.Process(x, 0, 1, 100, new float[100], env, at, 5, null!));   // windows end at 49, 59, ..., 99
        Assert.Equal(new[] { 49, 59, 69, 79, 89, 99 }, at[5..11]);
        Assert.Equal(0f, env[4]);
        Assert.Equal(0f, env[11]);
    }

    [Fact]
    public void FastPathTakesTheSameCascadeWithItsGainsDistributedDifferently()
    {
        // Half the gain moved from the low-pass pair to the high-pass pair: the same transfer function, still the
        // structured (g(1, 2, 1), g'(1, -2, 1), notch) form, so the fast path with the same product of gains.
        float[] standard = ChainHarness.DefaultSections(Rate);
        float[] moved = (float[])standard.Clone();
        for (int k = 0; k < 3; k++) { moved[k] *= 0.5f; moved[5 + k] *= 2f; }
        EmgChannel a = ChainHarness.Channel(standard, 50, 10), b = ChainHarness.Channel(moved, 50, 10);
        Assert.True(b.UsesFastPath);
        Assert.Equal(a.InputScale, b.InputScale, 1e-6f * a.InputScale);
        float[] x = ChainHarness.Sine(150, 100, Rate, 600);
        ChainHarness.Result ra = ChainHarness.Run(a, x, 50), rb = ChainHarness.Run(b, x, 50);
        for (int i = 0; i < ra.Envelope.Count; i++) Assert.Equal(ra.Envelope[i], rb.Envelope[i], 1e-4f * 150);
    }

    [Fact]
    public void StructureToleranceScalesWithCoefficientsAboveOneOnlyAndIncludesItsEdge()
    {
        float[] s = ChainHarness.DefaultSections(Rate);
        Assert.True(s[1] > 1f && s[2] < 1f);   // 2 g0 = 1.464, g0 = 0.732 for the 1000 Hz table
        float[] t = (float[])s.Clone();
        t[1] = s[1] + 1.2e-6f;                  // within 1e-6 x 1.464, beyond 1e-6 absolute
        Assert.True(ChainHarness.Channel(t, 20, 10).UsesFastPath);
        t = (float[])s.Clone();
        t[2] = s[2] + 0.8e-6f;                  // below 1: the tolerance stays 1e-6 absolute, not 1e-6 x 0.732
        Assert.True(ChainHarness.Channel(t, 20, 10).UsesFastPath);

        // Exactly the tolerance apart is still the same design: a notch at fs / 4 has b1 = 0; a1 = 1e-6.
        t = (float[])s.Clone();
        t[11] = 0f;
        t[13] = 1e-6f;
        Assert.True(ChainHarness.Channel(t, 20, 10).UsesFastPath);
        t[13] = 1.1e-6f;
        Assert.False(ChainHarness.Channel(t, 20, 10).UsesFastPath);
    }

    [Fact]
    public void AWindowOfAFractionOfASampleIsRefused()
    {
        // 1 ms at 1500 Hz is 1.5 samples: refused although it rounds down to one whole sample.
        var s = new EmgChainSettings { SampleRateHz = 1500, BandPassHighHz = 700, EnvelopeRateHz = 100, RmsWindowMs = 1 };
        Assert.Equal("RMS window must be a whole number of samples (at least one)", s.Validate());
        s.RmsWindowMs = 2;                      // 3 samples
        Assert.Null(s.Validate());
    }
}
