using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;

namespace GluteSense.Host.Calibration;

/// <summary>
/// What <c>glutesense flash</c> runs (docs/flashing.md): nanoff writes the nanoFramework firmware image for the target,
/// then deploys the app's compiled PE files. The targets are the nanoFramework ESP32 images that include Bluetooth.
/// </summary>
public sealed record FlashPlan(string Target, string Port, string ImagePath, IReadOnlyList<string> Commands)
{
    /// <summary>ESP32 (revision 0-2, no PSRAM) with the BLE stack: the board's ESP32-WROOM-32E module.</summary>
    public const string DefaultTarget = "ESP32_BLE_REV0";

    /// <summary>nanoFramework firmware images with Bluetooth that GluteSense supports.</summary>
    public static readonly string[] Targets = { "ESP32_BLE_REV0", "ESP32_BLE_REV3", "ESP32_S3_BLE" };

    /// <summary>The deployment image Visual Studio's Release build writes (all PE files in one .bin, relative to the repository).</summary>
    public const string DeployImage = "firmware/GluteSense.Firmware/bin/Release/GluteSense.Firmware.bin";

    /// <summary>What to do when nanoff is missing.</summary>
    public const string InstallHint = "nanoff is not installed: install it with 'dotnet tool install -g nanoff' (and add ~/.dotnet/tools to PATH), then repeat; 'glutesense flash --dry-run' prints the commands";

    /// <summary>The nanoff commands for <paramref name="target"/> on serial port <paramref name="port"/>, with the app image under <paramref name="repoRoot"/>; throws <see cref="GluteSense.Host.IO.InputException"/> for a target without Bluetooth or a bad port name.</summary>
    public static FlashPlan For(string target, string port, string repoRoot)
    {
        if (!Targets.Contains(target)) throw new InputException($"--target '{target}' is not a nanoFramework image with Bluetooth (expected {string.Join(", ", Targets)})");
        if (string.IsNullOrWhiteSpace(port) || port.Any(char.IsWhiteSpace)) throw new InputException($"--serial '{port}' is not a serial port name");
        string deploy = Path.Combine(repoRoot, DeployImage);
        return new FlashPlan(target, port, deploy, new[]
        {
            $"--target {target} --serialport {port} --update",
            $"--target {target} --serialport {port} --deploy --image \"{deploy}\"",
        });
    }

    /// <summary>nanoff on PATH or in ~/.dotnet/tools, else null.</summary>
    public static string? FindNanoff()
    {
        string exe = OperatingSystem.IsWindows() ? "nanoff.exe" : "nanoff";
        IEnumerable<string> dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return dirs.Where(d => d.Length > 0).Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
    }
}
