using System;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

public class EmgPipelineTests
{
    private const int Channels = 4;
    private const int Block = 50;

    // ADS1298 at VREF = 2.4 V and PGA gain 6: LSB = 2 * 2.4 / 6 / 2^24 V = 0.0476837 uV (datasheet formula).
    private static readonly float Lsb = CountsToMicrovolts.LsbMicrovolts(2.4f, 6f);

    [Fact]
    public void LsbFollowsTheDatasheetFormula()
    {
        Assert.Equal(2 * 2.4 / 6 / Math.Pow(2, 24) * 1e6, Lsb, 6);
        Assert.Equal(-8388608, CountsToMicrovolts.SignExtend24(0x800000));
        Assert.Equal(8388607, CountsToMicrovolts.SignExtend24(0x7FFFFF));
        Assert.Equal(-1, CountsToMicrovolts.SignExtend24(0xFFFFFF));
    }

    private static int[] Interleave(Func<int, int, double> microvolts, int samples)
    {
        var codes = new int[samples * Channels];
        for (int i = 0; i < samples; i++)
        {
            for (int c = 0; c < Channels; c++)
            {
                codes[i * Channels + c] = (int)Math.Round(microvolts(c, i) / Lsb);
            }
        }

        return codes;
    }

    private static (float[][] Envelope, EmgBlockOutput Last) RunAll(EmgPipeline pipeline, int[] codes, int leadOffMask = 0)
    {
        var output = new EmgBlockOutput(Channels, Block);
        var envelopes = Enumerable.Range(0, Channels).Select(_ => new System.Collections.Generic.List<float>()).ToArray();
        int samples = codes.Length / Channels;
        for (int start = 0; start < samples; start += Block)
        {
            pipeline.ProcessBlock(codes, start * Channels, Math.Min(Block, samples - start), leadOffMask, output);
            for (int c = 0; c < Channels; c++)
            {
                envelopes[c].AddRange(output.Envelope[c].Take(output.EnvelopeCount[c]));
            }
        }

        return (envelopes.Select(e => e.ToArray()).ToArray(), output);
    }

    [Fact]
    public void EachChannelGetsItsOwnEnvelopeWithoutCrossTalk()
    {
        double[] amplitudes = { 50, 100, 200, 400 };
        int[] codes = Interleave((c, i) => 3000 + amplitudes[c] * Math.Sin(2 * Math.PI * 120 * i / 1000.0), 3000);
        var pipeline = new EmgPipeline(Channels, Block, new EmgChainSettings(), Lsb);
        Assert.True(pipeline.UsesFastPath);
        (float[][] envelope, _) = RunAll(pipeline, codes);
        for (int c = 0; c < Channels; c++)
        {
            double expected = amplitudes[c] / Math.Sqrt(2);
            Assert.InRange(envelope[c].Skip(100).Average(), expected * 0.99, expected * 1.01);
        }
    }

    [Fact]
    public void QualityFlagsReportClippingLeadOffFlatLineAndPowerline()
    {
        int[] codes = Interleave((c, i) => c switch
        {
            0 => 80 * Math.Sin(2 * Math.PI * 120 * i / 1000.0),                        // clean
            1 => 300 * Math.Sin(2 * Math.PI * 50 * i / 1000.0) + 20 * Math.Sin(2 * Math.PI * 150 * i / 1000.0), // hum
            2 => 0,                                                                    // flat
            _ => 0,
        }, 1000);
        for (int i = 0; i < 1000; i += 7)
        {
            codes[i * Channels + 3] = CountsToMicrovolts.PositiveFullScaleCounts;     // saturating channel
        }

        var pipeline = new EmgPipeline(Channels, Block, new EmgChainSettings(), Lsb);
        var output = new EmgBlockOutput(Channels, Block);
        float[] worstPowerline = new float[Channels];
        int clipped = 0;
        for (int start = 0; start < 1000; start += Block)
        {
            pipeline.ProcessBlock(codes, start * Channels, Block, leadOffMask: 0b0100, output);
            clipped += output.Quality.ClipCount[3];
            for (int c = 0; c < Channels; c++)
            {
                worstPowerline[c] = Math.Max(worstPowerline[c], output.Quality.PowerlineRatio[c]);
            }
        }

        EmgQuality q = output.Quality;
        Assert.Equal(Enumerable.Range(0, 1000).Count(i => i % 7 == 0), clipped);
        Assert.Equal(new[] { false, false, true, false }, q.LeadOff);
        Assert.True(q.FlatLine[2]);
        Assert.False(q.FlatLine[0]);
        Assert.True(worstPowerline[1] > 0.9, $"hum channel ratio {worstPowerline[1]}");
        Assert.True(worstPowerline[0] < 0.05, $"clean channel ratio {worstPowerline[0]}");
        Assert.InRange(q.BandRmsUv[0], 80 / Math.Sqrt(2) * 0.98, 80 / Math.Sqrt(2) * 1.02);
        Assert.True(q.AnyProblem);
    }

    [Fact]
    public void InvalidSettingsAreRefusedAndLeaveTheConfigurationUnchanged()
    {
        var pipeline = new EmgPipeline(Channels, Block, new EmgChainSettings(), Lsb);
        Assert.NotNull(pipeline.Configure(new EmgChainSettings { EnvelopeRateHz = 300 }));
        Assert.NotNull(pipeline.Configure(new EmgChainSettings { SampleRateHz = 1500 }));
        Assert.NotNull(pipeline.Configure(new EmgChainSettings { MainsHz = 55 }));
        Assert.NotNull(pipeline.ConfigureSections(new float[3], 1, new EmgChainSettings()));
        Assert.Equal(EmgChainSettings.DefaultEnvelopeRateHz, pipeline.Settings.EnvelopeRateHz);
        Assert.Equal(3, pipeline.SectionCount);
        Assert.Throws<ArgumentException>(() => new EmgPipeline(Channels, Block, new EmgChainSettings { RmsWindowMs = 0 }, Lsb));
    }

    [Fact]
    public void NotchOffAndHarmonicsChangeTheCascade()
    {
        var pipeline = new EmgPipeline(Channels, Block, new EmgChainSettings { NotchEnabled = false }, Lsb);
        Assert.Equal(2, pipeline.SectionCount);
        Assert.Null(pipeline.Configure(new EmgChainSettings { SampleRateHz = 2000, MainsHz = 60, NotchHarmonics = 3 }));
        Assert.Equal(5, pipeline.SectionCount);
        Assert.False(pipeline.UsesFastPath);
    }

    [Fact]
    public void TenThousandBlocksAllocateNothing()
    {
        int[] codes = Interleave((c, i) => 100 * Math.Sin(0.7 * i + c), Block);
        var pipeline = new EmgPipeline(Channels, Block, new EmgChainSettings { LinearEnvelopeEnabled = true }, Lsb);
        var output = new EmgBlockOutput(Channels, Block);
        pipeline.ProcessBlock(codes, 0, Block, 0, output); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10000; i++)
        {
            pipeline.ProcessBlock(codes, 0, Block, 0, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
