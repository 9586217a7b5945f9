using System;
using System.Collections.Generic;
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
        NanoBuild.Result result = Build(includeSnippets: false);
        Assert.True(result.ExitCode == 0, "the firmware core does not compile against nanoFramework:\n" + result.Output);
        Assert.Contains("nanoframework.corelibrary", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EveryForbiddenApiFailsTheBuild()
    {
        NanoBuild.Result result = Build(includeSnippets: true);
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

    private static NanoBuild.Result Build(bool includeSnippets)
    {
        string props = Path.Combine(RepoPaths.Root, "firmware", "Nano.CompileCheck.props");
        return NanoBuild.Run(includeSnippets ? "forbidden" : "core", $"""
              <Import Project="{props}" />
              <ItemGroup>
                {NanoBuild.CompileFolder("GluteSense.Firmware.Core")}
                <Compile Include="Snippets/*.cs" />
              </ItemGroup>
            """, includeSnippets ? ForbiddenSnippets : []);
    }
}
