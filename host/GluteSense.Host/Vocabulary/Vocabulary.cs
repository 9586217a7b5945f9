using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;

namespace GluteSense.Host;

/// <summary>
/// The one place where each vocabulary enum meets its name in files and on the command line. A member's name is its
/// <see cref="JsonStringEnumMemberNameAttribute"/>: the same attribute drives System.Text.Json (every enum here carries
/// <see cref="JsonStringEnumConverter{TEnum}"/>), so meta.json, analysis.json, CLI options and reports cannot disagree.
/// </summary>
public static class Vocabulary
{
    /// <summary>The file and command-line name of <paramref name="value"/> ("pull-through", "es-before-gmax").</summary>
    public static string Name<T>(this T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out string? name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Every name of <typeparamref name="T"/>, in declaration order (for help texts and one-line errors).</summary>
    public static IReadOnlyList<string> AllNames<T>() where T : struct, Enum => Names<T>.InOrder;

    /// <summary>The member named <paramref name="name"/> (exact, case-sensitive, as files write it).</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(name ?? "", out value);

    /// <summary>The member named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static T Parse<T>(string? name) where T : struct, Enum => TryParse(name, out T value)
        ? value
        : throw new ArgumentException($"unknown {Names<T>.Noun} '{name}' (known: {string.Join(", ", Names<T>.InOrder)})");

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v =>
            typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{v} has no file name"));

        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        public static readonly string[] InOrder = Enum.GetValues<T>().Select(v => ByValue[v]).ToArray();

        /// <summary>"phase kind" for PhaseKind: the type name in words, for error messages.</summary>
        public static readonly string Noun = string.Concat(typeof(T).Name
            .Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}

/// <summary>What the recording shows the subject doing (meta.json <c>exercise</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Exercise>))]
public enum Exercise
{
    /// <summary>Supine glute bridge: concentric up, hold, eccentric down.</summary>
    [JsonStringEnumMemberName("bridge")] Bridge,

    /// <summary>Standing cable pull-through (hip hinge): eccentric forward, turnaround, concentric back.</summary>
    [JsonStringEnumMemberName("pull-through")] PullThrough,

    /// <summary>Maximal voluntary contractions for normalisation (no repetitions to analyse).</summary>
    [JsonStringEnumMemberName("mvc")] Mvc,

    /// <summary>Quiet rest (baseline noise, calibration).</summary>
    [JsonStringEnumMemberName("rest")] Rest,
}

/// <summary>A phase of a repetition, by the contraction of the hip extensors.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhaseKind>))]
public enum PhaseKind
{
    /// <summary>Lengthening under load (lowering in the bridge, hinging forward in the pull-through).</summary>
    [JsonStringEnumMemberName("eccentric")] Eccentric,

    /// <summary>Shortening (rising in the bridge, returning upright in the pull-through).</summary>
    [JsonStringEnumMemberName("concentric")] Concentric,

    /// <summary>Still near the turning point (top of the bridge, bottom of the hinge).</summary>
    [JsonStringEnumMemberName("hold")] Hold,
}

/// <summary>A form or data flag on a repetition (docs/analysis.md gives each one's rule).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FormFlag>))]
public enum FormFlag
{
    /// <summary>Range below the partial fraction of the reference range.</summary>
    [JsonStringEnumMemberName("partial")] Partial,

    /// <summary>Erector spinae switched on before gluteus maximus by more than the tolerance.</summary>
    [JsonStringEnumMemberName("es-before-gmax")] EsBeforeGmax,

    /// <summary>Lumbar flexion/extension range above the threshold: the low back moved instead of the hips.</summary>
    [JsonStringEnumMemberName("lumbar-motion")] LumbarMotion,

    /// <summary>Head extended on the trunk beyond the threshold.</summary>
    [JsonStringEnumMemberName("cervical-hyperextension")] CervicalHyperextension,

    /// <summary>Eccentric phase shorter than the minimum controlled duration.</summary>
    [JsonStringEnumMemberName("fast-eccentric")] FastEccentric,

    /// <summary>Concentric phase shorter than the minimum controlled duration.</summary>
    [JsonStringEnumMemberName("fast-concentric")] FastConcentric,

    /// <summary>The repetition overlaps missing or unusable data.</summary>
    [JsonStringEnumMemberName("data-gap")] DataGap,
}

/// <summary>A per-repetition value taken from a phase (or the whole repetition for onsets).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Metric>))]
public enum Metric
{
    /// <summary>Mean envelope over the phase.</summary>
    [JsonStringEnumMemberName("mean")] Mean,

    /// <summary>Largest envelope value in the phase.</summary>
    [JsonStringEnumMemberName("peak")] Peak,

    /// <summary>Onset relative to the movement start (s; negative = before the movement).</summary>
    [JsonStringEnumMemberName("onset")] Onset,
}

/// <summary>A muscle group of the GluteSense montage (left and right electrodes averaged).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MuscleGroup>))]
public enum MuscleGroup
{
    /// <summary>Gluteus maximus.</summary>
    [JsonStringEnumMemberName("gmax")] Gmax,

    /// <summary>Erector spinae (lumbar).</summary>
    [JsonStringEnumMemberName("es")] Es,
}

/// <summary>Body side of an electrode, or of a one-sided exercise.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Side>))]
public enum Side
{
    /// <summary>The subject's left.</summary>
    [JsonStringEnumMemberName("left")] Left,

    /// <summary>The subject's right.</summary>
    [JsonStringEnumMemberName("right")] Right,

    /// <summary>Both sides (a bilateral exercise).</summary>
    [JsonStringEnumMemberName("both")] Both,
}

/// <summary>Anatomical names of the muscle groups as meta.json's channel list writes them; a recording may describe
/// other muscles too (a crosstalk electrode), which belong to no group.</summary>
public static class MuscleNames
{
    /// <summary>The two muscles of the montage, as meta.json names them.</summary>
    public const string GluteusMaximus = "gluteus maximus", ErectorSpinae = "erector spinae";

    /// <summary>The group of a channel's muscle name, or null for a muscle outside the montage.</summary>
    public static MuscleGroup? GroupOf(string muscle) => muscle switch
    {
        GluteusMaximus => MuscleGroup.Gmax,
        ErectorSpinae => MuscleGroup.Es,
        _ => null,
    };
}

/// <summary>Which phase of each repetition a comparison takes a value from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhaseSelector>))]
public enum PhaseSelector
{
    /// <summary>The first phase of each repetition (eccentric in the pull-through, concentric in the bridge).</summary>
    [JsonStringEnumMemberName("first")] First,

    /// <summary>The eccentric phase.</summary>
    [JsonStringEnumMemberName("eccentric")] Eccentric,

    /// <summary>The concentric phase.</summary>
    [JsonStringEnumMemberName("concentric")] Concentric,

    /// <summary>The hold.</summary>
    [JsonStringEnumMemberName("hold")] Hold,

    /// <summary>The whole repetition (onsets, which are relative to the movement start).</summary>
    [JsonStringEnumMemberName("rep")] Repetition,
}
