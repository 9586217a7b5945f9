using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using static GluteSense.Host.Tests.Comparison.SyntheticResults;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// Issue 16, Build 4: every verdict the audit can give (improved, worsened, unchanged, cannot-judge; treat and control
/// designs) comes with its caveats on the console, says that the design cannot attribute the change, names the
/// alternatives and the control design, and uses no causal words.
/// </summary>
public class AuditWordingTests
{
    // Words that attribute a change to the block (the "worked harder" example and its kin).
    private static readonly string[] Causal =
    {
        "because of", "caused", "due to", "worked harder", "thanks to", "the pull-throughs increased", "the pull-throughs improved",
        "effect of the pull-throughs was", "led to", "resulted in", "no fatigue", "no change ",
    };

    private static AnalysisResult Bridge(double gmax) => Set(new[] { Rep(1, gmax, 5, lagMs: 10), Rep(2, gmax, 5, lagMs: 10) });

    private static IEnumerable<(string Case, AuditResult Audit)> Cases()
    {
        AnalysisResult treat = Set(Enumerable.Range(1, 6).Select(i => Rep(i, 30 + i, 10, first: PhaseKind.Eccentric)), exercise: Exercise.PullThrough);
        var block = new[] { (treat, (RecordingData?)null) };
        foreach (AuditDesign design in new[] { AuditDesign.Treat, AuditDesign.Control })
        {
            AuditInput Two(double t1, double t2, double r1, double r2) =>
                new(new[] { Bridge(t1), Bridge(t2) }, new[] { Bridge(r1), Bridge(r2) }) { Design = design, Treat = block };
            yield return ($"{design} improved", Audit.Run(Two(10, 12, 20, 22)));
            yield return ($"{design} worsened", Audit.Run(Two(20, 22, 10, 12)));
            yield return ($"{design} unchanged", Audit.Run(Two(10, 14, 11, 15)));
            yield return ($"{design} cannot-judge", Audit.Run(new AuditInput(new[] { Bridge(10) }, new[] { Bridge(20) }) { Design = design, Treat = block }));
        }
    }

    [Fact]
    public void EveryVerdictComesWithItsCaveats_OnTheConsole_AndNoCausalWords()
    {
        var calls = new HashSet<AuditCall>();
        foreach ((string name, AuditResult audit) in Cases())
        {
            calls.Add(audit.Outcomes[0].Call);
            string console = string.Join("\n", AuditText.Lines(audit));
            Assert.True(console.StartsWith(audit.Verdict, StringComparison.Ordinal), name);
            Assert.Contains("Caveats:", console);
            Assert.Contains(Audit.Alternatives, console);
            Assert.Contains(Audit.ControlDesign, console);
            if (audit.Design == AuditDesign.Treat)
            {
                Assert.Contains("Not causal: without a control session", console);
                if (audit.Outcomes[0].Call is AuditCall.Improved or AuditCall.Worsened)
                    Assert.Contains("cannot attribute the change to the pull-throughs", audit.Verdict);
            }

            foreach (string word in Causal) Assert.False(console.Contains(word, StringComparison.OrdinalIgnoreCase), $"{name}: '{word}' in {console}");
        }

        Assert.Equal(4, calls.Count);   // all four calls were exercised
    }
}
