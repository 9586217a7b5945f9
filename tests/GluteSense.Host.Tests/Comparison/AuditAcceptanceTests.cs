using GluteSense.Host.Validation;
using Xunit.Abstractions;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// Issue 16's acceptance through the whole pipeline (simulator, board envelope, analysis, reliability study, audit):
/// with 10 % set-to-set variation of GMax, two sets per condition and a reliability file from a separate
/// no-intervention cohort, at most 1 in 10 patients without a true change gets improved/worsened on gmax_mean and at
/// least 6 in 10 with a true +30 % get improved. docs/reports.md quotes a larger run of the same study.
/// </summary>
public class AuditAcceptanceTests
{
    private readonly ITestOutputHelper _output;

    public AuditAcceptanceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void FalseCallsAtMostOneInTen_AndA30PercentRiseIsCalledImprovedInAtLeastSixInTen()
    {
        AuditStudyResult r = AuditAcceptanceStudy.Run(new AuditStudySettings { Patients = 40, ReliabilitySubjects = 16, Seed = 3 });
        var gmax = r.Reliability.Outcomes[0];
        _output.WriteLine($"reliability: gmax_mean SEM {gmax.Sem:0.00} {gmax.Units}, ICC(A,1) {gmax.IccA1:0.00}, n {gmax.N}");
        _output.WriteLine($"false calls {r.FalseCalls}/{r.Patients} ({r.FalseCallRate:P0}); improved at +30 %: {r.ImprovedWithChange}/{r.Patients} ({r.Power:P0}); " +
            $"without the reliability file: {r.ImprovedWithoutReliability}/{r.Patients}");
        Assert.Equal("gmax_mean", gmax.Name);
        Assert.True(r.FalseCallRate <= 0.10, $"false-call rate {r.FalseCallRate:P0}");
        Assert.True(r.Power >= 0.60, $"power {r.Power:P0}");
    }
}
