using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// The device app's compile check (firmware/GluteSense.Firmware.ApiCheck) bites: with the same settings and the
/// reference assemblies built from the upstream nanoFramework sources (firmware/NanoReferences), a use of an API that
/// upstream lacks fails the build while the app's own files compile. And the app's package pins are the versions of
/// those sources (MANIFEST.csv), so what is checked is what the board gets.
/// </summary>
public class DeviceAppApiCheckTests
{
    // APIs the app once used that the real libraries do not have (issue 18), each inside a method body so the
    // compiler reports all of them together.
    private static readonly (string File, string Source)[] AbsentApis =
    {
        ("AddService.cs", "class AddService { object F(nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattServiceProvider p) "
            + "{ return p.AddService(new System.Guid()); } }"),
        ("AdvertisedName.cs", "class AdvertisedName { object F() { return new nanoFramework.Device.Bluetooth.GenericAttributeProfile"
            + ".GattServiceProviderAdvertisingParameters { DeviceName = \"x\" }; } }"),
        ("MaxPduSize.cs", "class MaxPduSize { object F(nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattSession s) "
            + "{ return s.MaxPduSize; } }"),
    };

    private static string ManifestPath()
    {
        string? overridden = Environment.GetEnvironmentVariable("NanoFrameworkSrc");
        string src = string.IsNullOrEmpty(overridden) ? Path.Combine(RepoPaths.Root, "..", "shared", "nanoframework-src") : overridden;
        return Path.Combine(src, "MANIFEST.csv");
    }

    [Fact]
    public void AnApiUpstreamLacksFailsTheDeviceAppCheck()
    {
        string firmware = Path.Combine(RepoPaths.Root, "firmware");
        NanoBuild.Result result = NanoBuild.Run("device-app", $"""
              <Import Project="{Path.Combine(firmware, "Nano.CompileCheck.props")}" />
              <Import Project="{Path.Combine(firmware, "NanoReferences", "NanoReferences.targets")}" />
              <ItemGroup>
                {NanoBuild.CompileFolder("GluteSense.Firmware.Core")}
                {NanoBuild.CompileFolder("GluteSense.Firmware")}
                <Compile Include="{Path.Combine(firmware, "GluteSense.Native", "interop", "managed", "*.cs")}" />
                <Compile Include="Snippets/*.cs" />
              </ItemGroup>
            """, AbsentApis);

        Assert.NotEqual(0, result.ExitCode);
        string[] errors = result.Output.Split('\n').Where(l => l.Contains("error ")).Distinct().ToArray();
        foreach ((string file, _) in AbsentApis)
        {
            Assert.True(errors.Any(l => l.Contains(file) && Regex.IsMatch(l, "error CS(1061|0117)")),
                file + " compiled against the upstream libraries:\n" + result.Output);
        }

        // Only the snippets are at fault: the libraries were built and the app compiles against them.
        string[] others = errors.Where(l => !AbsentApis.Any(s => l.Contains(s.File))).ToArray();
        Assert.True(others.Length == 0, "unexpected errors:\n" + string.Join("\n", others));
    }

    [Fact]
    public void ThePackagePinsAreTheManifestVersions()
    {
        string[] rows = File.ReadAllLines(ManifestPath()).Skip(1).Where(l => l.Length > 0).ToArray();
        string app = Path.Combine(RepoPaths.Root, "firmware", "GluteSense.Firmware");
        string packages = File.ReadAllText(Path.Combine(app, "packages.config"));
        string nfproj = File.ReadAllText(Path.Combine(app, "GluteSense.Firmware.nfproj"));
        Assert.Equal(rows.Length + 1, Regex.Matches(packages, "<package id=").Count);   // + CoreLibrary
        foreach (string row in rows)
        {
            string[] cells = row.Split(',');
            string id = cells[0], version = cells[1];
            Assert.Matches($"<package id=\"{Regex.Escape(id)}\" version=\"{Regex.Escape(version)}\"", packages);
            Assert.Contains($@"packages\{id}.{version}\lib\", nfproj);
        }
    }
}
