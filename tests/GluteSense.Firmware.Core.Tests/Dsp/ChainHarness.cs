using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>Runs one <see cref="EmgChannel"/> over a whole signal in blocks, collecting filtered samples and envelope.</summary>
internal static class ChainHarness
{
    internal sealed record Result(float[] Filtered, List<int> EnvelopeIndex, List<float> Envelope, List<float> Linear);

    /// <summary>The default board cascade at a rate: band-pass 20-450 + notch 50 (Q 30) from the built-in tables.</summary>
    public static float[] DefaultSections(int sampleRateHz, int mainsHz = 50, int harmonics = 1)
    {
        var list = new List<float>(CoefficientTables.BandPass(sampleRateHz));
        for (int h = 1; h <= harmonics; h++)
        {
            list.AddRange(CoefficientTables.Notch(sampleRateHz, mainsHz, h));
        }

        return list.ToArray();
    }

    public static EmgChannel Channel(float[] sections, int windowSamples, int hopSamples, int maxBlock = 256, bool linear = false, int sampleRateHz = 1000)
    {
        var channel = new EmgChannel(maxBlock, 1000);
        channel.Configure(sections, sections.Length / EmgChannel.CoefficientsPerSection, windowSamples, hopSamples,
            linear ? CoefficientTables.LinearEnvelopeLowPass(sampleRateHz) : null);
        return channel;
    }

    public static Result Run(EmgChannel channel, float[] input, int blockSize)
    {
        var filtered = new float[input.Length];
        var index = new List<int>();
        var envelope = new List<float>();
        var linear = new List<float>();
        var env = new float[blockSize];
        var lin = new float[blockSize];
        var emit = new int[blockSize];
        float scale = channel.InputScale;
        input = Array.ConvertAll(input, v => v * scale);
        for (int start = 0; start < input.Length; start += blockSize)
        {
            int n = Math.Min(blockSize, input.Length - start);
            int count = channel.Process(input, start, 1, n, filtered, env, emit, 0, lin);
            for (int e = 0; e < count; e++)
            {
                index.Add(start + emit[e]);
                envelope.Add(env[e]);
                linear.Add(lin[e]);
            }
        }

        return new Result(filtered, index, envelope, linear);
    }

    public static float[] Sine(double amplitude, double frequencyHz, int sampleRateHz, int samples, double phase = 0.3)
    {
        var x = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz + phase));
        }

        return x;
    }
}
