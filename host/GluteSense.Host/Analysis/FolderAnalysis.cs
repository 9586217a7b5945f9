using System;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis;

/// <summary>Recordings in (folders, or in memory), analysis out: the one place the CLI, compare and audit load and
/// normalise trials.</summary>
public static class FolderAnalysis
{
    /// <summary>
    /// Reads <paramref name="directory"/> and analyses it, normalised to the MVC trial in <paramref name="mvcDirectory"/>
    /// or to the submaximal reference contraction in <paramref name="referenceDirectory"/> (at most one), else in uV.
    /// </summary>
    public static AnalysisResult Analyze(string directory, string? mvcDirectory = null, string? referenceDirectory = null,
        AnalysisSettings? settings = null)
    {
        settings ??= new AnalysisSettings();
        if (mvcDirectory != null && referenceDirectory != null)
        {
            throw new ArgumentException("give either an MVC trial or a reference contraction, not both");
        }

        RecordingData data = RecordingFolder.Read(directory);
        Motion.MovementModel.For(data.Meta);   // fail fast on a trial that is not an exercise
        Normalisation normalisation = Normalisation.None;
        if (mvcDirectory != null || referenceDirectory != null)
        {
            normalisation = Reference(mvcDirectory ?? referenceDirectory!,
                mvcDirectory != null ? NormalisationMethod.Mvc : NormalisationMethod.ReferenceContraction, settings);
        }

        // The folder was read here and nothing else sees it: its raw EMG may become the onset functions in place.
        return RecordingAnalyzer.Analyze(data, normalisation, settings, consumeRawEmg: true);
    }

    /// <summary>Analyses a recording already in memory (a stored trial, a simulation), normalised to
    /// <paramref name="reference"/> (an MVC trial, also in memory, named <paramref name="referenceName"/>) or in uV.</summary>
    public static AnalysisResult Analyze(RecordingData data, RecordingData? reference = null, string referenceName = "",
        AnalysisSettings? settings = null)
    {
        settings ??= new AnalysisSettings();
        Motion.MovementModel.For(data.Meta);
        Normalisation normalisation = reference == null ? Normalisation.None
            : Reference(reference, NormalisationMethod.Mvc, referenceName, settings);
        return RecordingAnalyzer.Analyze(data, normalisation, settings);
    }

    /// <summary>The reference of an MVC or reference-contraction folder (its exercise must be "mvc").</summary>
    public static Normalisation Reference(string directory, NormalisationMethod method, AnalysisSettings settings) =>
        Reference(RecordingFolder.Read(directory), method, directory, settings, consumeRawEmg: true);

    /// <summary>The reference of an MVC or reference-contraction recording in memory, named <paramref name="source"/>.</summary>
    public static Normalisation Reference(RecordingData reference, NormalisationMethod method, string source, AnalysisSettings settings) =>
        Reference(reference, method, source, settings, consumeRawEmg: false);

    // consumeRawEmg: the recording was read here and nothing else sees it (see EmgSignals).
    private static Normalisation Reference(RecordingData reference, NormalisationMethod method, string source, AnalysisSettings settings,
        bool consumeRawEmg)
    {
        if (reference.Meta.Exercise != Exercise.Mvc)
        {
            throw new ArgumentException($"{source}: the reference trial's exercise is '{reference.Meta.Exercise.Name()}', expected 'mvc'");
        }

        (var channels, _) = EmgSignals.From(reference, settings.Onsets, null, settings.Ecg, consumeRawEmg);
        return Normalisation.FromReferenceTrial(channels, method, source);
    }
}
