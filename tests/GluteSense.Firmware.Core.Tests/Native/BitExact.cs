using System;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Host.Native;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>Runs the managed <see cref="EmgPipeline"/> and the native C chain side by side on the same blocks and
/// requires every float output to have the same bit pattern.</summary>
internal static class BitExact
{
    public static int Bits(float f) => BitConverter.SingleToInt32Bits(f);

    /// <summary>Feeds <paramref name="codes"/> (interleaved, <paramref name="channels"/> per sample) in blocks whose
    /// lengths come from <paramref name="blockLength"/>; returns the number of blocks compared.</summary>
    public static int RunAndCompare(EmgPipeline managed, NativeEmgPipeline native, int channels, int[] codes,
        Func<int, int> blockLength, int leadOffMask = 0, string label = "")
    {
        int maxBlock = 100;
        var managedOut = new EmgBlockOutput(channels, maxBlock);
        var nativeOut = new EmgBlockOutput(channels, maxBlock);
        var block = new int[channels * maxBlock];
        int samples = codes.Length / channels;
        int blocks = 0;
        for (int start = 0; start < samples; blocks++)
        {
            int n = Math.Min(blockLength(blocks), samples - start);
            Array.Copy(codes, start * channels, block, 0, n * channels);
            managed.ProcessBlock(codes, start * channels, n, leadOffMask, managedOut);
            native.ProcessBlock(block, n, leadOffMask, nativeOut);
            AssertEqual(managedOut, nativeOut, channels, $"{label} block {blocks} (samples {start}..{start + n - 1})");
            start += n;
        }

        return blocks;
    }

    public static void AssertEqual(EmgBlockOutput expected, EmgBlockOutput actual, int channels, string where)
    {
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        int n = expected.SampleCount * channels;
        for (int i = 0; i < n; i++)
        {
            if (Bits(expected.ScaledMicrovolts[i]) != Bits(actual.ScaledMicrovolts[i]))
            {
                Assert.Fail($"{where}: scaled[{i}] managed {expected.ScaledMicrovolts[i]:R} native {actual.ScaledMicrovolts[i]:R}");
            }

            if (Bits(expected.Filtered[i]) != Bits(actual.Filtered[i]))
            {
                Assert.Fail($"{where}: filtered[{i}] managed {expected.Filtered[i]:R} native {actual.Filtered[i]:R}");
            }
        }

        for (int c = 0; c < channels; c++)
        {
            Assert.True(expected.EnvelopeCount[c] == actual.EnvelopeCount[c], $"{where}: envelope count of channel {c}");
            for (int e = 0; e < expected.EnvelopeCount[c]; e++)
            {
                Assert.True(expected.EmitSample[c][e] == actual.EmitSample[c][e], $"{where}: emit sample {c}/{e}");
                Assert.True(Bits(expected.Envelope[c][e]) == Bits(actual.Envelope[c][e]),
                    $"{where}: envelope {c}/{e} managed {expected.Envelope[c][e]:R} native {actual.Envelope[c][e]:R}");
                Assert.True(Bits(expected.LinearEnvelope[c][e]) == Bits(actual.LinearEnvelope[c][e]),
                    $"{where}: linear envelope {c}/{e} managed {expected.LinearEnvelope[c][e]:R} native {actual.LinearEnvelope[c][e]:R}");
            }

            EmgQuality q = expected.Quality, r = actual.Quality;
            Assert.True(q.ClipCount[c] == r.ClipCount[c], $"{where}: clip count of channel {c}");
            Assert.True(q.LeadOff[c] == r.LeadOff[c], $"{where}: lead-off of channel {c}");
            Assert.True(q.FlatLine[c] == r.FlatLine[c], $"{where}: flat line of channel {c}");
            Assert.True(Bits(q.BandRmsUv[c]) == Bits(r.BandRmsUv[c]), $"{where}: band RMS of channel {c}");
            Assert.True(Bits(q.PowerlineRatio[c]) == Bits(r.PowerlineRatio[c]),
                $"{where}: powerline ratio of channel {c} managed {q.PowerlineRatio[c]:R} native {r.PowerlineRatio[c]:R}");
        }
    }
}
