using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Simulation;
using Xunit.Abstractions;

namespace GluteSense.Host.Tests.Comparison;

/// <summary>
/// Issue 8's error rates of the cohort verdict, through the whole pipeline (simulated envelope recordings -> analysis ->
/// cohort statistics). A pool of simulated subjects, each with their own GMax level (x0.7-1.3) and a session-to-session
/// variation of 10 % (SD; electrode and effort differences between sessions), has a test bridge, a retest bridge with
/// no effect, and retests at +10 % and +20 %; seeded cohorts of 12 subjects are drawn from the pool. docs/reports.md
/// quotes the figures this test prints.
/// </summary>
public class CohortPowerTests
{
    private const int PoolSize = 48, CohortSize = 12, Cohorts = 400;
    private const double SessionSd = 0.10;
    private readonly ITestOutputHelper _output;

    public CohortPowerTests(ITestOutputHelper output) => _output = output;

    private static AnalysisResult Bridge(int seed, double gmaxScale) => RecordingAnalyzer.Analyze(SimulationExport.ToRecording(Simulator.Run(
        new SimulationSettings { Exercise = Exercise.Bridge, Reps = 6, Seed = seed, GmaxScale = gmaxScale, TempoJitter = 0.15 }), RecordingMode.Envelope), Normalisation.None);

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void NoEffectIsRarelySignificant_AndA20PercentRiseIsDetected()
    {
        double[] effects = { 0, 0.10, 0.20 };
        var test = new AnalysisResult[PoolSize];
        var retest = new AnalysisResult[effects.Length, PoolSize];
        Parallel.For(0, PoolSize, i =>
        {
            var random = new Random(1000 + i);
            double level = 0.7 + 0.6 * random.NextDouble();
            double Session() => level * (1 + SessionSd * Gaussian(random));
            test[i] = Bridge(10 * i + 1, Session());
            for (int e = 0; e < effects.Length; e++) retest[e, i] = Bridge(10 * i + 2 + e, Session() * (1 + effects[e]));
        });

        var significant = new int[effects.Length];
        for (int c = 0; c < Cohorts; c++)
        {
            var draw = new Random(c);
            int[] members = Enumerable.Range(0, PoolSize).OrderBy(_ => draw.Next()).Take(CohortSize).ToArray();
            for (int e = 0; e < effects.Length; e++)
            {
                CohortResult result = Cohort.Run(members.Select(i => new CohortSubject($"s{i}", test[i], retest[e, i])).ToList());
                if (result.Significant && (e == 0 || result.Outcomes[0].Reading == "improved")) significant[e]++;
            }
        }

        double[] rate = significant.Select(n => n / (double)Cohorts).ToArray();
        _output.WriteLine($"cohorts of {CohortSize} drawn {Cohorts} times from {PoolSize} subjects: significant verdicts with no effect {rate[0]:P1}, " +
            $"with +10 % GMax {rate[1]:P1}, with +20 % {rate[2]:P1}");
        Assert.True(rate[0] <= 0.05, $"false positive rate {rate[0]:P1}");
        Assert.True(rate[2] >= 0.80, $"power at +20 % {rate[2]:P1}");
        Assert.True(rate[1] < rate[2], "power must grow with the effect");
    }
}
