using System;
using System.Diagnostics;
using System.IO;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// Builds a throw-away compile-check project in this test's bin folder (inside the repository, so it picks up the
/// root Directory.Build.props and Directory.Packages.props) and returns the exit code and the build log. Used by the
/// tests proving that the nano compile checks bite.
/// </summary>
internal static class NanoBuild
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>The compile-check project: <paramref name="projectBody"/> goes inside its Project element.</summary>
    public static Result Run(string name, string projectBody, (string File, string Source)[] snippets)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "nano-guard", name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(dir, "Snippets"));
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"),
            $"<Project><Import Project=\"{Path.Combine(RepoPaths.Root, "Directory.Build.props")}\" /></Project>");
        File.WriteAllText(Path.Combine(dir, "Guard.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n" + projectBody + "\n</Project>\n");
        foreach ((string file, string source) in snippets)
        {
            File.WriteAllText(Path.Combine(dir, "Snippets", file), "namespace NanoGuard { " + source + " }\n");
        }

        var psi = new ProcessStartInfo(DotnetHost.Path, "build Guard.csproj -nologo -v:n -p:NuGetAudit=false")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Not the test host's MSBuild node settings: a clean child build.
        psi.Environment.Remove("MSBuildExtensionsPath");
        psi.Environment.Remove("MSBUILD_EXE_PATH");
        psi.Environment.Remove("MSBuildSDKsPath");
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output + stderr.Result);
    }

    /// <summary>A Compile item for every .cs file of a firmware project folder, without its bin/obj.</summary>
    public static string CompileFolder(string firmwareProject)
    {
        string dir = Path.Combine(RepoPaths.Root, "firmware", firmwareProject);
        return $"<Compile Include=\"{dir}/**/*.cs\" Exclude=\"{dir}/bin/**;{dir}/obj/**\" />";
    }
}
