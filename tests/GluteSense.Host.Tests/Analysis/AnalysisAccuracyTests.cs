using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Simulation;
using GluteSense.Host.Validation;
using Xunit.Abstractions;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>
/// Issue 15's targets per scenario, scored against the simulator's ground truth (docs/analysis.md shows the same
/// rows over 50 recordings each, written by `glutesense accuracy --markdown docs/analysis.md`). CI runs fewer seeds
/// per row (<see cref="StandardRecordings"/>, <see cref="ScenarioRecordings"/>) to keep the suite short; the seeds
/// are the first ones of the docs table, so every recording scored here is also in the table.
/// </summary>
public class AnalysisAccuracyTests
{
    /// <summary>Recordings per exercise and pattern in the standard scenario.</summary>
    private const int StandardRecordings = 20;

    /// <summary>Recordings per exercise in each adversarial scenario.</summary>
    private const int ScenarioRecordings = 10;

    private readonly ITestOutputHelper _output;

    public AnalysisAccuracyTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Rows() =>
        AccuracyStudy.Rows().Select(r => new object[] { r.Scenario, r.Exercise, r.Pattern });

    [Theory]
    [MemberData(nameof(Rows))]
    public void EveryScenarioMeetsTheTargets(Scenario scenario, Exercise exercise, MovementPattern pattern)
    {
        AccuracyRow row = AccuracyStudy.Run(scenario, exercise, pattern, scenario == Scenario.Standard ? StandardRecordings : ScenarioRecordings);
        _output.WriteLine(row.ToString());
        Assert.Equal(row.Recordings, row.RecordingsWithExactCount);
        Assert.InRange(row.BoundaryMedianMs, 0, 40);
        Assert.InRange(row.BoundaryP95Ms, 0, 150);
        Assert.Equal(0, row.FalseFastFlags);
        // Every row meets every target: no scenario is exempt.
        Assert.InRange(row.OnsetMedianMs, 0, 40);
        Assert.True(row.OnsetsOver150Ms <= 0.05 * row.OnsetsFound, $"{row.OnsetsOver150Ms} of {row.OnsetsFound} onsets > 150 ms off");

        // Onsets are reported wherever a still pause gives a baseline: all of them except between touch-and-go reps.
        double reported = (double)row.OnsetsFound / row.OnsetsExpected;
        if (scenario == Scenario.TouchAndGo) Assert.InRange(reported, 0.05, 0.5);
        else Assert.True(reported >= 0.95, $"onsets reported {row.OnsetsFound} of {row.OnsetsExpected}");
        if (scenario is Scenario.PartialRange or Scenario.RangeLoss) Assert.InRange(row.RangePctMedianErrorPct, 0, 2);
    }

    /// <summary>Each mode's es-before-gmax tolerance is the measured onset error of that mode: on the first seeds of
    /// the docs table the 95th percentile of the onset error stays within the tolerance, and the tolerance is not far
    /// above it (it came from the 50-recording p95, docs/analysis.md).</summary>
    [Theory]
    [InlineData(Exercise.Bridge, RecordingMode.Envelope)]
    [InlineData(Exercise.PullThrough, RecordingMode.Envelope)]
    [InlineData(Exercise.Bridge, RecordingMode.Raw)]
    [InlineData(Exercise.PullThrough, RecordingMode.Raw)]
    public void OnsetOrderTolerance_IsTheMeasuredOnsetErrorOfItsMode(Exercise exercise, RecordingMode mode)
    {
        AccuracyRow row = AccuracyStudy.Run(Scenario.Standard, exercise, MovementPattern.Good, ScenarioRecordings, mode: mode);
        double toleranceMs = new GluteSense.Host.Analysis.FormThresholds().OnsetOrderTolerance(mode == RecordingMode.Envelope);
        _output.WriteLine(row.ToString());
        Assert.InRange(row.OnsetP95Ms, 0.7 * toleranceMs, toleranceMs * 1.1);
    }
}
