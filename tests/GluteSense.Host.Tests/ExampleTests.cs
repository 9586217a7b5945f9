using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Simulation;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests;

/// <summary>The researcher's example in docs/library.md runs as written, with `dotnet run` on the file.</summary>
public sealed class ExampleTests
{
    /// <summary>The example's recordings, made here in-process with the same settings (10 reps, seed 1, envelope mode).</summary>
    private static AnalysisResult Analyse(Exercise exercise) => RecordingAnalyzer.Analyze(
        SimulationExport.ToRecording(Simulator.Run(new SimulationSettings { Exercise = exercise, Reps = 10, Seed = 1 }),
            RecordingMode.Envelope),
        Normalisation.None);

    [Fact]
    public async Task CompareExercisesExample_RunsAndPrintsTheLibrarysVerdict()
    {
        var psi = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "run", Path.Combine("examples", "compare-exercises.cs") }) psi.ArgumentList.Add(arg);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Offline-safe: the program's own restore finds every package in the cache the solution's restore filled; only
        // NuGet's vulnerability audit would go to the network (an MSBuild property, read from the environment).
        psi.Environment["NuGetAudit"] = "false";
        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        // A bound, not a measurement: the first run restores and builds the referenced projects.
        using var bound = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(bound.Token);
        string output = await stdout;
        Assert.True(process.ExitCode == 0, "exit " + process.ExitCode + ":\n" + output + "\n" + await stderr);

        ComparisonResult expected = ExerciseComparison.Compare(Analyse(Exercise.Bridge), Analyse(Exercise.PullThrough), Metric.Mean);
        Assert.Contains("bridge: 10 repetitions analysed, amplitudes in uV", output);
        Assert.Contains("pull-through: 10 repetitions analysed, amplitudes in uV", output);
        Assert.Contains(expected.Verdict.Sentence, output);
        Assert.Matches(@"(?m)^  gmax  first +A +\d+\.\d B +\d+\.\d uV", output);
    }
}
