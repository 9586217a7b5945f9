using System.IO;
using System.Text.RegularExpressions;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Dsp;

public class FirmwareBudgetTests
{
    /// <summary>The issue's ceiling for band-pass + notch + RMS per channel-sample.</summary>
    private const double MaxIlPerChannelSample = 90;

    [Theory]
    [InlineData(1000)]
    [InlineData(2000)]
    public void EnvelopePathStaysWithinTheIlBudget(int sampleRateHz)
    {
        IlBudget.Budget budget = IlBudget.Compute(sampleRateHz);
        Assert.True(budget.PerChannelSample <= MaxIlPerChannelSample,
            $"{budget.PerChannelSample:F1} IL per channel-sample at {sampleRateHz} Hz: {budget}");
    }

    [Fact]
    public void FirmwareBudgetDocumentStatesTheRecomputedCounts()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "firmware-budget.md"));
        IlBudget.Budget at1000 = IlBudget.Compute(1000);
        IlBudget.Budget at2000 = IlBudget.Compute(2000);
        Assert.Contains($"inner loop: **{at1000.InnerLoop} IL**", doc);
        foreach (IlBudget.Budget b in new[] { at1000, at2000 })
        {
            Assert.Contains($"| {b.SampleRateHz} | {b.InnerLoop} | {b.SubBlockSamples} | {b.OuterPerSubBlock} | **{b.PerChannelSample:F1}** | {b.EmitPerValue} | {b.HopSamples} | {b.TotalPerChannelSample:F1} |", doc);
        }
        Assert.Matches(new Regex(@"CPU"), doc);
    }
}
