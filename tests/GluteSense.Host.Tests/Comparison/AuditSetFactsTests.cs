using System;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using static GluteSense.Host.Tests.Comparison.SyntheticResults;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// The audit reads every protocol field of meta.json (issue 16, Build 1): the set-up (load, knee angle, body mass, cue)
/// compared between test and re-test bridges, started_at against the Test / block / Re-test order, pain_nrs for the
/// pain line, and each set's facts listed for the console and the report. Values worked out by hand.
/// </summary>
public class AuditSetFactsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static AnalysisResult Bridge(string label, int index, double gmax, SetProtocol setUp, int minutes) =>
        Set(new[] { Rep(1, gmax, 5, lagMs: 10), Rep(2, gmax, 5, lagMs: 10) }, source: label + ".csv",
            protocol: setUp with { Set = new SetIndex(index, label), StartedAt = T0.AddMinutes(minutes) });

    private static readonly SetProtocol Same = new() { LoadKg = 0, KneeAngleDeg = 90, BodyMassKg = 70, Cue = "squeeze", ElectrodesReapplied = false };

    private static AuditInput Session(SetProtocol retestSetUp, int retestMinutes = 30, int? pain1 = null, int? pain2 = null)
    {
        AnalysisResult treat = Set(Enumerable.Range(1, 4).Select(i => Rep(i, 30, 10, first: PhaseKind.Eccentric)), exercise: Exercise.PullThrough,
            source: "block.csv", protocol: new SetProtocol { Set = new SetIndex(1, "block"), StartedAt = T0.AddMinutes(10), LoadKg = 15 });
        return new AuditInput(new[] { Bridge("T1", 1, 10, Same with { PainNrs = 4 }, 0), Bridge("T2", 2, 12, Same with { PainNrs = pain1 }, 3) },
            new[] { Bridge("R1", 1, 20, retestSetUp with { PainNrs = pain2 }, retestMinutes), Bridge("R2", 2, 22, retestSetUp, retestMinutes + 3) })
        {
            Treat = new[] { (treat, (RecordingData?)null) },
        };
    }

    [Fact]
    public void EverySetsFactsAreListed_InProtocolOrder_AndTheWorstPainOfEachConditionIsThePainLine()
    {
        AuditResult audit = Audit.Run(Session(Same, pain1: 5, pain2: 2));
        Assert.Equal(new[] { "T1", "T2", "block", "R1", "R2" }, audit.Sets.Select(f => f.Set));
        Assert.Equal(new[] { SetCondition.Test, SetCondition.Test, SetCondition.Treat, SetCondition.Retest, SetCondition.Retest }, audit.Sets.Select(f => f.Condition));
        Assert.Equal(new AuditSetFacts(SetCondition.Test, "T1", T0, 0, 70, 90, "squeeze", 4, false, null), audit.Sets[0]);
        Assert.Equal(15.0, audit.Sets[2].LoadKg);
        // Worst (highest) rating per condition: test 4 and 5 -> 5; re-test 2 and none -> 2.
        Assert.Equal((5, 2), (audit.PainBefore!.Value, audit.PainAfter!.Value));
        Assert.EndsWith(" Pain went from 5 to 2 of 10.", audit.Verdict);
        Assert.Equal("T1 (test): started 2026-11-30 09:00:00Z, load 0 kg, knee 90 deg, body mass 70 kg, cue \"squeeze\", pain 4/10, electrodes kept",
            AuditSets.Describe(audit.Sets[0]));
        Assert.Equal("block (treat): started 2026-11-30 09:10:00Z, load 15 kg", AuditSets.Describe(audit.Sets[2]));
        Assert.Contains("    T1 (test): started 2026-11-30 09:00:00Z, load 0 kg", string.Join("\n", AuditText.Lines(audit)));
        // The same set-up everywhere and the sets in order: no set-up or order caveat.
        Assert.DoesNotContain(audit.Caveats, c => c.StartsWith("Set-up", StringComparison.Ordinal) || c.StartsWith("Order", StringComparison.Ordinal));

        // The command line's pain wins over meta.json's.
        AuditResult given = Audit.Run(Session(Same, pain1: 5, pain2: 2) with { PainBefore = 1, PainAfter = 0 });
        Assert.Equal((1, 0), (given.PainBefore!.Value, given.PainAfter!.Value));
    }

    [Fact]
    public void ASetUpThatDifferedBetweenTestAndRetestIsACaveat_NamingTheSets()
    {
        AuditResult audit = Audit.Run(Session(Same with { KneeAngleDeg = 110, Cue = null }));
        Assert.Contains("Set-up differed between the bridge sets: knee_angle_deg \"90\" in T1, T2; \"110\" in R1, R2. A change can come from the set-up "
            + "rather than the block.", audit.Caveats);
        Assert.Contains("Set-up differed between the bridge sets: cue \"squeeze\" in T1, T2; not recorded in R1, R2. A change can come from the set-up "
            + "rather than the block.", audit.Caveats);
        Assert.DoesNotContain(audit.Caveats, c => c.Contains("load_kg", StringComparison.Ordinal));   // the block's 15 kg is not a bridge's
        // The calls are not changed by a caveat.
        Assert.Equal(AuditCall.Improved, audit.Outcomes[0].Call);
    }

    [Fact]
    public void StartTimesThatContradictTheProtocolOrderAreACaveat()
    {
        // Re-test sets started 5 and 8 min after T0: before the block (10 min) and before T2 (3 min)? R1 at 5 is after T2.
        AuditResult audit = Audit.Run(Session(Same, retestMinutes: 5));
        Assert.Contains("Order: R1 (retest) started at 2026-11-30 09:05:00Z, before block (treat) at 2026-11-30 09:10:00Z; the sets were not recorded "
            + "in Test / block / Re-test order (check which folder is which).", audit.Caveats);
        Assert.Contains(audit.Caveats, c => c.StartsWith("Order: R2 (retest) started at 2026-11-30 09:08:00Z, before block", StringComparison.Ordinal));
        Assert.Equal(2, audit.Caveats.Count(c => c.StartsWith("Order", StringComparison.Ordinal)));
    }
}
