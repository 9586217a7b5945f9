using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GluteSense.Host.IO;

/// <summary>One numeric column read from a text file, with the name it had (or "value" when there was no header).</summary>
public sealed record NumericColumn(string Name, double[] Values);

/// <summary>
/// Reads numbers from the text files people bring: one value per line with '#' comment lines (BioSPPy's "Simple Text
/// Format"), or a delimited table (comma, semicolon, tab or spaces) with a header row. Invariant culture: the decimal
/// separator is always '.'. Every error is an <see cref="InputException"/> naming the file and line.
/// </summary>
public static class NumericColumnReader
{
    private static readonly char[] Delimiters = { ',', ';', '\t' };

    /// <summary>
    /// Reads one column of <paramref name="path"/>. <paramref name="column"/> is a header name or a 0-based index;
    /// null takes the only column, or fails if there are several.
    /// </summary>
    public static NumericColumn Read(string path, string? column)
    {
        List<(int LineNumber, string Text)> lines = ReadDataLines(path);
        if (lines.Count == 0)
        {
            throw new InputException($"{Name(path)}: no data lines");
        }

        char? delimiter = DetectDelimiter(lines[0].Text);
        string[] first = Split(lines[0].Text, delimiter);
        bool hasHeader = first.Any(cell => !IsNumber(cell));
        string[] names = hasHeader ? first.Select(c => c.Trim().Trim('"')).ToArray() : Enumerable.Range(0, first.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        int index = ColumnIndex(path, names, column, hasHeader);
        string name = hasHeader ? names[index] : "value";

        var values = new List<double>(lines.Count);
        foreach ((int lineNumber, string text) in lines.Skip(hasHeader ? 1 : 0))
        {
            string[] cells = Split(text, delimiter);
            if (index >= cells.Length)
            {
                throw new InputException($"{Name(path)} line {lineNumber}: {cells.Length} columns, expected at least {index + 1}");
            }

            string cell = cells[index].Trim().Trim('"');
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new InputException($"{Name(path)} line {lineNumber}: '{cell}' is not a number");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new InputException($"{Name(path)}: header but no data lines");
        }

        return new NumericColumn(name, values.ToArray());
    }

    private static List<(int, string)> ReadDataLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"input file not found: {path}");
        }

        try
        {
            return File.ReadLines(path)
                .Select((text, i) => (i + 1, text))
                .Where(l => l.text.Trim().Length > 0 && !l.text.TrimStart().StartsWith('#'))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {path}: {e.Message}", e);
        }
    }

    private static int ColumnIndex(string path, string[] names, string? column, bool hasHeader)
    {
        if (column == null)
        {
            if (names.Length == 1)
            {
                return 0;
            }

            throw new InputException($"{Name(path)} has {names.Length} columns ({string.Join(", ", names)}): choose one with --column");
        }

        int byName = hasHeader ? Array.FindIndex(names, n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase)) : -1;
        if (byName >= 0)
        {
            return byName;
        }

        if (int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < names.Length)
        {
            return index;
        }

        throw new InputException($"{Name(path)}: no column '{column}' (columns: {string.Join(", ", names)})");
    }

    private static char? DetectDelimiter(string line)
    {
        foreach (char d in Delimiters)
        {
            if (line.Contains(d))
            {
                return d;
            }
        }

        return null;
    }

    private static string[] Split(string line, char? delimiter) =>
        delimiter is char d ? line.Split(d) : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsNumber(string cell) =>
        double.TryParse(cell.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Name(string path) => Path.GetFileName(path);
}
