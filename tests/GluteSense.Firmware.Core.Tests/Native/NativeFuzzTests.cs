using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Native;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>
/// At least 10,000 fuzzed blocks through the managed and the native chain, bit for bit: both rates, 1..8 channels,
/// RMS windows of 1..500 ms, every envelope rate that divides the sample rate, notch harmonics and mains, the linear
/// envelope on and off, built-in and host-designed coefficients (the built-in designs perturbed within 0.1 %, which
/// keeps them stable and takes the general path, or moved to the other rate, which keeps the fast path's structure),
/// block lengths 1..100 and amplitudes from one code to beyond clipping.
/// </summary>
public class NativeFuzzTests
{
    private const int Configurations = 250;
    private const int BlocksPerConfiguration = 44;
    private static readonly int[] EnvelopeRatesHz = { 10, 20, 25, 40, 50, 100, 125, 200, 250, 500 };

    [Fact]
    public void TenThousandFuzzedBlocksAreBitExact()
    {
        int totalBlocks = 0;
        for (int k = 0; k < Configurations; k++)
        {
            var random = new Random(1000 + k);
            EmgChainSettings settings = RandomSettings(random);
            int channels = random.Next(1, 9);
            float lsb = CountsToMicrovolts.LsbMicrovolts(2.4f, new[] { 1f, 2f, 4f, 6f, 8f, 12f }[random.Next(6)]);
            var managed = new EmgPipeline(channels, 100, settings, lsb);
            string kind = "built-in";
            if (random.Next(2) == 0)
            {
                float[] sections = DesignedSections(random, settings, out int count, out kind);
                Assert.Null(managed.ConfigureSections(sections, count, settings));
            }

            using var native = new NativeEmgPipeline(channels, 100);
            native.ConfigureLike(managed);
            Assert.Equal(managed.UsesFastPath, native.UsesFastPath);
            int[] codes = RandomCodes(random, channels, BlocksPerConfiguration * 100);
            var blockLengths = new int[BlocksPerConfiguration];
            for (int b = 0; b < blockLengths.Length; b++)
            {
                blockLengths[b] = random.Next(1, 101);
            }

            string label = $"seed {1000 + k}: {settings.SampleRateHz} Hz, {channels} ch, window {settings.RmsWindowMs} ms, "
                + $"envelope {settings.EnvelopeRateHz} Hz, {kind} sections, fast path {managed.UsesFastPath}";
            int samples = 0;
            for (int b = 0; b < blockLengths.Length; b++)
            {
                samples += blockLengths[b];
            }

            Array.Resize(ref codes, samples * channels);
            totalBlocks += BitExact.RunAndCompare(managed, native, channels, codes, b => blockLengths[b], random.Next(256), label);
        }

        Assert.True(totalBlocks >= 10_000, $"{totalBlocks} blocks");
    }

    private static EmgChainSettings RandomSettings(Random random)
    {
        var s = new EmgChainSettings
        {
            SampleRateHz = random.Next(2) == 0 ? 1000 : 2000,
            MainsHz = random.Next(2) == 0 ? 50 : 60,
            NotchEnabled = random.Next(4) != 0,
            NotchHarmonics = random.Next(1, 4),
            LinearEnvelopeEnabled = random.Next(2) == 0,
            RmsWindowMs = random.Next(1, 501),
        };
        var rates = new List<int>();
        foreach (int r in EnvelopeRatesHz)
        {
            if (s.SampleRateHz % r == 0)
            {
                rates.Add(r);
            }
        }

        s.EnvelopeRateHz = rates[random.Next(rates.Count)];
        Assert.Null(s.Validate());
        return s;
    }

    // Host-designed cascades: the tabulated sections (band-pass pair, notches) of either rate, perturbed or not.
    private static float[] DesignedSections(Random random, EmgChainSettings settings, out int count, out string kind)
    {
        int designRate = random.Next(2) == 0 ? settings.SampleRateHz : 3000 - settings.SampleRateHz;
        var pool = new List<float>(CoefficientTables.BandPass(designRate));
        for (int h = 1; h <= 3; h++)
        {
            pool.AddRange(CoefficientTables.Notch(designRate, settings.MainsHz, h));
        }

        count = random.Next(0, 6);
        bool perturb = random.Next(2) == 0;
        kind = (perturb ? "perturbed " : "") + count + " designed at " + designRate + " Hz";
        var sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        for (int i = 0; i < count * EmgChannel.CoefficientsPerSection; i++)
        {
            float v = pool[i];
            sections[i] = perturb ? (float)(v * (1 + 1e-3 * (2 * random.NextDouble() - 1))) : v;
        }

        return sections;
    }

    // Offset + noise of a random amplitude (1 code .. 4x full scale, clipped) + occasional mains and rail segments.
    private static int[] RandomCodes(Random random, int channels, int samples)
    {
        var codes = new int[channels * samples];
        for (int c = 0; c < channels; c++)
        {
            double amplitude = Math.Pow(2, random.NextDouble() * 25);
            double offset = (2 * random.NextDouble() - 1) * (1 << 22);
            double mains = random.Next(3) == 0 ? amplitude : 0;
            for (int i = 0; i < samples; i++)
            {
                double v = offset + amplitude * (2 * random.NextDouble() - 1) + mains * Math.Sin(i * 0.314);
                if (i % 997 < 20 && random.Next(50) == 0)
                {
                    v = random.Next(2) == 0 ? 1e9 : -1e9;
                }

                codes[i * channels + c] = (int)Math.Clamp(Math.Round(v), CountsToMicrovolts.NegativeFullScaleCounts,
                    CountsToMicrovolts.PositiveFullScaleCounts);
            }
        }

        return codes;
    }
}
