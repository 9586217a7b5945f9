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
    public void HelpListsEveryCommand()
    {
        (int exitCode, string output, _) = Run("--help");
        Assert.Equal(ExitCodes.Ok, exitCode);
        foreach (string command in new[]
                 {
                     "demo", "simulate", "export", "protocol", "envelope", "orientation", "analyze", "compare", "audit", "reliability", "audit-study",
                     "cohort", "study", "plan", "flash", "calibrate", "bench", "live", "serve",
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
    public void LiveRunsOnTheVirtualBoardAndEndsWithASummary()
    {
        (int exitCode, string output, string error) = Run("live", "--seconds", "1.5", "--exercise", "pull-through");
        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Matches(@"GMax:ES \d+\.\d\d; reps \d+; link: \d+ frames, 0 samples missing", output);
        (exitCode, _, error) = Run("live", "--exercise", "squat");
        Assert.Equal(ExitCodes.Error, exitCode);
        Assert.Contains("--exercise 'squat' must be bridge or pull-through", error);
    }

    [Fact]
    public void LiveReplaysARecordingThroughTheVirtualBoard()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("glutesense-replay-").FullName;
        try
        {
            string raw = Simulate(dir, "raw", "--exercise", "bridge", "--reps", "3", "--mode", "raw");
            (int exitCode, string output, string error) = Run("live", "--replay", raw, "--speed", "20", "--seconds", "1.5");
            Assert.True(exitCode == ExitCodes.Ok, error);
            Assert.Contains("replay " + raw + ": GMax:ES", output);
            Assert.Matches(@"reps 3; link: \d+ frames, 0 samples missing", output);
            string envelopeOnly = Simulate(dir, "env", "--exercise", "bridge", "--reps", "1", "--mode", "envelope");
            (exitCode, _, error) = Run("live", "--replay", envelopeOnly);
            Assert.Equal(ExitCodes.Error, exitCode);
            Assert.Contains("replay needs raw EMG (emg.csv)", error);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
