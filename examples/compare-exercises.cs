#!/usr/bin/env dotnet
// A researcher's first GluteSense program (docs/library.md): simulate a glute bridge and a cable pull-through of the
// same subject, analyse both into repetitions and eccentric / concentric / hold phases, and compare how hard gluteus
// maximus and erector spinae work in each. Run it from the repository root:
//   dotnet run examples/compare-exercises.cs            (a seed as the first argument changes the simulated subject)
// To read recordings instead of simulating them, replace Simulate(...) with RecordingFolder.Read("path/to/folder").
#:project ../host/GluteSense.Host.Simulation/GluteSense.Host.Simulation.csproj
// Run, not publish: file-based programs default to native AOT, whose analyzers and toolchain this example does not need.
#:property PublishAot=false

using System;
using System.Globalization;
using System.Linq;
using GluteSense.Host;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

int seed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;

// 1. Two recordings of one subject (the same seed is the same simulated person), as the board records them in clinic
//    mode: the RMS envelope of each EMG channel plus the lumbar and sacrum IMUs.
RecordingData bridge = Simulate(Exercise.Bridge, seed);
RecordingData pullThrough = Simulate(Exercise.PullThrough, seed);

// 2. Repetitions and phases. Amplitudes stay in uV here; an MVC trial would give %MVC (docs/analysis.md).
AnalysisResult a = RecordingAnalyzer.Analyze(bridge, Normalisation.None);
AnalysisResult b = RecordingAnalyzer.Analyze(pullThrough, Normalisation.None);
foreach (AnalysisResult r in new[] { a, b })
{
    Console.WriteLine($"{r.Exercise.Name()}: {r.Reps.Count(rep => !rep.Excluded)} repetitions analysed, amplitudes in {r.Units}");
}

// 3. Bridge (A) against pull-through (B), repetitions as samples: Welch and Mann-Whitney tests, Hedges g, a bootstrap
//    CI of A - B, Holm-corrected across all muscles and phases.
ComparisonResult comparison = ExerciseComparison.Compare(a, b, Metric.Mean);
Console.WriteLine(comparison.Verdict.Sentence);
// Rows for the muscle groups (gmax, es; each side's channel has rows too).
foreach (ComparisonRow row in comparison.Comparisons.Where(r => Vocabulary.TryParse(r.Muscle, out MuscleGroup _)))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {row.Muscle,-5} {row.Phase.Name(),-10} A {row.A.Mean,7:0.0} B {row.B.Mean,7:0.0} {comparison.Units,-4}"
        + $" g {row.HedgesG,6:0.00}  Holm p {row.PHolm:0.000}"));
}

static RecordingData Simulate(Exercise exercise, int seed)
{
    SimulatedRecording recording = Simulator.Run(new SimulationSettings { Exercise = exercise, Reps = 10, Seed = seed });
    return SimulationExport.ToRecording(recording, RecordingMode.Envelope);
}
