using System.IO;
using System.Text.RegularExpressions;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Native;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>The board's self-test hash (gs_selftest_hash, C) equals the C# core's (NativeSelfTest): what
/// <c>glutesense flash</c> relies on.</summary>
public class NativeSelfTestTests
{
    [Fact]
    public void NativeHashEqualsTheManagedReferenceAndDependsOnTheNumerics()
    {
        EmgChainSettings s = NativeSelfTest.Settings();
        float lsb = CountsToMicrovolts.LsbMicrovolts(NativeSelfTest.VrefVolts, NativeSelfTest.Gain);
        var reference = new EmgPipeline(NativeSelfTest.Channels, NativeSelfTest.BlockSamples, s, lsb);
        var sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        int count = reference.CopySections(sections);
        uint expected = NativeSelfTest.ExpectedHash();
        Assert.Equal(expected, NativeMethods.gs_host_selftest_hash(sections, count, s.WindowSamples, s.HopSamples, lsb));

        // One ulp in one coefficient changes the hash: the check sees numerics, not just "something ran".
        sections[3] = System.MathF.BitIncrement(sections[3]);
        Assert.NotEqual(expected, NativeMethods.gs_host_selftest_hash(sections, count, s.WindowSamples, s.HopSamples, lsb));
    }

    [Fact]
    public void SelfTestGeometryIsTheSameInCAndCSharp()
    {
        string c = File.ReadAllText(Path.Combine(RepoPaths.Root, "firmware", "GluteSense.Native", "src", "gs_selftest.c"));
        Assert.Equal(NativeSelfTest.Channels.ToString(), Regex.Match(c, @"GS_SELFTEST_CHANNELS (\d+)").Groups[1].Value);
        Assert.Equal(NativeSelfTest.Blocks.ToString(), Regex.Match(c, @"GS_SELFTEST_BLOCKS (\d+)").Groups[1].Value);
        Assert.Equal(NativeSelfTest.BlockSamples.ToString(), Regex.Match(c, @"GS_SELFTEST_BLOCK_SAMPLES (\d+)").Groups[1].Value);
    }
}
