using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GluteSense.Host.Reports;
using GluteSense.Host.Simulation;
using GluteSense.Host.Transport;
using NetArchTest.Rules;

namespace GluteSense.Host.Tests;

/// <summary>
/// The host assemblies follow the data flow, one way (docs/ARCHITECTURE.md): GluteSense.Host (formats, analysis,
/// statistics, store, exports) references no other host assembly; Devices and Reports reference only Host;
/// Simulation may reference all three; nothing references Simulation. A researcher referencing GluteSense.Host gets
/// no D-Bus, serial, GPIO or plotting library in its dependency closure.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Host = typeof(ProductInfo).Assembly;
    private static readonly Assembly Devices = typeof(BoardSession).Assembly;
    private static readonly Assembly Reports = typeof(HtmlReport).Assembly;
    private static readonly Assembly Simulation = typeof(Simulator).Assembly;

    /// <summary>Namespaces each assembly owns (a namespace lives in exactly one assembly).</summary>
    private static string[] NamespacesOf(Assembly assembly) =>
        assembly.GetTypes().Select(t => t.Namespace).Where(n => n != null && n.StartsWith("GluteSense.Host", StringComparison.Ordinal))
            .Select(n => n!).Distinct().ToArray();

    public static TheoryData<string, string> ForbiddenEdges() => new()
    {
        { "GluteSense.Host", "GluteSense.Host.Devices" },
        { "GluteSense.Host", "GluteSense.Host.Reports" },
        { "GluteSense.Host", "GluteSense.Host.Simulation" },
        { "GluteSense.Host.Devices", "GluteSense.Host.Reports" },
        { "GluteSense.Host.Devices", "GluteSense.Host.Simulation" },
        { "GluteSense.Host.Reports", "GluteSense.Host.Devices" },
        { "GluteSense.Host.Reports", "GluteSense.Host.Simulation" },
    };

    private static Assembly ByName(string name) => new[] { Host, Devices, Reports, Simulation }.Single(a => a.GetName().Name == name);

    [Theory]
    [MemberData(nameof(ForbiddenEdges))]
    public void NoBackwardReferenceBetweenHostAssemblies(string from, string to)
    {
        Assembly source = ByName(from), target = ByName(to);
        Assert.DoesNotContain(source.GetReferencedAssemblies(), r => r.Name == to);
        // Type-level check too (a reference can hide behind reflection or a type forward): no type of `from` uses a
        // namespace that `to` owns.
        TestResult result = Types.InAssembly(source).ShouldNot().HaveDependencyOnAny(NamespacesOf(target)).GetResult();
        Assert.True(result.IsSuccessful, $"{from} depends on {to}: " + string.Join(", ", result.FailingTypeNames ?? new List<string>()));
    }

    [Fact]
    public void EveryNamespaceLivesInOneAssembly()
    {
        var owners = new[] { Host, Devices, Reports, Simulation }
            .SelectMany(a => NamespacesOf(a).Select(n => (Namespace: n, Assembly: a.GetName().Name)))
            .GroupBy(x => x.Namespace).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(x => x.Assembly)));
        Assert.Empty(owners);
    }

    [Fact]
    public void ResearcherAssemblyClosureHasNoDeviceOrPlottingLibrary()
    {
        string[] forbidden = { "Tmds.DBus", "System.IO.Ports", "System.Device.Gpio", "ScottPlot", "SkiaSharp" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(Host.GetReferencedAssemblies());
        while (pending.Count > 0)
        {
            AssemblyName name = pending.Pop();
            if (name.Name == null || !seen.Add(name.Name) || name.Name.StartsWith("System.Private", StringComparison.Ordinal)) continue;
            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (System.IO.FileNotFoundException)
            {
                continue;   // a framework facade not shipped beside the tests: it is not a package dependency
            }

            foreach (AssemblyName r in loaded.GetReferencedAssemblies()) pending.Push(r);
        }

        Assert.Contains("GluteSense.Firmware.Core", seen);
        Assert.DoesNotContain(seen, n => forbidden.Any(f => n.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void TheCheckBites()
    {
        // Devices really does use the Host assembly's namespaces, so the same rule pointed the allowed way fails.
        TestResult result = Types.InAssembly(Devices).ShouldNot().HaveDependencyOnAny(NamespacesOf(Host)).GetResult();
        Assert.False(result.IsSuccessful);
    }
}
