using System;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using static GluteSense.Host.Tests.Comparison.SyntheticResults;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// A tempo that differed between the test and the re-test bridges is an alternative explanation of a change (amplitude
/// depends on how fast and how long the muscle works), so the audit says so next to its call, beyond twice the
/// analysis's boundary error (<see cref="Audit.TempoCaveatS"/>). Values worked out by hand.
/// </summary>
public class AuditTempoTests
{
    // Two sets per condition, two reps per set: concentric, hold, eccentric (SyntheticResults.Rep's phase order).
    private static AuditInput Session(double retestConcentricS, double retestHoldS = 1.0, double retestEccentricS = 2.0)
    {
        AnalysisResult Bridge(string label, double gmax, double concentricS, double holdS, double eccentricS) => Set(
            Enumerable.Range(1, 2).Select(i => Rep(i, gmax, 5, firstS: concentricS, holdS: holdS, lastS: eccentricS)), source: label + ".csv");
        return new AuditInput(
            new[] { Bridge("T1", 10, 1.5, 1.0, 2.0), Bridge("T2", 12, 1.5, 1.0, 2.0) },
            new[]
            {
                Bridge("R1", 20, retestConcentricS, retestHoldS, retestEccentricS),
                Bridge("R2", 22, retestConcentricS, retestHoldS, retestEccentricS),
            })
        {
            Design = AuditDesign.Control,
        };
    }

    [Fact]
    public void APhaseWhoseMeanDurationMovedByMoreThanTwiceTheBoundaryError_IsACaveat_WithBothDurations()
    {
        // Concentric 1.5 -> 1.0 s (0.5 s) and eccentric 2.0 -> 2.5 s (0.5 s); hold 1.0 -> 1.2 s (0.2 s) is within 0.3 s.
        AuditResult audit = Audit.Run(Session(1.0, retestHoldS: 1.2, retestEccentricS: 2.5));
        string tempo = Assert.Single(audit.Caveats, c => c.StartsWith("Tempo differed", StringComparison.Ordinal));
        Assert.Equal("Tempo differed between test and re-test (mean phase durations): "
            + "eccentric 2.00 s in the test sets, 2.50 s in the re-test sets; concentric 1.50 s in the test sets, 1.00 s in the re-test sets (more than 0.3 s, twice the analysis's boundary error). Amplitude depends "
            + "on how fast and how long the muscle works, so a change can come from the tempo rather than the block; keep the tempo the same (a "
            + "metronome) or compare repetitions of similar duration.", tempo);
        // The console prints it with the verdict.
        Assert.Contains(AuditText.Lines(audit), l => l.Contains("Tempo differed between test and re-test", StringComparison.Ordinal));
    }

    [Fact]
    public void ATempoWithinTwiceTheBoundaryError_IsNoCaveat()
    {
        AuditResult audit = Audit.Run(Session(1.25, retestHoldS: 0.75, retestEccentricS: 2.25));
        Assert.DoesNotContain(audit.Caveats, c => c.StartsWith("Tempo", StringComparison.Ordinal));
        Assert.Equal(0.3, Audit.TempoCaveatS);
    }

    [Fact]
    public void AConditionsTempoPoolsItsSetsIncludedRepetitions()
    {
        AuditInput input = Session(1.0);
        PhaseDurations retest = Audit.MeasuredTempo(input.Retest);
        Assert.Equal((2.0, 1.0, 1.0), (retest.EccentricS!.Value, retest.HoldS!.Value, retest.ConcentricS!.Value));
        AnalysisResult mixed = Set(new[] { Rep(1, 10, 5, firstS: 1.0), Rep(2, 10, 5, firstS: 3.0), Rep(3, 10, 5, firstS: 9.0, excluded: true) });
        Assert.Equal(2.0, Audit.MeasuredTempo(mixed).ConcentricS!.Value, 12);
        Assert.Equal(2.0, Audit.MeasuredTempo(new[] { mixed, Set(new[] { Rep(1, 10, 5, firstS: 2.0) }) }).ConcentricS!.Value, 12);
    }
}
