using System;
using System.Linq;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>
/// The channel against its definition computed independently in double precision in the test: the cascade as
/// H(z) = prod (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) (a plain difference equation, not the channel's
/// DF2T or its factored fast path), the envelope as sqrt(mean of the last N filtered samples squared) at sample
/// N - 1 and every hop after, the linear envelope as the 6 Hz section applied to |filtered|. Also which cascades take
/// the factored fast path (only the structured default; anything farther than float rounding takes the general one).
/// </summary>
public class EmgChannelReferenceTests
{
    private const int Rate = 1000;

    /// <summary>Direct-form I difference equation of each section in turn, in double.</summary>
    private static double[] ReferenceCascade(float[] sections, int sectionCount, double[] x)
    {
        double[] y = (double[])x.Clone();
        for (int s = 0; s < sectionCount; s++)
        {
            double b0 = sections[5 * s], b1 = sections[5 * s + 1], b2 = sections[5 * s + 2];
            double a1 = sections[5 * s + 3], a2 = sections[5 * s + 4];
            double[] input = (double[])y.Clone();
            for (int n = 0; n < y.Length; n++)
            {
                double xn1 = n >= 1 ? input[n - 1] : 0, xn2 = n >= 2 ? input[n - 2] : 0;
                double yn1 = n >= 1 ? y[n - 1] : 0, yn2 = n >= 2 ? y[n - 2] : 0;
                y[n] = b0 * input[n] + b1 * xn1 + b2 * xn2 - a1 * yn1 - a2 * yn2;
            }
        }

        return y;
    }

    private static double[] Noise(int samples, double sd, double offset, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, samples).Select(_ =>
            offset + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
    }

    private static double Rms(double[] v) => Math.Sqrt(v.Average(a => a * a));

    public static TheoryData<string, int, int, int> Chains() => new()
    {
        // name, window N, hop, block size
        { "default (fast path)", 50, 10, 37 },
        { "default (fast path), window not a multiple of the hop", 25, 10, 1 },
        { "band-pass only (general path)", 50, 20, 37 },
        { "default + 2nd harmonic notch (general path)", 30, 20, 64 },
    };

    private static float[] Sections(string name) => name switch
    {
        _ when name.StartsWith("default +") => ChainHarness.DefaultSections(Rate, 50, 2),
        _ when name.StartsWith("default") => ChainHarness.DefaultSections(Rate),
        _ => CoefficientTables.BandPass(Rate),
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void FilteredEnvelopeAndLinearEnvelopeMatchTheDefinitionInDouble(string name, int window, int hop, int block)
    {
        float[] sections = Sections(name);
        int sectionCount = sections.Length / EmgChannel.CoefficientsPerSection;
        // 3 s of white noise (60 uV SD) on a 2 mV electrode offset: the offset must not leak into the envelope.
        double[] x = Noise(3 * Rate, 60, 2000, seed: 11);
        EmgChannel channel = ChainHarness.Channel(sections, window, hop, linear: true);
        Assert.Equal(name.Contains("fast path)"), channel.UsesFastPath);
        ChainHarness.Result r = ChainHarness.Run(channel, x.Select(v => (float)v).ToArray(), block);

        double[] y = ReferenceCascade(sections, sectionCount, x.Select(v => (double)(float)v).ToArray());
        double scale = Rms(y.Skip(Rate).ToArray());
        for (int n = 0; n < y.Length; n++)
        {
            // float chain vs double: 1e-4 of the signal level (docs/signal-chain.md), plus float rounding (1e-5) of
            // the value itself during the offset's start transient (thousands of uV)
            Assert.True(Math.Abs(r.Filtered[n] - y[n]) <= 1e-4 * scale + 1e-5 * Math.Abs(y[n]), $"{name}: sample {n}: {r.Filtered[n]} vs {y[n]}");
        }

        int[] expectedIndex = Enumerable.Range(0, (x.Length - window) / hop + 1).Select(k => window - 1 + k * hop).ToArray();
        Assert.Equal(expectedIndex, r.EnvelopeIndex);

        double[] linear = ReferenceCascade(CoefficientTables.LinearEnvelopeLowPass(Rate), 1, y.Select(Math.Abs).ToArray());
        for (int k = 0; k < expectedIndex.Length; k++)
        {
            int end = expectedIndex[k];
            double rms = Math.Sqrt(y.Skip(end - window + 1).Take(window).Average(v => v * v));
            Assert.True(Math.Abs(r.Envelope[k] - rms) <= 1e-4 * scale, $"{name}: envelope at {end}: {r.Envelope[k]} vs {rms}");
            Assert.True(Math.Abs(r.Linear[k] - linear[end]) <= 1e-4 * scale, $"{name}: linear at {end}: {r.Linear[k]} vs {linear[end]}");
        }
    }

    [Fact]
    public void InterleavedChannelReadsAndWritesOnlyItsOwnSlots()
    {
        // Two channels interleaved (stride 2); this channel is the second (offset 1). No filter, window 4, hop 2:
        // the envelope is the RMS of the last four of its own samples.
        double[] own = { 3, -4, 0, 12, 5, -5, 1, 7, 2, -2 };
        var input = new float[2 * own.Length];
        for (int i = 0; i < own.Length; i++)
        {
            input[2 * i] = 1000f;   // the other channel: must neither be read nor overwritten
            input[2 * i + 1] = (float)own[i];
        }

        var channel = new EmgChannel(16, 4);
        channel.Configure(null!, 0, 4, 2, null!);
        var filtered = new float[input.Length];
        var envelope = new float[8];
        var at = new int[8];
        int emitted = channel.Process(input, 1, 2, own.Length, filtered, envelope, at, 3, null!);

        // Worked by hand: windows end at samples 3, 5, 7, 9: squares 9 + 16 + 0 + 144 = 169, 0 + 144 + 25 + 25 = 194,
        // 25 + 25 + 1 + 49 = 100, 1 + 49 + 4 + 4 = 58, each divided by N = 4.
        double[] expected = { Math.Sqrt(169 / 4.0), Math.Sqrt(194 / 4.0), Math.Sqrt(100 / 4.0), Math.Sqrt(58 / 4.0) };
        Assert.Equal(4, emitted);
        Assert.Equal(new[] { 3, 5, 7, 9 }, at.Skip(3).Take(4));
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(expected[k], envelope[3 + k], 1e-5);
        }

        Assert.Equal(0f, envelope[2]);   // nothing written before the given envelope offset
        Assert.Equal(own.Select(v => (float)v), filtered.Where((_, i) => i % 2 == 1));
        Assert.All(filtered.Where((_, i) => i % 2 == 0), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void BandMeanSquareIsTheMeanOfTheWindowMeanSquaresSinceTheLastCall()
    {
        var channel = new EmgChannel(16, 4);
        channel.Configure(null!, 0, 4, 2, null!);
        var filtered = new float[16];
        var envelope = new float[8];
        var at = new int[8];
        Assert.Equal(-1f, channel.TakeBandMeanSquare());   // no window completed yet

        float[] input = { 3, -4, 0, 12, 5, -5, 1, 7 };
        channel.Process(input, 0, 1, 3, filtered, envelope, at, 0, null!);
        Assert.Equal(-1f, channel.TakeBandMeanSquare());   // three samples: the first window is not full
        channel.Process(input, 3, 1, 5, filtered, envelope, at, 0, null!);
        // Worked by hand: windows end at samples 3, 5, 7: mean squares 169/4, 194/4, 100/4.
        Assert.Equal((169 + 194 + 100) / 12.0, channel.TakeBandMeanSquare(), 1e-4);
        Assert.Equal(-1f, channel.TakeBandMeanSquare());   // taken: nothing new since
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ResetStartsANewStreamExactlyLikeAFreshChannel(bool fastPath)
    {
        float[] sections = fastPath ? ChainHarness.DefaultSections(Rate) : CoefficientTables.BandPass(Rate);
        float[] x = Noise(700, 50, 5000, seed: 3).Select(v => (float)v).ToArray();
        EmgChannel used = ChainHarness.Channel(sections, 50, 20, linear: true);
        Assert.Equal(fastPath, used.UsesFastPath);
        ChainHarness.Run(used, x.Reverse().ToArray(), 33);   // leaves filter, RMS, partial and linear state behind
        used.Reset();
        Assert.Equal(-1f, used.TakeBandMeanSquare());
        ChainHarness.Result again = ChainHarness.Run(used, x, 33);
        ChainHarness.Result fresh = ChainHarness.Run(ChainHarness.Channel(sections, 50, 20, linear: true), x, 33);
        Assert.Equal(fresh.Filtered, again.Filtered);
        Assert.Equal(fresh.EnvelopeIndex, again.EnvelopeIndex);
        Assert.Equal(fresh.Envelope, again.Envelope);
        Assert.Equal(fresh.Linear, again.Linear);
    }

    [Fact]
    public void ReconfiguringToAnotherGeometryResetsAndUsesTheNewWindow()
    {
        float[] sections = ChainHarness.DefaultSections(Rate);
        float[] x = Noise(600, 50, 0, seed: 5).Select(v => (float)v).ToArray();
        EmgChannel channel = ChainHarness.Channel(sections, 50, 10);
        ChainHarness.Run(channel, x, 40);
        channel.Configure(sections, 3, 20, 20, null!);   // 20-sample window, one sub-block per hop
        ChainHarness.Result r = ChainHarness.Run(channel, x, 40);
        ChainHarness.Result fresh = ChainHarness.Run(ChainHarness.Channel(sections, 20, 20), x, 40);
        Assert.Equal(fresh.Envelope, r.Envelope);
        Assert.Equal(Enumerable.Range(0, 30).Select(k => 19 + 20 * k), r.EnvelopeIndex);
    }

    [Fact]
    public void FastPathIsTakenForTheStructuredDefaultsOnlyAndItsGainIsTheProductOfTheSectionGains()
    {
        foreach ((int rate, int mains) in new[] { (1000, 50), (1000, 60), (2000, 50), (2000, 60) })
        {
            float[] s = ChainHarness.DefaultSections(rate, mains);
            EmgChannel c = ChainHarness.Channel(s, 20, 10);
            Assert.True(c.UsesFastPath, $"{rate} Hz, {mains} Hz mains");
            Assert.Equal(s[0] * s[5] * s[10], c.InputScale, 1e-7 * Math.Abs(s[0] * s[5] * s[10]));
        }

        float[] structured = ChainHarness.DefaultSections(Rate);
        // Each coefficient the structure is recognised by, moved 1e-4 relative (a different filter): general path.
        foreach (int position in new[] { 1, 2, 6, 7, 12, 13 })
        {
            float[] s = (float[])structured.Clone();
            s[position] *= 1.0001f;
            EmgChannel c = ChainHarness.Channel(s, 20, 10);
            Assert.False(c.UsesFastPath, $"coefficient {position} moved");
            Assert.Equal(1f, c.InputScale);
        }

        // A zero gain (a section of zeros) is structured but not factorable: general path.
        foreach (int section in new[] { 0, 1, 2 })
        {
            float[] s = (float[])structured.Clone();
            for (int k = 0; k < 3; k++) s[5 * section + k] = 0f;
            if (section == 2) s[13] = 0f;   // keeps the notch's b1 = a1 pattern
            Assert.False(ChainHarness.Channel(s, 20, 10).UsesFastPath, $"section {section} zero");
        }

        // Two or four sections: general path.
        Assert.False(ChainHarness.Channel(structured.Take(10).ToArray(), 20, 10).UsesFastPath);
        Assert.False(ChainHarness.Channel(structured.Concat(new[] { 1f, 0f, 0f, 0f, 0f }).ToArray(), 20, 10).UsesFastPath);
    }

    [Fact]
    public void StructureToleranceIsRelativeForCoefficientsAboveOne()
    {
        // The tolerance is 1e-6 of the coefficient's magnitude (at least 1e-6 absolute): the high-pass pair's -2 g1
        // (g1 = 1, so -2) may differ by up to 2e-6 and still be the same float-rounded design.
        float[] structured = ChainHarness.DefaultSections(Rate);
        Assert.Equal(-2f, structured[6]);
        float[] s = (float[])structured.Clone();
        s[6] = -2f + 1.5e-6f;   // 0.75e-6 relative: within, though above 1e-6 absolute
        Assert.True(ChainHarness.Channel(s, 20, 10).UsesFastPath);
        s[6] = -2f + 2.5e-6f;   // 1.25e-6 relative: outside
        Assert.False(ChainHarness.Channel(s, 20, 10).UsesFastPath);

        // Likewise the notch's b1 = a1 (about -1.9): 1e-6 x 1.9 absolute is still the same value.
        s = (float[])structured.Clone();
        s[13] = s[11] * (1f + 0.8e-6f);
        Assert.True(ChainHarness.Channel(s, 20, 10).UsesFastPath);
        s[13] = s[11] * (1f + 1.3e-6f);
        Assert.False(ChainHarness.Channel(s, 20, 10).UsesFastPath);
    }

    [Fact]
    public void AbsIsTheMagnitude()
    {
        Assert.Equal(2.5f, FastMath.Abs(-2.5f));
        Assert.Equal(3f, FastMath.Abs(3f));
        Assert.Equal(0f, FastMath.Abs(0f));
        Assert.Equal(float.PositiveInfinity, FastMath.Abs(float.NegativeInfinity));
    }
}

/// <summary>
/// The built-in coefficient tables against closed forms: an iirnotch section has its zeros on the unit circle at the
/// notch frequency (b1 / b0 = -2 cos w0, b2 = b0) and unit gain at DC; the 6 Hz linear-envelope low-pass is a
/// 2nd-order Butterworth, so unit gain at DC and -3.01 dB (1 / sqrt 2) at 6 Hz.
/// </summary>
public class CoefficientTableTests
{
    private static double GainAt(float[] s, int offset, double hz, int rateHz)
    {
        double w = 2 * Math.PI * hz / rateHz;
        System.Numerics.Complex z1 = System.Numerics.Complex.Exp(-System.Numerics.Complex.ImaginaryOne * w), z2 = z1 * z1;
        return ((s[offset] + s[offset + 1] * z1 + s[offset + 2] * z2) / (1 + s[offset + 3] * z1 + s[offset + 4] * z2)).Magnitude;
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2000)]
    public void EveryNotchSitsOnItsHarmonicAndPassesDc(int rateHz)
    {
        foreach (int mainsHz in new[] { 50, 60 })
        {
            for (int harmonic = 1; harmonic <= CoefficientTables.MaxNotchHarmonic; harmonic++)
            {
                float[] n = CoefficientTables.Notch(rateHz, mainsHz, harmonic);
                double w0 = 2 * Math.PI * mainsHz * harmonic / rateHz;   // closed form: zeros at e^(+-j w0)
                Assert.Equal(-2 * Math.Cos(w0), n[1] / (double)n[0], 1e-6);
                Assert.Equal(n[0], n[2]);
                Assert.Equal(1.0, GainAt(n, 0, 0, rateHz), 1e-5);   // float coefficients: 1 + a1 + a2 is small
                Assert.True(GainAt(n, 0, mainsHz * harmonic, rateHz) < 1e-3, $"{mainsHz} x {harmonic} at {rateHz} Hz");
            }
        }

        // 1 + a1 + a2 of a 6 Hz pole pair is about 3e-4 at 1000 Hz, so float rounding of the coefficients moves the
        // gain by up to ~1e-4: 1e-3 (the table of the other rate would give 0.24 or 0.97 at 6 Hz).
        float[] lp = CoefficientTables.LinearEnvelopeLowPass(rateHz);
        Assert.Equal(1.0, GainAt(lp, 0, 0, rateHz), 1e-3);
        Assert.Equal(1 / Math.Sqrt(2), GainAt(lp, 0, 6, rateHz), 1e-3);

        // Band-pass 20-450 Hz, 4 poles (closed form of a Butterworth): -3.01 dB at both edges, unit gain near the geometric centre.
        float[] bp = CoefficientTables.BandPass(rateHz);
        double Cascade(double hz) => GainAt(bp, 0, hz, rateHz) * GainAt(bp, 5, hz, rateHz);
        Assert.Equal(1 / Math.Sqrt(2), Cascade(20), 1e-4);
        Assert.Equal(1 / Math.Sqrt(2), Cascade(450), 1e-4);
    }

    [Fact]
    public void RatesAndFrequenciesWithoutATableGiveNull()
    {
        Assert.Null(CoefficientTables.BandPass(1500));
        Assert.Null(CoefficientTables.LinearEnvelopeLowPass(1500));
        Assert.Null(CoefficientTables.Notch(1500, 50, 1));
        Assert.Null(CoefficientTables.Notch(1000, 50, 4));
        Assert.Null(CoefficientTables.Notch(2000, 60, 4));
        Assert.Null(CoefficientTables.Notch(1000, 55, 1));
    }
}
