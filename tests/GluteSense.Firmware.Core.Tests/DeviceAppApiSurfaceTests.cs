using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// The device app's build-time API stand-in must stay exactly what the app uses (nothing declared that the app does
/// not use, so it cannot drift into an imagined API), and every namespace it stands in for must be a package the app
/// pins in packages.config.
/// </summary>
public class DeviceAppApiSurfaceTests
{
    private static string Folder(string name) => Path.Combine(RepoPaths.Root, "firmware", name);

    private static string AppSource() => string.Join("\n", Directory.GetFiles(Folder("GluteSense.Firmware"), "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));

    [Fact]
    public void EveryDeclaredTypeIsUsedByTheApp()
    {
        string app = AppSource();
        string[] declared = Directory.GetFiles(Folder("GluteSense.Firmware.ApiSurface"), "*.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"public (?:static |sealed |abstract )*(?:class|struct|enum|delegate \w+) (\w+)").Select(m => m.Groups[1].Value))
            .Distinct().ToArray();
        Assert.True(declared.Length >= 20, $"found only {declared.Length} declarations");
        // Types reached only through a member the app uses (event argument and delegate types, results).
        string[] indirect = { "GattLocalCharacteristicResult", "GattServiceProviderResult", "WriteRequestedEventHandler", "ReadRequestedEventHandler",
            "SubscribedClientsChangedEventHandler", "PinValueChangedEventHandler", "I2cTransferResult", "AdcChannel", "WakeupGpioPin", "GattLocalService", "GattReadRequest" };
        string[] unused = declared.Except(indirect).Where(t => !Regex.IsMatch(app, @"\b" + t + @"\b")).ToArray();
        Assert.True(unused.Length == 0, "declared but not used by the app: " + string.Join(", ", unused));
    }

    [Fact]
    public void EveryStoodInNamespaceIsAPinnedPackage()
    {
        string packages = File.ReadAllText(Path.Combine(Folder("GluteSense.Firmware"), "packages.config"));
        string[] namespaces = Directory.GetFiles(Folder("GluteSense.Firmware.ApiSurface"), "*.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^namespace ([\w.]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)).Distinct().ToArray();
        foreach (string ns in namespaces)
        {
            string package = ns.StartsWith("System.", StringComparison.Ordinal) ? "nanoFramework." + ns : ns.Replace(".GenericAttributeProfile", "");
            Assert.Matches($"id=\"{Regex.Escape(package)}\" version=\"\\d+\\.\\d+\\.\\d+\"", packages);
        }
    }
}
