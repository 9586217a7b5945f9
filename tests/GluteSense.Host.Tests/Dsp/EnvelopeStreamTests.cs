using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Dsp;

namespace GluteSense.Host.Tests.Dsp;

public sealed class EnvelopeStreamTests
{
    // EMG-like test signal: an electrode offset, a 50 Hz hum and bursts of broadband noise (uV), per channel.
    private static double[][] Channels(int count, int samples, int sampleRateHz) => Enumerable.Range(0, count).Select(k =>
    {
        var random = new Random(k + 1);
        return Enumerable.Range(0, samples).Select(i => 20000.0 * (k - 1.5) + 30 * Math.Sin(2 * Math.PI * 50 * i / sampleRateHz)
            + (i / (sampleRateHz / 2) % 2 == 1 ? 200 : 10) * (random.NextDouble() - 0.5)).ToArray();
    }).ToArray();

    private static (List<double> Times, List<float>[] Values) Stream(EmgChainSettings settings, double[][] channels, int chunkRows)
    {
        var stream = new EnvelopeStream(settings, channels.Length);
        var times = new List<double>();
        var values = channels.Select(_ => new List<float>()).ToArray();
        int n = channels[0].Length, width = channels.Length;
        var outTimes = new double[stream.MaxEnvelopeRows(chunkRows)];
        var outValues = new float[outTimes.Length * width];
        for (int start = 0; start < n; start += chunkRows)
        {
            int rows = Math.Min(chunkRows, n - start);
            double[] rowMajor = Enumerable.Range(start, rows).SelectMany(i => channels.Select(c => c[i])).ToArray();
            int count = stream.Process(rowMajor, outTimes, outValues);
            times.AddRange(outTimes.Take(count));
            for (int e = 0; e < count; e++)
            {
                for (int k = 0; k < width; k++) values[k].Add(outValues[e * width + k]);
            }
        }

        Assert.Equal(n, stream.Samples);
        return (times, values);
    }

    [Theory]
    [InlineData(2000, 50, 20, 50, 100)]     // board tables, fast path
    [InlineData(1000, 50, 20, 450, 100)]    // board tables at 1 kHz
    [InlineData(2000, 60, 10, 400, 50)]     // host design, general sections
    public void EveryChannelEqualsItsOwnOneChannelRunWhateverTheChunks(int rateHz, int mainsHz, int lowHz, int highHz, int envelopeRateHz)
    {
        var settings = new EmgChainSettings
        {
            SampleRateHz = rateHz, MainsHz = mainsHz, BandPassLowHz = lowHz, BandPassHighHz = highHz, EnvelopeRateHz = envelopeRateHz,
        };
        double[][] channels = Channels(3, 3 * rateHz + 17, rateHz);
        EnvelopeResult[] single = channels.Select(c => EnvelopeRunner.Run(c, settings)).ToArray();
        foreach (int chunkRows in new[] { 1, 7, 50, 1000, 100000 })
        {
            (List<double> times, List<float>[] values) = Stream(settings, channels, chunkRows);
            for (int k = 0; k < channels.Length; k++)
            {
                Assert.Equal(single[k].TimeS, times);
                Assert.Equal(single[k].Envelope, values[k].Select(v => (double)v));
            }
        }
    }

    [Fact]
    public void RefusesPartRowsAndTooSmallOutputs()
    {
        var stream = new EnvelopeStream(new EmgChainSettings(), 2);
        Assert.Throws<ArgumentException>(() => stream.Process(new double[3], new double[10], new float[20]));
        Assert.Throws<ArgumentException>(() => stream.Process(new double[2000], new double[1], new float[2]));
        Assert.Throws<ArgumentException>(() => new EnvelopeStream(new EmgChainSettings { RmsWindowMs = 0 }, 1));
    }
}
