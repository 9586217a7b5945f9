using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Validation;

/// <summary>
/// Settings of the audit acceptance simulation (issue 16). Each simulated person has their own GMax level (uniform
/// <see cref="LevelLow"/>-<see cref="LevelHigh"/> x the pattern's level) and an MVC trial; every bridge set draws its
/// own GMax gain with SD <see cref="SetToSetCv"/> around that level (the set-level variation the audit must not mistake
/// for change). The reliability file comes from a separate no-intervention cohort.
/// </summary>
public sealed record AuditStudySettings
{
    /// <summary>Set-to-set variation of GMax (SD as a fraction of the person's level).</summary>
    public double SetToSetCv { get; init; } = 0.10;

    /// <summary>True change of the "responder" arm (0.30 = +30 % GMax in every re-test set).</summary>
    public double TrueChange { get; init; } = 0.30;

    /// <summary>Bridge sets per condition (test and re-test) of each patient, and so of each audit.</summary>
    public int SetsPerCondition { get; init; } = 2;

    /// <summary>Subjects of the separate no-intervention reliability study (two sets each).</summary>
    public int ReliabilitySubjects { get; init; } = 20;

    /// <summary>Patients per arm (no true change, true change).</summary>
    public int Patients { get; init; } = 50;

    /// <summary>Repetitions simulated per bridge set.</summary>
    public int RepsPerSet { get; init; } = 8;

    /// <summary>Lowest person GMax level, as a multiplier of the movement pattern's level.</summary>
    public double LevelLow { get; init; } = 0.7;

    /// <summary>Highest person GMax level, as a multiplier of the movement pattern's level.</summary>
    public double LevelHigh { get; init; } = 1.3;

    /// <summary>Seed of the whole study; the reliability cohort and the patients use disjoint seeds.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>What the study measured: calls on gmax_mean in each arm and the reliability file used.</summary>
public sealed record AuditStudyResult(AuditStudySettings Settings, ReliabilityFile Reliability, int Patients, int FalseCalls,
    int ImprovedWithChange, int ImprovedWithoutReliability)
{
    /// <summary>Share of patients without a true change called improved or worsened.</summary>
    public double FalseCallRate => FalseCalls / (double)Patients;

    /// <summary>Share of patients with the true change called improved.</summary>
    public double Power => ImprovedWithChange / (double)Patients;
}

/// <summary>Runs the acceptance simulation through the whole pipeline (simulator, envelope, analysis, audit).</summary>
public static class AuditAcceptanceStudy
{
    private const int ReliabilitySeedBase = 1_000_000, PatientSeedBase = 2_000_000, SeedsPerPerson = 100;

    /// <summary>
    /// Simulates the reliability cohort and its reliability file, then audits each patient (control design) against re-test
    /// sets without and with the true change, with that file and, for the change, without it (own between-set spread).
    /// </summary>
    public static AuditStudyResult Run(AuditStudySettings s)
    {
        if (s.Patients < 1 || s.ReliabilitySubjects < ReliabilityStudy.MinSubjects || s.SetsPerCondition < 1 || !(s.SetToSetCv >= 0))
            throw new ArgumentException("audit study: needs >= 1 patient, >= 3 reliability subjects, >= 1 set per condition and a "
                + "set-to-set CV >= 0");
        var pairs = new ReliabilityPair[s.ReliabilitySubjects];
        Parallel.For(0, s.ReliabilitySubjects, i =>
        {
            Person p = Person.Create(s, ReliabilitySeedBase + s.Seed * 10_000 + i * SeedsPerPerson, $"rel-{i:D3}");
            pairs[i] = new ReliabilityPair(p.Id, p.Set(s, 1, 1.0), p.Set(s, 2, 1.0));
        });
        ReliabilityFile reliability = ReliabilityStudy.Run(pairs,
            $"simulated no-intervention cohort ({s.ReliabilitySubjects} subjects, set-to-set CV {s.SetToSetCv:0.00}, seed {s.Seed})");

        var falseCall = new bool[s.Patients];
        var improved = new bool[s.Patients];
        var improvedOwn = new bool[s.Patients];
        Parallel.For(0, s.Patients, i =>
        {
            Person p = Person.Create(s, PatientSeedBase + s.Seed * 10_000 + i * SeedsPerPerson, $"pat-{i:D3}");
            var test = Enumerable.Range(1, s.SetsPerCondition).Select(k => p.Set(s, k, 1.0)).ToList();
            var same = Enumerable.Range(1, s.SetsPerCondition).Select(k => p.Set(s, 10 + k, 1.0)).ToList();
            var better = Enumerable.Range(1, s.SetsPerCondition).Select(k => p.Set(s, 20 + k, 1 + s.TrueChange)).ToList();
            AuditCall Call(IReadOnlyList<AnalysisResult> retest, ReliabilityFile? file) =>
                Audit.Run(new AuditInput(test, retest) { Design = AuditDesign.Control, Reliability = file }).Outcomes[0].Call;
            falseCall[i] = Call(same, reliability) is AuditCall.Improved or AuditCall.Worsened;
            improved[i] = Call(better, reliability) == AuditCall.Improved;
            improvedOwn[i] = Call(better, null) == AuditCall.Improved;
        });
        return new AuditStudyResult(s, reliability, s.Patients, falseCall.Count(b => b), improved.Count(b => b), improvedOwn.Count(b => b));
    }

    /// <summary>A simulated person: GMax level, MVC reference and a seed range for their sets.</summary>
    private sealed record Person(string Id, double Level, Normalisation Mvc, int SeedBase, Random Random)
    {
        public static Person Create(AuditStudySettings s, int seedBase, string id)
        {
            var random = new Random(seedBase);
            double level = s.LevelLow + (s.LevelHigh - s.LevelLow) * random.NextDouble();
            SimulatedRecording mvc = Simulator.Run(new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1, Seed = seedBase });
            (IReadOnlyList<ChannelSignals> channels, _) = EmgSignals.From(SimulationExport.ToRecording(mvc, RecordingMode.Envelope, id), new());
            return new Person(id, level, Normalisation.FromReferenceTrial(channels, NormalisationMethod.Mvc, id + " MVC"), seedBase, random);
        }

        /// <summary>Set <paramref name="k"/> (its own seed) with the person's level x <paramref name="gain"/> x the set's own draw.</summary>
        public AnalysisResult Set(AuditStudySettings s, int k, double gain)
        {
            double draw;
            lock (Random) draw = Math.Max(0.3, 1 + s.SetToSetCv * EmgSynthesis.Gaussian(Random));
            var settings = new SimulationSettings { Exercise = Exercise.Bridge, Reps = s.RepsPerSet, Seed = SeedBase + k,
                GmaxScale = Level * gain * draw };
            return RecordingAnalyzer.Analyze(SimulationExport.ToRecording(Simulator.Run(settings), RecordingMode.Envelope, Id), Mvc);
        }
    }
}
