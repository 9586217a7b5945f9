using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluteSense.Host.Analysis.Emg;

namespace GluteSense.Host.Analysis;

/// <summary>
/// The analysis output file (docs/analysis.md, "Output"): snake_case JSON, times in seconds from the trial start,
/// amplitudes in <c>units</c>, angles in degrees, repetition indices from 1.
/// </summary>
public static class AnalysisJson
{
    /// <summary>Format identifier written into every file.</summary>
    public const string Format = "glutesense-analysis/1";

    /// <summary>Every GluteSense output file (analysis, compare, audit, cohort): snake_case, indented, nulls written,
    /// dictionary keys (channel names) as they are, NaN as a string.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Serialize(AnalysisResult result) => JsonSerializer.Serialize(ToDocument(result), Options);

    /// <summary>Reads a file written by <see cref="Serialize"/> back (for compare and audit).</summary>
    public static Document? Deserialize(string json) => JsonSerializer.Deserialize<Document>(json, Options);

    /// <summary>The output's shape.</summary>
    public sealed record Document(string Format, Exercise Exercise, string Subject, string Source, string Units, NormalisationJson Normalisation,
        EnvelopeJson Envelope, string MovementSegment, List<RepJson> Reps, List<string> Warnings, FormThresholds FormThresholds,
        List<FormFlag>? ExploratoryFlags = null, string? PhaseBoundaries = null);

    /// <summary>
    /// The normalisation block: method, its CEDE description, window (ms), reference source and reference amplitude per channel (uV).
    /// </summary>
    public sealed record NormalisationJson(string Method, string Cede, double WindowMs, string Source, Dictionary<string, double> ReferenceUv);

    /// <summary>The envelope block: file, rates (Hz), filter chain, the signal onsets were detected on and the ECG removal.</summary>
    public sealed record EnvelopeJson(string File, int SampleRateHz, string BandPass, string Notch, int RmsWindowMs, int EnvelopeRateHz,
        string OnsetSignal,
        string? EcgRemoval = null);

    /// <summary>One repetition, as <see cref="RepResult"/> with lists and dictionaries for JSON.</summary>
    public sealed record RepJson(int Index, double StartS, double EndS, bool Partial, double PeakExcursionDeg, List<PhaseJson> Phases,
        Dictionary<string, double?> OnsetsS, OnsetOrder OnsetOrder, double? GmaxMean, double? EsMean, double? GmaxEsRatio,
        double? GmaxSymmetryPct, double? EsSymmetryPct,
        double? GmaxEsOverlapPct, double? TrunkRangeDeg, double? PelvisRangeDeg, double? LumbarRangeDeg, double? CervicalExtensionDeg,
        List<FormFlag> Flags, bool Excluded, List<string> ExclusionReasons, double RangePct = 100,
        Dictionary<string, string>? OnsetNotes = null, LumboPelvic? LumboPelvic = null, Dictionary<string, double>? OnsetBaseline = null);

    /// <summary>One phase, as <see cref="PhaseResult"/> with its duration written out.</summary>
    public sealed record PhaseJson(PhaseKind Kind, double StartS, double EndS, double DurationS, Dictionary<string, MuscleMetrics?> Muscles,
        double? LumbarPelvisRatio = null);

    /// <summary>Flags whose evidence is weak (docs/analysis.md): es-before-gmax, since healthy people show no
    /// consistent gluteus maximus / erector spinae firing order (Pierce and Lee 1990).</summary>
    public static readonly FormFlag[] ExploratoryFlags = { FormFlag.EsBeforeGmax };

    /// <summary>Why the <see cref="ExploratoryFlags"/> are exploratory, in one sentence (reports print it next to them).</summary>
    public const string ExploratoryReason =
        "exploratory: healthy people show no consistent gluteus maximus / erector spinae firing order (Pierce and Lee 1990), "
        + "so an onset order is a description of this person, not a fault";

    /// <summary>True for a flag listed in <see cref="ExploratoryFlags"/>.</summary>
    public static bool IsExploratory(FormFlag flag) => Array.IndexOf(ExploratoryFlags, flag) >= 0;

    private static Document ToDocument(AnalysisResult r)
    {
        Normalisation n = r.Normalisation;
        return new Document(Format, r.Exercise, r.Subject, r.Source, r.Units,
            new NormalisationJson(n.Method.ToString().ToLowerInvariant(), n.CedeDescription, n.WindowMs, n.Source,
                n.ReferenceUv.ToDictionary(kv => kv.Key, kv => kv.Value)),
            new EnvelopeJson(r.Envelope.File, r.Envelope.Chain.SampleRateHz,
                $"{r.Envelope.Chain.BandPassLowHz}-{r.Envelope.Chain.BandPassHighHz} Hz {r.Envelope.Chain.BandPassDesign}",
                r.Envelope.Chain.Notch, r.Envelope.Chain.RmsWindowMs, r.Envelope.Chain.EnvelopeRateHz, r.Envelope.OnsetSignal, r.Envelope.Ecg),
            r.MovementSegment,
            r.Reps.Select(rep => new RepJson(rep.Index, rep.StartS, rep.EndS, rep.Partial, rep.PeakExcursionDeg,
                rep.Phases.Select(p => new PhaseJson(p.Kind, p.StartS, p.EndS, p.DurationS, p.Muscles.ToDictionary(kv => kv.Key, kv => kv.Value),
                    p.LumbarPelvisRatio)).ToList(),
                rep.OnsetsS.ToDictionary(kv => kv.Key, kv => kv.Value), rep.OnsetOrder, rep.GmaxMean, rep.EsMean, rep.GmaxEsRatio,
                rep.GmaxSymmetryPct, rep.EsSymmetryPct,
                rep.GmaxEsOverlapPct, rep.TrunkRangeDeg, rep.PelvisRangeDeg, rep.LumbarRangeDeg, rep.CervicalExtensionDeg,
                rep.Flags.ToList(), rep.Excluded, rep.ExclusionReasons.Select(x => x.Sentence).ToList(), rep.RangePct,
                rep.OnsetNotes?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new Dictionary<string, string>(), rep.LumboPelvic,
                rep.OnsetBaselines?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new Dictionary<string, double>())).ToList(),
            r.Warnings.ToList(), r.Settings.Form, ExploratoryFlags.ToList(), r.Settings.Reps.BoundaryDefinition);
    }
}
