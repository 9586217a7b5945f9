using System;
using System.Globalization;

namespace GluteSense.Host.Statistics;

/// <summary>
/// Numbers for sentences and tables, invariant culture, without a negative zero: .NET writes -0.004 as "-+0.00" with the
/// custom format "+0.00;-0.00" and as "-0.00" with "0.00"; a value that rounds to zero is written "+0.00" or "0.00".
/// </summary>
public static class NumberText
{
    /// <summary><paramref name="value"/> in <paramref name="format"/> (invariant culture), a rounded-to-zero negative
    /// written as zero (with the format's "+" when it has one).</summary>
    public static string Format(double value, string format)
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture);
        if (!text.StartsWith('-') || text.AsSpan(1).IndexOfAnyExcept("+0.") >= 0) return text;
        return text[1..];
    }
}
