using System;
using System.Linq;
using System.Reflection;
using GluteSense.Host;

namespace GluteSense.Host.Tests;

/// <summary>
/// The rule of docs/ARCHITECTURE.md: DSP and protocol code exist once, in the firmware core; the host reuses them.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly HostAssembly = typeof(ProductInfo).Assembly;
    private static readonly Assembly CoreAssembly = typeof(GluteSense.Firmware.Core.Dsp.Biquad).Assembly;

    [Fact]
    public void HostDefinesNoTypeThatShadowsACoreType()
    {
        var coreNames = CoreAssembly.GetTypes().Where(t => t.IsPublic).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(coreNames);
        var shadows = HostAssembly.GetTypes().Where(t => coreNames.Contains(t.Name)).Select(t => t.FullName).ToList();
        Assert.True(shadows.Count == 0, "host types re-implement core types: " + string.Join(", ", shadows));
    }

    [Fact]
    public void ProductVersionIsSet()
    {
        Assert.Equal("GluteSense", ProductInfo.Name);
        Assert.Matches(@"^\d+\.\d+\.\d+", ProductInfo.Version);
    }
}
