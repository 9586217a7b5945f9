using System;
using BenchmarkDotNet.Attributes;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Benchmarks;

/// <summary>
/// The on-board EMG pipeline on the PC (net10.0 JIT): time per block and bytes allocated. Divide the mean by
/// <see cref="ChannelSamplesPerBlock"/> for ns per channel-sample. Compare versions with it; it does not predict the
/// ESP32 interpreter (see docs/firmware-budget.md for that).
/// </summary>
[MemoryDiagnoser]
public class EmgPipelineBenchmarks
{
    private const int Channels = 4;
    private const int BlockSamples = 50;

    /// <summary>Channel-samples processed per benchmark invocation.</summary>
    public const int ChannelSamplesPerBlock = Channels * BlockSamples;

    private EmgPipeline _pipeline = null!;
    private EmgBlockOutput _output = null!;
    private int[] _codes = null!;

    [Params(1000, 2000)]
    public int SampleRateHz { get; set; }

    [Params(false, true)]
    public bool NotchHarmonics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var settings = new EmgChainSettings { SampleRateHz = SampleRateHz, NotchHarmonics = NotchHarmonics ? 3 : 1 };
        float lsb = CountsToMicrovolts.LsbMicrovolts(2.4f, 6f);
        _pipeline = new EmgPipeline(Channels, BlockSamples, settings, lsb);
        _output = new EmgBlockOutput(Channels, BlockSamples);
        var random = new Random(1);
        _codes = new int[Channels * BlockSamples];
        for (int i = 0; i < _codes.Length; i++)
        {
            _codes[i] = (int)(random.NextDouble() * 4000 - 2000);
        }
    }

    /// <summary>One block of 4 channels x 50 samples (fast path with the fundamental notch, general path with harmonics).</summary>
    [Benchmark]
    public void ProcessBlock() => _pipeline.ProcessBlock(_codes, 0, BlockSamples, 0, _output);
}
