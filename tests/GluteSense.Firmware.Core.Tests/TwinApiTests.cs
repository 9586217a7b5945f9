extern alias twin;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Tests.Common;
using Mono.Cecil;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// The twin's emulation of nanoFramework (firmware/GluteSense.Firmware.Twin/Nano) has the upstream namespaces and
/// signatures: every type it defines in a nanoFramework, System or GluteSense.Native namespace exists in the reference
/// assemblies built from ../shared/nanoframework-src (or nanoFramework's mscorlib, or the native module's declaration),
/// and every public member it has, the upstream type has too, with the same signature. The emulation may omit members;
/// it may not invent one.
/// </summary>
public sealed class TwinApiTests
{
    private static readonly string[] EmulatedNamespaces = { "System", "nanoFramework", "GluteSense.Native" };

    [Fact]
    public void EveryEmulatedMemberExistsUpstreamWithTheSameSignature()
    {
        Dictionary<string, TypeDefinition> upstream = UpstreamTypes();
        string twinPath = typeof(twin::GluteSense.Firmware.Twin.Board.TwinBoard).Assembly.Location;
        using AssemblyDefinition emulation = AssemblyDefinition.ReadAssembly(twinPath);
        var problems = new List<string>();
        int checkedMembers = 0;
        foreach (TypeDefinition type in AllTypes(emulation.MainModule).Where(Emulated))
        {
            if (!upstream.TryGetValue(type.FullName, out TypeDefinition? reference))
            {
                problems.Add("type not upstream: " + type.FullName);
                continue;
            }

            HashSet<string> referenceMembers = Members(reference).ToHashSet();
            foreach (string member in Members(type))
            {
                checkedMembers++;
                if (!referenceMembers.Contains(member)) problems.Add("member not upstream: " + member);
            }
        }

        // The comparison discriminates: upstream has the SPI transfer the app uses and lacks the AddService it once used.
        Assert.Contains("System.Void System.Device.Spi.SpiDevice::TransferFullDuplex(System.SpanByte,System.SpanByte)",
            Members(upstream["System.Device.Spi.SpiDevice"]));
        Assert.DoesNotContain(Members(upstream["nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattServiceProvider"]),
            m => m.Contains("::AddService(", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedMembers > 150, $"only {checkedMembers} members checked: the emulation was not found");
    }

    private static bool Emulated(TypeDefinition type)
    {
        string ns = (type.DeclaringType ?? type).Namespace;
        return !type.Name.StartsWith('<') && EmulatedNamespaces.Any(e => ns == e || ns.StartsWith(e + ".", StringComparison.Ordinal));
    }

    // Public and protected members as signature strings (methods with return and parameter types, fields with type and
    // constant, properties and events with their types).
    private static IEnumerable<string> Members(TypeDefinition type)
    {
        static bool Visible(MethodDefinition m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;
        foreach (MethodDefinition m in type.Methods.Where(Visible)) yield return m.FullName;
        foreach (FieldDefinition f in type.Fields.Where(f => f.IsPublic || f.IsFamily))
        {
            yield return f.FullName + (f.HasConstant ? " = " + f.Constant : "");
        }

        foreach (PropertyDefinition p in type.Properties.Where(p => (p.GetMethod ?? p.SetMethod) is { } a && Visible(a))) yield return p.FullName;
        foreach (EventDefinition e in type.Events.Where(e => e.AddMethod is { } a && Visible(a))) yield return e.FullName;
    }

    private static IEnumerable<TypeDefinition> AllTypes(ModuleDefinition module)
    {
        foreach (TypeDefinition t in module.Types)
        {
            yield return t;
            foreach (TypeDefinition nested in t.NestedTypes) yield return nested;
        }
    }

    // The reference assemblies of the device app's libraries (built by the device-app check from the upstream sources),
    // nanoFramework's mscorlib, and the native module's interop declarations compiled against it.
    private static Dictionary<string, TypeDefinition> UpstreamTypes()
    {
        string firmware = Path.Combine(RepoPaths.Root, "firmware");
        NanoBuild.Result build = NanoBuild.Run("twin-api", $"""
              <Import Project="{Path.Combine(firmware, "Nano.CompileCheck.props")}" />
              <Import Project="{Path.Combine(firmware, "NanoReferences", "NanoReferences.targets")}" />
              <ItemGroup>
                <Compile Include="{Path.Combine(firmware, "GluteSense.Native", "interop", "managed", "*.cs")}" />
              </ItemGroup>
              <Target Name="ListReferences" AfterTargets="Build">
                <WriteLinesToFile File="references.txt" Lines="@(ReferencePath)" Overwrite="true" />
              </Target>
            """, Array.Empty<(string, string)>());
        Assert.True(build.ExitCode == 0, build.Output);
        string dir = Path.Combine(AppContext.BaseDirectory, "nano-guard", "twin-api");
        var paths = File.ReadAllLines(Path.Combine(dir, "references.txt")).ToList();
        paths.AddRange(Directory.GetFiles(Path.Combine(dir, "bin"), "Guard.dll", SearchOption.AllDirectories));
        var types = new Dictionary<string, TypeDefinition>();
        foreach (string path in paths)
        {
            ModuleDefinition module = ModuleDefinition.ReadModule(path);
            foreach (TypeDefinition t in AllTypes(module)) types.TryAdd(t.FullName, t);
        }

        return types;
    }
}
