using System;
using System.Globalization;
using System.IO;
using System.Text;
using GluteSense.Host.Analysis.Orientation;
using GluteSense.Tests.Common;
using Xunit;
using Xunit.Abstractions;

namespace GluteSense.Host.Tests.Orientation;

public class BroadBenchmarkTests(ITestOutputHelper output)
{
    // BROAD's published Madgwick 9-axis (beta 0.12) inclination RMSE, degrees (reference_rmse.csv of the shared data).
    private static readonly double[] MadgwickInclinationRmseDeg = [0.8022, 2.4993, 3.1345, 1.2584];

    [Fact]
    public void Inclination_IsBelowPublishedMadgwick_OnEveryTrial_AndDocStatesTheFigures()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "orientation.md"));
        var report = new StringBuilder();
        bool below = true, inDoc = true;
        for (int t = 0; t < BroadTrial.Trials.Length; t++)
        {
            var trial = BroadTrial.Load(BroadTrial.Trials[t]);
            var (inc, head) = OrientationError.Rmse(trial.Estimate(AhrsSettings.Default), trial.Truth, trial.Movement);
            var (inc6, _) = OrientationError.Rmse(trial.Estimate(AhrsSettings.Default, useMag: false), trial.Truth, trial.Movement);
            string row = string.Create(CultureInfo.InvariantCulture,
                $"| {trial.Name} | {inc:F2} | {head:F2} | {inc6:F2} | {MadgwickInclinationRmseDeg[t]:F2} |");
            report.AppendLine(row);
            output.WriteLine(row);
            below &= inc < MadgwickInclinationRmseDeg[t] && inc6 < MadgwickInclinationRmseDeg[t];
            inDoc &= doc.Contains(row, StringComparison.Ordinal);
        }

        Assert.True(below, "inclination RMSE not below BROAD's Madgwick on every trial:\n" + report);
        Assert.True(inDoc, "docs/orientation.md does not state the recomputed rows:\n" + report);
    }
}
