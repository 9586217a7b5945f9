using System.Linq;
using System.IO;
using GluteSense.Cli;

namespace GluteSense.Cli.Tests;

public class CliTests
{
    internal static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = GluteSenseCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>simulate --out DIR/NAME ARGS</c>, asserts success and returns the folder.</summary>
    public static string Simulate(string dir, string name, params string[] args)
    {
        string output = System.IO.Path.Combine(dir, name);
        (int code, _, string error) = Run(new[] { "simulate", "--out", output }.Concat(args).ToArray());
        Assert.True(code == ExitCodes.Ok, error);
        return output;
    }

    [Fact]
    public void HelpListsEveryPlannedCommand()
    {
        (int exitCode, string output, _) = Run("--help");
        Assert.Equal(ExitCodes.Ok, exitCode);
        foreach (string command in new[]
                 {
                     "demo", "simulate", "export", "protocol", "envelope", "orientation", "analyze", "compare", "audit",
                     "cohort", "flash", "calibrate", "bench", "live", "serve",
                 })
        {
            Assert.Matches(@"(?m)^\s+" + command + @"\s", output);
        }
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        (int exitCode, _, string error) = Run("frobnicate");
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("frobnicate", error);
    }

    [Fact]
    public void PlannedCommandSaysWhichIssueTracksIt()
    {
        (int exitCode, _, string error) = Run("live", "--virtual");
        Assert.Equal(ExitCodes.NotImplemented, exitCode);
        Assert.Contains("issue #10", error);
    }
}
