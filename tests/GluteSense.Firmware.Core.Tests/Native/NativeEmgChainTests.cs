using System;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Firmware.Core.Tests.Dsp;
using GluteSense.Host.Native;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>
/// The native EMG chain (firmware/GluteSense.Native, built for the host with the board's numerics flags) against the
/// managed reference, bit for bit: state carried across block boundaries, the default chain at both rates, the real-EMG
/// fixtures and fuzzed configurations and blocks.
/// </summary>
public class NativeEmgChainTests
{
    // ADS1298 at VREF = 2.4 V and PGA gain 6 (the board's default gain).
    private static readonly float Lsb = CountsToMicrovolts.LsbMicrovolts(2.4f, 6f);

    private static (EmgPipeline Managed, NativeEmgPipeline Native) Pair(int channels, EmgChainSettings settings, float lsb)
    {
        var managed = new EmgPipeline(channels, 100, settings, lsb);
        var native = new NativeEmgPipeline(channels, 100);
        native.ConfigureLike(managed);
        return (managed, native);
    }

    private static int[] Codes(Func<int, int, double> microvolts, int channels, int samples, float lsb) =>
        Enumerable.Range(0, samples * channels)
            .Select(k => Clip((long)Math.Round(microvolts(k % channels, k / channels) / lsb))).ToArray();

    private static int Clip(long code) =>
        (int)Math.Clamp(code, CountsToMicrovolts.NegativeFullScaleCounts, CountsToMicrovolts.PositiveFullScaleCounts);

    [Theory]
    [InlineData(1000, false)]
    [InlineData(2000, false)]
    [InlineData(1000, true)]
    [InlineData(2000, true)]
    public void DefaultChainIsBitExactWithStateCarriedAcrossBlocksOfEveryLength(int sampleRateHz, bool linear)
    {
        var settings = new EmgChainSettings { SampleRateHz = sampleRateHz, LinearEnvelopeEnabled = linear };
        var (managed, native) = Pair(4, settings, Lsb);
        using (native)
        {
            Assert.True(managed.UsesFastPath);
            Assert.Equal(managed.UsesFastPath, native.UsesFastPath);
            var random = new Random(sampleRateHz);
            // Electrode offset, EMG-like noise bursts, mains and a motion step: every state of the chain is exercised.
            int[] codes = Codes((c, i) => 150_000 * (c + 1) + 400 * Math.Sin(2 * Math.PI * 50 * i / sampleRateHz)
                + (i % 3000 < 1500 ? 300 : 20) * (random.NextDouble() - 0.5) + (i > 7000 ? 20_000 : 0), 4, 12_000, Lsb);
            // Block lengths 1..100 in turn: every alignment of block edges against sub-blocks and hops.
            int blocks = BitExact.RunAndCompare(managed, native, 4, codes, b => 1 + (b * 37) % 100, 0b0101, $"{sampleRateHz} Hz");
            Assert.True(blocks > 100);
        }
    }

    [Theory]
    [InlineData(1, 50)]
    [InlineData(3, 60)]
    public void GeneralPathWithNotchHarmonicsIsBitExact(int harmonics, int mainsHz)
    {
        var settings = new EmgChainSettings { SampleRateHz = 2000, NotchHarmonics = harmonics, MainsHz = mainsHz, NotchEnabled = true };
        var (managed, native) = Pair(2, settings, Lsb);
        using (native)
        {
            Assert.Equal(harmonics == 1, managed.UsesFastPath);
            Assert.Equal(managed.UsesFastPath, native.UsesFastPath);
            int[] codes = Codes((c, i) => 2000 * Math.Sin(2 * Math.PI * mainsHz * 2 * i / 2000.0 + c) + 80 * Math.Cos(i * 0.37), 2, 6000, Lsb);
            BitExact.RunAndCompare(managed, native, 2, codes, b => 100, 0, "harmonics");
        }
    }

    [Theory]
    [MemberData(nameof(RealEmgTests.Cases), MemberType = typeof(RealEmgTests))]
    public void RealEmgFixturesAreBitExact(string name)
    {
        float[] input = name.StartsWith("biosppy", StringComparison.Ordinal) ? SignalChainFixture.BiosppyInput() : SignalChainFixture.SantuzInput();
        // The recording's values become codes of a one-channel stream at 1 kHz, scaled to span about a quarter of the
        // AFE's range (the fixtures are in their own units: 12-bit counts, mV).
        float peak = input.Max(Math.Abs);
        double codesPerUnit = 2_000_000.0 / peak;
        int[] codes = input.Select(v => Clip((long)Math.Round(v * codesPerUnit))).ToArray();
        var (managed, native) = Pair(1, new EmgChainSettings { SampleRateHz = 1000 }, 0.05f);
        using (native)
        {
            BitExact.RunAndCompare(managed, native, 1, codes, b => 50, 0, name);
        }
    }

    [Fact]
    public void SquareRootIsBitExactOverTheFloatRange()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            float x = BitConverter.Int32BitsToSingle(random.Next(0, 0x7F800000));
            Assert.Equal(BitExact.Bits(FastMath.Sqrt(x)), BitExact.Bits(NativeMethods.gs_host_sqrt(x)));
        }

        Assert.Equal(0f, NativeMethods.gs_host_sqrt(-1f));
        Assert.Equal(0f, NativeMethods.gs_host_sqrt(float.NaN));
    }
}
