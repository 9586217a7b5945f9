using System;
using System.Globalization;

namespace GluteSense.Host.Statistics;

/// <summary>
/// Numbers for sentences and tables, invariant culture, without a negative zero: .NET writes -0.004 as "-+0.00" with the
/// custom format "+0.00;-0.00" and as "-0.00" with "0.00"; a value that rounds to zero is written "+0.00" or "0.00".
/// </summary>
public static class NumberText
{
    /// <summary>Invariant culture, with every formatted <see cref="double"/> or <see cref="float"/> going through
    /// <see cref="Format"/>: for interpolated sentences (<c>string.Create(NumberText.Invariant, $"...")</c>).</summary>
    public static IFormatProvider Invariant { get; } = new ZeroSafeFormatter();

    /// <summary><paramref name="value"/> in <paramref name="format"/> (invariant culture), a rounded-to-zero negative
    /// written as zero (with the format's "+" when it has one).</summary>
    public static string Format(double value, string format) => WithoutNegativeZero(value.ToString(format, CultureInfo.InvariantCulture));

    private static string WithoutNegativeZero(string text) =>
        !text.StartsWith('-') || text.AsSpan(1).IndexOfAnyExcept("+0.") >= 0 ? text : text[1..];

    /// <summary>An interpolated sentence in the invariant culture without negative zeros.</summary>
    public static string Sentence(FormattableString sentence) => sentence.ToString(Invariant);

    private sealed class ZeroSafeFormatter : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) =>
            formatType == typeof(ICustomFormatter) ? this : CultureInfo.InvariantCulture.GetFormat(formatType);

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
        {
            double or float => WithoutNegativeZero(((IFormattable)arg).ToString(format, CultureInfo.InvariantCulture)),
            IFormattable other => other.ToString(format, CultureInfo.InvariantCulture),
            _ => arg?.ToString() ?? "",
        };
    }
}
