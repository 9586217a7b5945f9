using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.IO;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Calibration;

/// <summary>
/// What <c>glutesense flash</c> runs (docs/flashing.md): nanoff writes the nanoFramework firmware image for the target,
/// then deploys the app's compiled PE files. The targets are the nanoFramework ESP32 images that include Bluetooth.
/// </summary>
public sealed record FlashPlan(string Target, string Port, string ImagePath, string ClrImagePath, IReadOnlyList<string> Commands)
{
    /// <summary>The custom nanoCLR image with the GluteSense native module, as docs/flashing.md builds it (relative to
    /// the repository).</summary>
    public const string DefaultClrImage = "firmware/GluteSense.Native/build/nanoCLR.bin";

    /// <summary>ESP32 (revision 0-2, no PSRAM) with the BLE stack: the board's ESP32-WROOM-32E module.</summary>
    public const string DefaultTarget = "ESP32_BLE_REV0";

    /// <summary>nanoFramework firmware images with Bluetooth that GluteSense supports.</summary>
    public static readonly string[] Targets = { "ESP32_BLE_REV0", "ESP32_BLE_REV3", "ESP32_S3_BLE" };

    /// <summary>The deployment image Visual Studio's Release build writes (all PE files in one .bin, relative to the repository).</summary>
    public const string DeployImage = "firmware/GluteSense.Firmware/bin/Release/GluteSense.Firmware.bin";

    /// <summary>What to do when nanoff is missing.</summary>
    public const string InstallHint = "nanoff is not installed: install it with 'dotnet tool install -g nanoff' (and add ~/.dotnet/tools "
        + "to PATH), then repeat; 'glutesense flash --dry-run' prints the commands";

    /// <summary>
    /// The nanoff commands for <paramref name="target"/> on serial port <paramref name="port"/>, with the app image under
    /// <paramref name="repoRoot"/> and the nanoCLR image <paramref name="clrImage"/> (relative to it; default
    /// <see cref="DefaultClrImage"/>); throws <see cref="GluteSense.Host.IO.InputException"/> for a target without
    /// Bluetooth or a bad port name.
    /// </summary>
    public static FlashPlan For(string target, string port, string repoRoot, string? clrImage = null)
    {
        if (!Targets.Contains(target))
            throw new InputException($"--target '{target}' is not a nanoFramework image with Bluetooth (expected "
                + $"{string.Join(", ", Targets)})");
        if (string.IsNullOrWhiteSpace(port) || port.Any(char.IsWhiteSpace))
            throw new InputException($"--serial '{port}' is not a serial port name");
        string deploy = Path.Combine(repoRoot, DeployImage);
        string clr = Path.Combine(repoRoot, clrImage ?? DefaultClrImage);
        return new FlashPlan(target, port, deploy, clr, new[]
        {
            $"--target {target} --serialport {port} --update --clrfile \"{clr}\"",
            $"--target {target} --serialport {port} --deploy --image \"{deploy}\"",
        });
    }

    /// <summary>
    /// Checks the board's native self-test hash (info characteristic, docs/PROTOCOL.md 7.3) against the one the C# core
    /// computes: equal means the custom image's native EMG chain computes bit for bit what the tests verified.
    /// Returns a one-line confirmation; throws <see cref="InputException"/> saying what to do otherwise.
    /// </summary>
    public static string VerifyNativeSelfTest(byte[] info)
    {
        try
        {
            DeviceInfoCheck.EnsureSupported(info);
        }
        catch (Exception e) when (e is FormatException or ProtocolVersionException)
        {
            throw new InputException("cannot check the native module: " + e.Message);
        }

        uint board = ByteIO.ReadUInt32(info, ProtocolSpec.DeviceInfoNativeHashOffset);
        uint expected = NativeSelfTest.ExpectedHash();
        if (board == 0)
        {
            throw new InputException("the board reports no native module (self-test hash 0): it runs a stock nanoCLR image; build and "
                + "flash the custom image (docs/flashing.md)");
        }

        if (board != expected)
        {
            throw new InputException($"native self-test hash 0x{board:X8} differs from the C# core's 0x{expected:X8}: "
                + $"the image's EMG chain is not the tested one; rebuild the nanoCLR image from this commit with the documented flags "
                + $"(docs/flashing.md, 'When the check fails')");
        }

        return $"native self-test hash 0x{board:X8} matches the C# core";
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
