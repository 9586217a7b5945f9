using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace GluteSense.Tests.Common;

/// <summary>Runs an independent-reference script of tests/fixtures/scripts: Python ones with Debian's /usr/bin/python3
/// (which has scipy, statsmodels and MNE), R ones with /usr/bin/Rscript (psych, lme4, lmerTest); scripts/setup.sh
/// installs them. Tests rerun a script when its interpreter is there (<see cref="Available"/>) and otherwise rely on
/// the committed fixture the script made.</summary>
internal static class FixtureScripts
{
    public const string Python = "/usr/bin/python3";

    public const string Rscript = "/usr/bin/Rscript";

    /// <summary>The interpreter of <paramref name="script"/>, by its extension.</summary>
    public static string Interpreter(string script) => script.EndsWith(".R", System.StringComparison.Ordinal) ? Rscript : Python;

    /// <summary>True under CI=true (.ci/run), where scripts/setup.sh has installed every interpreter and package.</summary>
    public static bool InCi => string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the interpreter of <paramref name="script"/> is installed. Under CI=true a missing interpreter
    /// fails the test instead: there the rerun by the independent tool must not pass by being left out.</summary>
    public static bool Available(string script)
    {
        if (File.Exists(Interpreter(script))) return true;
        Assert.False(InCi, $"{Interpreter(script)} is missing under CI=true: scripts/setup.sh installs it for {script}");
        return false;
    }

    /// <summary>Runs <paramref name="script"/> from the repository root; its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Error) TryRun(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Interpreter(script))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "fixtures", "scripts", script));
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Runs <paramref name="script"/> and returns what it printed; fails the test when the script fails.</summary>
    public static string Run(string script, params string[] args)
    {
        (int exitCode, string output, string error) = TryRun(script, args);
        Assert.True(exitCode == 0, $"{script} failed (are the packages of scripts/setup.sh installed?): {error}");
        return output;
    }

    /// <summary>Runs a fixture script that takes its output path as its one argument, into a temporary file (never over
    /// the committed fixture), and parses what it wrote; the file is deleted.</summary>
    public static JsonElement RerunIntoTempFile(string script)
    {
        string output = Path.Combine(Path.GetTempPath(), $"{Path.GetFileNameWithoutExtension(script)}_{System.Guid.NewGuid():N}.json");
        try
        {
            Run(script, output);
            return JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Runs <paramref name="script"/> and parses the JSON it prints.</summary>
    public static JsonElement RunJson(string script, params string[] args) => JsonDocument.Parse(Run(script, args)).RootElement.Clone();
}
