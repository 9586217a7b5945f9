using System;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis;

/// <summary>Recording folders in, analysis out: the one place the CLI, compare and audit load and normalise trials.</summary>
public static class FolderAnalysis
{
    /// <summary>
    /// Reads <paramref name="directory"/> and analyses it, normalised to the MVC trial in <paramref name="mvcDirectory"/>
    /// or to the submaximal reference contraction in <paramref name="referenceDirectory"/> (at most one), else in uV.
    /// </summary>
    public static AnalysisResult Analyze(string directory, string? mvcDirectory = null, string? referenceDirectory = null, AnalysisSettings? settings = null)
    {
        settings ??= new AnalysisSettings();
        if (mvcDirectory != null && referenceDirectory != null)
        {
            throw new ArgumentException("give either an MVC trial or a reference contraction, not both");
        }

        RecordingData data = RecordingFolder.Read(directory);
        Motion.MovementModel.For(data.Meta.Exercise);   // fail fast on a trial that is not an exercise
        Normalisation normalisation = Normalisation.None;
        if (mvcDirectory != null || referenceDirectory != null)
        {
            normalisation = Reference(mvcDirectory ?? referenceDirectory!, mvcDirectory != null ? NormalisationMethod.Mvc : NormalisationMethod.ReferenceContraction, settings);
        }

        // The folder was read here and nothing else sees it: its raw EMG may become the onset functions in place.
        return RecordingAnalyzer.Analyze(data, normalisation, settings, consumeRawEmg: true);
    }

    /// <summary>The reference of an MVC or reference-contraction folder (its exercise must be "mvc").</summary>
    public static Normalisation Reference(string directory, NormalisationMethod method, AnalysisSettings settings)
    {
        RecordingData reference = RecordingFolder.Read(directory);
        if (reference.Meta.Exercise != "mvc")
        {
            throw new ArgumentException($"{directory}: the reference trial's exercise is '{reference.Meta.Exercise}', expected 'mvc'");
        }

        (var channels, _) = EmgSignals.From(reference, settings.Onsets, null, consumeRawEmg: true);
        return Normalisation.FromReferenceTrial(channels, method, directory);
    }
}
