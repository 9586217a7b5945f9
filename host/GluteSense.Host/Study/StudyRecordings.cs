using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Study;

/// <summary>One analysed set of a study: its design row and its analysis.</summary>
public sealed record StudySet(DesignRow Design, AnalysisResult Analysis);

/// <summary>
/// Analyses every set of a design, each subject normalised to its own MVC recording (read once per subject). A design
/// where any subject has no MVC folder is refused before anything is analysed: microvolts differ between subjects with
/// electrode placement and tissue, so they cannot be pooled.
/// </summary>
public static class StudyRecordings
{
    /// <summary>
    /// Reads and analyses every set of <paramref name="design"/>, in design order grouped by subject, reporting each set to
    /// <paramref name="progress"/>; throws when a subject has no MVC folder, a recording's exercise differs from its row, or
    /// a concentric-first (dead-start) or eccentric-first set's meta.json says the other start.
    /// </summary>
    public static IReadOnlyList<StudySet> Analyze(IReadOnlyList<DesignRow> design, Action<string>? progress = null,
        AnalysisSettings? settings = null)
    {
        settings ??= new AnalysisSettings();
        string? missing = design.Where(r => r.Mvc.Length == 0).Select(r => r.Subject).FirstOrDefault();
        if (missing != null)
        {
            throw new ArgumentException($"subject {missing} has no mvc folder: microvolts cannot be pooled across subjects (one subject, "
                + $"one normalisation reference)");
        }

        var sets = new List<StudySet>();
        foreach (IGrouping<string, DesignRow> subject in design.GroupBy(r => r.Subject))
        {
            Normalisation reference = FolderAnalysis.Reference(subject.First().Mvc, NormalisationMethod.Mvc, settings);
            foreach (DesignRow row in subject)
            {
                progress?.Invoke($"analysing {row.Subject} {row.Set} ({sets.Count + 1}/{design.Count})");
                RecordingData data = RecordingFolder.Read(row.Folder);
                if (data.Meta.Exercise.Name() != row.Exercise)
                {
                    throw new ArgumentException($"subject {row.Subject} set {row.Set}: the design says {row.Exercise}, "
                        + $"the recording says {data.Meta.Exercise.Name()}");
                }

                // The analysis names the phases from meta.json's first phase: a dead start recorded without it would have its
                // pull-up called eccentric, and the design would compare the wrong phases.
                string? start = row.Condition switch
                {
                    StudyDesign.ConcentricFirst when data.Meta.FirstPhase != PhaseKind.Concentric
                        => "has no \"firstPhase\": \"concentric\" (a dead start)",
                    StudyDesign.EccentricFirst when data.Meta.FirstPhase == PhaseKind.Concentric
                        => "says \"firstPhase\": \"concentric\" (a dead start)",
                    _ => null,
                };
                if (start != null)
                {
                    throw new ArgumentException($"subject {row.Subject} set {row.Set}: the design says {row.Condition}, the recording's "
                        + $"meta.json {start}; correct one of them, or the phases would be named in the wrong order");
                }

                sets.Add(new StudySet(row, RecordingAnalyzer.Analyze(data, reference, settings)));
            }
        }

        return sets;
    }

    /// <summary>The tidy rows of every set, in design order.</summary>
    public static IReadOnlyList<TidyRow> Tidy(IReadOnlyList<StudySet> sets) =>
        sets.SelectMany(s => TidyTable.Rows(s.Design, s.Analysis)).ToList();
}
