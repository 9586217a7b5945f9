using System.Globalization;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis;

/// <summary>
/// Why a repetition is left out of statistics. Code asks the type (a repetition overlapping a gap is an
/// <see cref="OverlapsGap"/>); people and files get <see cref="Sentence"/>, which analysis.json writes as it is.
/// </summary>
public abstract record ExclusionReason(string Sentence)
{
    public sealed override string ToString() => Sentence;
}

/// <summary>The repetition's range is below <paramref name="PartialFraction"/> of the typical repetition.</summary>
public sealed record PartialRepetition(double PartialFraction) : ExclusionReason(
    "partial repetition (range below " + (100 * PartialFraction).ToString("0", CultureInfo.InvariantCulture) + " % of the typical repetition)");

/// <summary>The repetition overlaps missing or unusable data.</summary>
public sealed record OverlapsGap(GapMeta Gap) : ExclusionReason(
    string.Create(CultureInfo.InvariantCulture, $"gap: {Gap.Channel} {Gap.Reason} {Gap.StartS:0.00}-{Gap.EndS:0.00} s"));
