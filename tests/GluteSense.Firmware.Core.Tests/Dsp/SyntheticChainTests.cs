using System;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>Known-answer checks of the default chain with sinusoids (the expected values follow from the definitions).</summary>
public class SyntheticChainTests
{
    private const int Rate = 1000;
    private const int Window = 50;
    private const int Hop = 10;

    private static ChainHarness.Result RunDefault(float[] x, bool linear = false) =>
        ChainHarness.Run(ChainHarness.Channel(ChainHarness.DefaultSections(Rate), Window, Hop, linear: linear), x, 100);

    private static double SettledEnvelope(ChainHarness.Result r, int fromSample) =>
        r.Envelope.Where((_, i) => r.EnvelopeIndex[i] >= fromSample).Average();

    [Fact]
    public void SineOfAmplitudeAGivesRmsOfAOverRootTwo()
    {
        const double amplitude = 200;
        ChainHarness.Result r = RunDefault(ChainHarness.Sine(amplitude, 100, Rate, 4000));
        // |H(100 Hz)| of the default cascade = 0.99955284 (scipy.signal.sosfreqz of butter(2, [20, 450]) + iirnotch(50, 30)
        // at 1000 Hz); the 50 ms window holds exactly five periods, so the RMS is exact: tolerance 1e-4 relative
        // (float32 arithmetic). A window divided by N - 1 or N + 1 is 0.5 % off.
        double expected = 0.99955284 * amplitude / Math.Sqrt(2);
        foreach (float value in r.Envelope.Where((_, i) => r.EnvelopeIndex[i] >= 1000))
        {
            Assert.InRange(value, expected * (1 - 1e-4), expected * (1 + 1e-4));
        }
    }

    /// <summary>Gain (dB) of a chain's settled envelope for a tone, relative to a 100 Hz tone (mid pass band).</summary>
    private static double ToneGainDb(float[] sections, int rateHz, double toneHz)
    {
        ChainHarness.Result tone = ChainHarness.Run(ChainHarness.Channel(sections, Window, Hop, sampleRateHz: rateHz), ChainHarness.Sine(100, toneHz, rateHz, 6 * rateHz), 100);
        ChainHarness.Result reference = ChainHarness.Run(ChainHarness.Channel(sections, Window, Hop, sampleRateHz: rateHz), ChainHarness.Sine(100, 100, rateHz, 6 * rateHz), 100);
        return 20 * Math.Log10(SettledEnvelope(tone, 3 * rateHz) / SettledEnvelope(reference, 3 * rateHz));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(60)]
    public void NotchAttenuatesMainsToneByAtLeast30Db(int mainsHz)
    {
        double attenuationDb = ToneGainDb(ChainHarness.DefaultSections(Rate, mainsHz), Rate, mainsHz);
        Assert.True(attenuationDb <= -30, $"{mainsHz} Hz attenuated by only {-attenuationDb:F1} dB");
    }

    /// <summary>The board's default chain (EmgChainSettings defaults through the pipeline) notches 50 Hz, not 60 Hz; set
    /// to 60 Hz mains it notches 60 Hz and leaves 50 Hz in the pass band (Q 30: about 1.7 Hz wide at 50 Hz).</summary>
    [Theory]
    [InlineData(0, 50, 60)]
    [InlineData(60, 60, 50)]
    public void DefaultNotchIsAt50HzAnd60HzMainsMovesIt(int mainsHz, int notchedHz, int passedHz)
    {
        var settings = new EmgChainSettings();
        if (mainsHz != 0) settings.MainsHz = mainsHz;
        var pipeline = new EmgPipeline(1, 256, settings, 1f);
        var sections = new float[pipeline.SectionCount * EmgChannel.CoefficientsPerSection];
        pipeline.CopySections(sections);
        int rateHz = settings.SampleRateHz;
        Assert.True(ToneGainDb(sections, rateHz, notchedHz) <= -30, $"{notchedHz} Hz must be notched");
        double passedDb = ToneGainDb(sections, rateHz, passedHz);
        Assert.True(passedDb >= -1, $"{passedHz} Hz attenuated by {-passedDb:F2} dB");
    }

    [Fact]
    public void AmplitudeStepShowsTheRectangularWindowDelay()
    {
        // 100 Hz sine whose amplitude steps from 50 to 250 uV at sample 2000 (a zero crossing of the phase-0 sine).
        const int step = 2000;
        const double before = 50, after = 250;
        float[] x = ChainHarness.Sine(1, 100, Rate, 4000, phase: 0).Select((v, i) => (float)(v * (i < step ? before : after))).ToArray();
        ChainHarness.Result r = RunDefault(x);

        double Value(int sample) => r.Envelope[r.EnvelopeIndex.IndexOf(sample)];
        double rmsBefore = before / Math.Sqrt(2), rmsAfter = after / Math.Sqrt(2);

        // The last value whose window ends before the step still shows the old level.
        Assert.InRange(Value(step - 1), rmsBefore * 0.98, rmsBefore * 1.02);

        // Inside the window the mean square is a mix: m new samples and N - m old ones (values at 2009 ... 2039).
        // The band-pass adds its group delay at 100 Hz (a few samples), so m lies between m - 4 and m.
        const int maxGroupDelaySamples = 4;
        double Mixed(int m) => Math.Sqrt(((Window - m) * rmsBefore * rmsBefore + m * rmsAfter * rmsAfter) / Window);
        for (int n = step + 9; n < step + Window - 1; n += Hop)
        {
            int m = n - step + 1;
            Assert.InRange(Value(n), Mixed(m - maxGroupDelaySamples) * 0.99, Mixed(m) * 1.01);
        }

        // One full window after the step the new level is reached (plus a few samples of filter settling).
        Assert.InRange(Value(step + Window - 1 + 10), rmsAfter * 0.98, rmsAfter * 1.02);
        Assert.True(Value(step + 19) < rmsAfter * 0.75, "the envelope must not jump ahead of its window");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2000)]
    public void MeasuredGainOfTheFloatChainMatchesTheDesignWithin005Db(int rate)
    {
        SignalChainFixture.Response design = SignalChainFixture.ResponseAt(rate);
        for (int f = 0; f < design.FrequenciesHz.Length; f++)
        {
            double hz = design.FrequenciesHz[f];
            var channel = ChainHarness.Channel(ChainHarness.DefaultSections(rate), rate / 20, rate / 100, sampleRateHz: rate);
            float[] x = ChainHarness.Sine(1000, hz, rate, rate * 8);
            ChainHarness.Result r = ChainHarness.Run(channel, x, 100);

            // Amplitude of the steady-state output by least squares on sin/cos over the last 4 s.
            double measuredDb = 20 * Math.Log10(SineAmplitude(r.Filtered, hz, rate, rate * 4) / 1000);
            if (design.Db[f] < -60)
            {
                // At the notch centre the design is -inf dB in exact arithmetic; float coefficients leave a finite
                // but deep null. Require only that it stays deep.
                Assert.True(measuredDb < -40, $"{hz} Hz at {rate} Hz: {measuredDb:F1} dB, design {design.Db[f]:F1} dB");
                continue;
            }

            Assert.True(Math.Abs(measuredDb - design.Db[f]) <= 0.05,
                $"{hz} Hz at {rate} Hz: measured {measuredDb:F3} dB, design {design.Db[f]:F3} dB");
        }
    }

    [Fact]
    public void LinearEnvelopeOfASineSettlesAtTwoOverPiTimesTheAmplitude()
    {
        const double amplitude = 100;
        ChainHarness.Result r = RunDefault(ChainHarness.Sine(amplitude, 100, Rate, 5000), linear: true);
        double settled = r.Linear.Where((_, i) => r.EnvelopeIndex[i] >= 3000).Average();
        Assert.InRange(settled, amplitude * 2 / Math.PI * 0.99, amplitude * 2 / Math.PI * 1.01);
    }

    [Fact]
    public void GeneralPathGivesTheSameEnvelopeAsTheFastPath()
    {
        float[] x = SignalChainFixture.SantuzInput();
        float[] sections = ChainHarness.DefaultSections(Rate);
        ChainHarness.Result fast = ChainHarness.Run(ChainHarness.Channel(sections, Window, Hop), x, 64);

        // A fourth, identity section forces the general path with the same filter.
        float[] withIdentity = sections.Concat(new[] { 1f, 0f, 0f, 0f, 0f }).ToArray();
        EmgChannel general = ChainHarness.Channel(withIdentity, Window, Hop);
        Assert.False(general.UsesFastPath);
        ChainHarness.Result slow = ChainHarness.Run(general, x, 64);

        Assert.Equal(fast.EnvelopeIndex, slow.EnvelopeIndex);
        for (int i = 0; i < fast.Envelope.Count; i++)
        {
            Assert.InRange(slow.Envelope[i], fast.Envelope[i] * 0.999 - 1e-3, fast.Envelope[i] * 1.001 + 1e-3);
        }
    }

    [Fact]
    public void BlockSizeDoesNotChangeTheResult()
    {
        float[] x = SignalChainFixture.SantuzInput();
        float[] sections = ChainHarness.DefaultSections(Rate);
        ChainHarness.Result a = ChainHarness.Run(ChainHarness.Channel(sections, Window, Hop), x, 1);
        ChainHarness.Result b = ChainHarness.Run(ChainHarness.Channel(sections, Window, Hop), x, 37);
        Assert.Equal(a.EnvelopeIndex, b.EnvelopeIndex);
        Assert.Equal(a.Envelope, b.Envelope);
        Assert.Equal(a.Filtered, b.Filtered);
    }

    [Fact]
    public void WindowNotAMultipleOfTheHopStillEmitsAtNMinusOneThenEveryHop()
    {
        // 25-sample window, 10-sample hop: sub-blocks of gcd = 5 samples.
        var channel = ChainHarness.Channel(ChainHarness.DefaultSections(Rate), 25, 10);
        ChainHarness.Result r = ChainHarness.Run(channel, ChainHarness.Sine(100, 100, Rate, 500), 33);
        Assert.Equal(Enumerable.Range(0, r.EnvelopeIndex.Count).Select(i => 24 + 10 * i), r.EnvelopeIndex);
    }

    private static double SineAmplitude(float[] y, double hz, int rate, int lastSamples)
    {
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int i = y.Length - lastSamples; i < y.Length; i++)
        {
            double s = Math.Sin(2 * Math.PI * hz * i / rate), c = Math.Cos(2 * Math.PI * hz * i / rate);
            ss += s * s; sc += s * c; cc += c * c; ys += y[i] * s; yc += y[i] * c;
        }

        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det, b = (yc * ss - ys * sc) / det;
        return Math.Sqrt(a * a + b * b);
    }
}
