using System;
using System.Globalization;
using System.Text;
using csFastFloat;

namespace GluteSense.Host.IO;

/// <summary>
/// Parses one cell of a text table as a finite double. csFastFloat (Lemire's fast_float) takes the cells it reads
/// completely; it rounds correctly, as the framework's parser does, so both give the same double for the same text.
/// Anything it does not take whole (a '+' sign, spaces inside quotes, non-ASCII, an infinity) goes to the framework's
/// parser with the readers' original string rules, which then has the last word: the fast path changes speed, never
/// which files are accepted or which values they give.
/// </summary>
internal static class NumberCell
{
    /// <summary>
    /// Parses <paramref name="cell"/>; when <paramref name="trimQuotes"/> the cell may be padded and quoted
    /// ("Trim().Trim('\"')", the column reader's rule), else it is taken as the framework's Float style takes it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> cell, bool trimQuotes, out double value)
    {
        ReadOnlySpan<byte> text = trimQuotes ? Unquote(cell) : cell;
        if (FastDoubleParser.TryParseDouble(text, out int consumed, out value) && consumed == text.Length && double.IsFinite(value))
        {
            return true;
        }

        return double.TryParse(Text(cell, trimQuotes), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>The cell as the error message shows it (trimmed and unquoted when <paramref name="trimQuotes"/>).</summary>
    public static string Text(ReadOnlySpan<byte> cell, bool trimQuotes)
    {
        string text = Encoding.UTF8.GetString(cell);
        return trimQuotes ? text.Trim().Trim('"') : text;
    }

    /// <summary>ASCII whitespace then quotes removed from both ends (the fast path's version of Trim().Trim('"')).</summary>
    public static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> cell) => TrimWhite(cell).Trim((byte)'"');

    /// <summary>ASCII whitespace removed from both ends.</summary>
    public static ReadOnlySpan<byte> TrimWhite(ReadOnlySpan<byte> text) => text.Trim(" \t\r\n\v\f"u8);

    /// <summary>True for the ASCII whitespace that separates cells in a table without a delimiter.</summary>
    public static bool IsWhite(byte b) => b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r' || b == '\n';
}
