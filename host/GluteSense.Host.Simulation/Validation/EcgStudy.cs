using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Validation;

/// <summary>Erector spinae %MVC of good bridges with a realistic ECG, per ECG removal method, against the same
/// recordings without ECG (same seed: identical EMG, noise and movement).</summary>
/// <param name="BiasPctMvc">Mean over repetitions and ES channels of (repetition ES mean with ECG and this method) -
/// (the same without ECG and without removal), %MVC.</param>
/// <param name="AbsBiasP95PctMvc">95th percentile of the absolute per-repetition difference, %MVC.</param>
public sealed record EcgBiasRow(string Method, int Recordings, double EsMeanPctMvc, double EcgFreePctMvc, double BiasPctMvc,
    double AbsBiasP95PctMvc);

/// <summary>Measures what the ECG does to low-level erector spinae %MVC and what each removal method leaves
/// (docs/analysis.md, "ECG").</summary>
public static class EcgStudy
{
    /// <summary>R-wave amplitude of the study (uV): the realistic-ecg scenario's.</summary>
    public const double EcgUv = 50;

    /// <summary>
    /// Simulates <paramref name="recordings"/> good bridges (each with its MVC trial) with and without an ECG of
    /// <see cref="EcgUv"/> and returns one row per <see cref="EcgRemoval"/> method.
    /// </summary>
    public static IReadOnlyList<EcgBiasRow> Run(int recordings)
    {
        var perMethod = Enum.GetValues<EcgRemoval>().ToDictionary(m => m, _ => new List<(double With, double Free)>());
        var locks = new object();
        Parallel.For(0, recordings, i =>
        {
            int seed = i + 1;
            var withEcg = new Contamination { RealisticEcg = true, EcgUv = EcgUv };
            var free = withEcg with { EcgUv = 0 };
            SimulationSettings bridge = AccuracyStudy.RandomSettings(Exercise.Bridge, MovementPattern.Good, seed)
                with { PartialReps = Array.Empty<int>() };
            var mvc = new SimulationSettings { Exercise = Exercise.Mvc, Reps = 2, Seed = seed + 1000 };
            double[] reference = EsMeans(bridge with { Contamination = free }, mvc with { Contamination = free }, EcgRemoval.None);
            foreach (EcgRemoval method in perMethod.Keys)
            {
                double[] measured = EsMeans(bridge with { Contamination = withEcg }, mvc with { Contamination = withEcg }, method);
                lock (locks)
                {
                    perMethod[method].AddRange(measured.Zip(reference, (w, f) => (w, f)));
                }
            }
        });

        return perMethod.Select(kv => new EcgBiasRow(kv.Key.ToString(), recordings,
            kv.Value.Average(x => x.With), kv.Value.Average(x => x.Free), kv.Value.Average(x => x.With - x.Free),
            Statistics.Descriptive.Percentile(kv.Value.Select(x => Math.Abs(x.With - x.Free)).ToArray(), 95))).ToList();
    }

    /// <summary>Per repetition and ES channel, the repetition's mean ES envelope in %MVC.</summary>
    private static double[] EsMeans(SimulationSettings exercise, SimulationSettings mvc, EcgRemoval method)
    {
        var settings = new AnalysisSettings { Ecg = method };
        RecordingData mvcData = SimulationExport.ToRecording(Simulator.Run(mvc), RecordingMode.Raw);
        (var channels, _) = EmgSignals.From(mvcData, settings.Onsets, ecg: method);
        Normalisation n = Normalisation.FromReferenceTrial(channels, NormalisationMethod.Mvc, "simulated MVC");
        AnalysisResult r = RecordingAnalyzer.Analyze(SimulationExport.ToRecording(Simulator.Run(exercise), RecordingMode.Raw), n, settings);
        return r.Reps.Where(x => !x.Excluded).SelectMany(x => new[] { "es_l", "es_r" }.Select(c =>
            x.Phases.Sum(p => (p.Muscles[c]?.Mean ?? 0) * p.DurationS) / x.Phases.Sum(p => p.DurationS))).ToArray();
    }
}
