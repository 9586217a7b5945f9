using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GluteSense.Host.Native;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>
/// The managed interop declaration (interop/managed/NativeAfe.cs, NativeBoardStore.cs, AssemblyInfo.cs) and the C++ stub table
/// (interop/stubs) must describe the same native assembly: same methods in the same order with the signatures
/// MetadataProcessor derives from the C#, same native version (also GS_NATIVE_VERSION in gs_native.h and the host
/// library's), same checksum. nanoCLR binds InternalCalls by position and refuses an assembly whose checksum differs,
/// so a drift here is a board that does not boot the app.
/// </summary>
public class NativeInteropDriftTests
{
    private static string Module(params string[] parts) =>
        Path.Combine(RepoPaths.Root, "firmware", "GluteSense.Native", Path.Combine(parts));

    private static readonly Dictionary<string, string> TypeCodes = new()
    {
        ["void"] = "VOID", ["int"] = "I4", ["uint"] = "U4", ["byte"] = "U1", ["float"] = "R4", ["bool"] = "BOOLEAN",
        ["int[]"] = "SZARRAY_I4", ["float[]"] = "SZARRAY_R4", ["byte[]"] = "SZARRAY_U1",
    };

    /// <summary>The classes of the interop assembly in the order of the stub table (MetadataProcessor's type order).</summary>
    private static readonly string[] Classes = { "NativeAfe", "NativeBoardStore" };

    /// <summary>MetadataProcessor's stub names of one class's InternalCall methods, in declaration order.</summary>
    private static List<string> DeclaredSignatures(string className)
    {
        string source = File.ReadAllText(Module("interop", "managed", className + ".cs"));
        var methods = Regex.Matches(source,
            @"\[MethodImpl\(MethodImplOptions\.InternalCall\)\]\s*public static extern (\S+) (\w+)\(([^)]*)\);");
        Assert.NotEmpty(methods);
        return methods.Select(m =>
        {
            var parts = new List<string> { TypeCodes[m.Groups[1].Value] };
            foreach (string p in m.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] words = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                bool byRef = words[0] is "out" or "ref";
                string type = words[byRef ? 1 : 0];
                parts.Add((byRef ? "BYREF_" : "") + TypeCodes[type]);
            }

            return m.Groups[2].Value + "___STATIC__" + string.Join("__", parts);
        }).ToList();
    }

    /// <summary>Every class's InternalCalls as "Class::Signature", in stub table order.</summary>
    private static List<string> DeclaredEntries() =>
        Classes.SelectMany(c => DeclaredSignatures(c).Select(sig => c + "::" + sig)).ToList();

    private static string Stub(string file) => File.ReadAllText(Module("interop", "stubs", file));

    [Fact]
    public void StubTableDeclaresExactlyTheManagedInternalCallsInOrder()
    {
        List<string> declared = DeclaredEntries();
        string table = Regex.Match(Stub("GluteSense_Native.cpp"), @"method_lookup\[\]\s*=\s*\{(.*?)\};", RegexOptions.Singleline).Groups[1].Value;
        List<string> lookup = Regex.Matches(table, @"(nullptr|NULL|Library_GluteSense_Native_GluteSense_Native_(\w+::\w+))")
            .Select(m => m.Groups[2].Success ? m.Groups[2].Value : "NULL").ToList();
        Assert.Equal(declared, lookup);

        string headerText = Stub("GluteSense_Native.h");
        var header = new List<string>();
        const string structPattern = @"struct Library_GluteSense_Native_GluteSense_Native_(\w+)\s*\{(.*?)\};";
        foreach (Match type in Regex.Matches(headerText, structPattern, RegexOptions.Singleline))
        {
            header.AddRange(Regex.Matches(type.Groups[2].Value, @"NANOCLR_NATIVE_DECLARE\((\w+)\)")
                .Select(m => type.Groups[1].Value + "::" + m.Groups[1].Value));
        }

        Assert.Equal(declared, header);

        foreach (string className in Classes)
        {
            List<string> implemented = Regex.Matches(Stub($"GluteSense_Native_GluteSense_Native_{className}_mshl.cpp"),
                $@"HRESULT {className}::(\w+)\(CLR_RT_StackFrame &stack\)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(DeclaredSignatures(className), implemented);
            Assert.Contains($"GluteSense_Native_GluteSense_Native_{className}_mshl.cpp", Stub("FindINTEROP-GluteSense.Native.cmake"));
        }
    }

    [Fact]
    public void VersionAndChecksumAreTheSameInTheDeclarationTheStubTableAndTheCModule()
    {
        string declaration = File.ReadAllText(Module("interop", "managed", "NativeAfe.cs"));
        string version = Regex.Match(declaration, @"NativeVersion = ""([\d.]+)""").Groups[1].Value;
        uint checksum = uint.Parse(Regex.Match(declaration, @"NativeChecksum = 0x([0-9A-Fa-f]+)").Groups[1].Value, NumberStyles.HexNumber);
        string assemblyInfo = File.ReadAllText(Module("interop", "managed", "Properties", "AssemblyInfo.cs"));
        Assert.Equal(version, Regex.Match(assemblyInfo, @"AssemblyNativeVersion\(""([\d.]+)""\)").Groups[1].Value);

        Match data = Regex.Match(Stub("GluteSense_Native.cpp"),
            @"g_CLR_AssemblyNative_GluteSense_Native\s*=\s*\{\s*""([^""]+)"",\s*0x([0-9A-Fa-f]+),\s*method_lookup,\s*\{\s*(\d+),\s*(\d+),\s*(\d+),\s*(\d+)\s*\}");
        Assert.True(data.Success, "assembly data not found in the stub table");
        Assert.Equal("GluteSense.Native", data.Groups[1].Value);
        Assert.Equal(checksum, uint.Parse(data.Groups[2].Value, NumberStyles.HexNumber));
        Assert.Equal(version, string.Join(".", data.Groups[3].Value, data.Groups[4].Value, data.Groups[5].Value, data.Groups[6].Value));

        int[] parts = version.Split('.').Select(int.Parse).ToArray();
        uint packed = (uint)(parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]);
        string header = File.ReadAllText(Module("include", "gs_native.h"));
        Assert.Equal(packed, uint.Parse(Regex.Match(header, @"#define GS_NATIVE_VERSION 0x([0-9A-Fa-f]+)u").Groups[1].Value, NumberStyles.HexNumber));
        Assert.Equal(packed, NativeEmgPipeline.Version);
    }

    [Fact]
    public void ChecksumCoversTheSignaturesSoChangingOneWithoutANewChecksumFails()
    {
        string declaration = File.ReadAllText(Module("interop", "managed", "NativeAfe.cs"));
        uint checksum = uint.Parse(Regex.Match(declaration, @"NativeChecksum = 0x([0-9A-Fa-f]+)").Groups[1].Value, NumberStyles.HexNumber);
        List<string> signatures = Classes.SelectMany(DeclaredSignatures).ToList();
        Assert.Equal(ZlibCrc32.Compute(Encoding.ASCII.GetBytes(string.Join("\n", signatures))), checksum);
    }
}
