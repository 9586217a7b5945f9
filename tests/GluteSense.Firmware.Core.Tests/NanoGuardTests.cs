using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// Proves the nano compile check bites: with the settings of firmware/Nano.CompileCheck.props (the ones
/// GluteSense.Firmware.Core.Nano uses), the real core sources build, and each snippet that uses an API the
/// nanoFramework class library lacks fails to build.
/// </summary>
public class NanoGuardTests
{
    // Each entry: a file name and a C# snippet that compiles on net10.0 but uses something the board does not have.
    // Every use sits inside a method body: the compiler reports body errors of all files together, whereas an error
    // in a declaration (a using directive, a signature) would stop it before the bodies are checked.
    private static readonly (string File, string Source)[] ForbiddenSnippets =
    {
        ("UsesMath.cs", "class UsesMath { object F() { return System.Math.Sqrt(2.0); } }"),
        ("UsesMathF.cs", "class UsesMathF { object F() { return System.MathF.Sqrt(2f); } }"),
        ("UsesList.cs", "class UsesList { object F() { return new System.Collections.Generic.List<int>(); } }"),
        ("UsesStringBuilder.cs", "class UsesStringBuilder { object F() { return new System.Text.StringBuilder(); } }"),
        ("UsesSpan.cs", "class UsesSpan { object F(float[] a) { System.Span<float> s = a; return s.Length; } }"),
        ("UsesStopwatch.cs", "class UsesStopwatch { object F() { return System.Diagnostics.Stopwatch.StartNew(); } }"),
        ("UsesNullable.cs", "class UsesNullable { object F() { int? x = null; return x; } }"),
        ("UsesTuple.cs", "class UsesTuple { object F() { var t = (1, 2); return t.Item1; } }"),
        ("UsesLinq.cs", "class UsesLinq { object F(int[] a) { return System.Linq.Enumerable.Count(a); } }"),
        ("UsesTask.cs", "class UsesTask { object F() { return System.Threading.Tasks.Task.CompletedTask; } }"),
    };

    [Fact]
    public void RealCoreBuildsAgainstNanoMscorlib()
    {
        BuildResult result = Build(includeSnippets: false);
        Assert.True(result.ExitCode == 0, "the firmware core does not compile against nanoFramework:\n" + result.Output);
        Assert.Contains("nanoframework.corelibrary", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EveryForbiddenApiFailsTheBuild()
    {
        BuildResult result = Build(includeSnippets: true);
        Assert.NotEqual(0, result.ExitCode);
        var missing = ForbiddenSnippets
            .Where(s => !result.Output.Split('\n').Any(line => line.Contains(s.File) && line.Contains("error CS")))
            .Select(s => s.File)
            .ToList();
        Assert.True(missing.Count == 0, "these snippets compiled against nanoFramework: " + string.Join(", ", missing) + "\n" + result.Output);

        // The core's own files must not be among the errors: only the snippets are at fault.
        Assert.DoesNotContain(result.Output.Split('\n'),
            line => line.Contains("error CS") && line.Contains("GluteSense.Firmware.Core" + Path.DirectorySeparatorChar));
    }

    private sealed record BuildResult(int ExitCode, string Output);

    private static BuildResult Build(bool includeSnippets)
    {
        // The guard project lives inside the repository (under this test's bin folder) so that it picks up the
        // same Directory.Packages.props; its own Directory.Build.props imports the root one and nothing else.
        string dir = Path.Combine(AppContext.BaseDirectory, "nano-guard", includeSnippets ? "forbidden" : "core");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        string root = RepoPaths.Root;
        string coreDir = Path.Combine(root, "firmware", "GluteSense.Firmware.Core");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"),
            $"<Project><Import Project=\"{Path.Combine(root, "Directory.Build.props")}\" /></Project>");
        File.WriteAllText(Path.Combine(dir, "Guard.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(root, "firmware", "Nano.CompileCheck.props")}" />
              <ItemGroup>
                <Compile Include="{coreDir}/**/*.cs" Exclude="{coreDir}/bin/**;{coreDir}/obj/**" />
                <Compile Include="Snippets/*.cs" />
              </ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(dir, "Snippets"));
        if (includeSnippets)
        {
            foreach ((string file, string source) in ForbiddenSnippets)
            {
                File.WriteAllText(Path.Combine(dir, "Snippets", file), "namespace NanoGuard { " + source + " }\n");
            }
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
        return new BuildResult(process.ExitCode, output + stderr.Result);
    }
}
