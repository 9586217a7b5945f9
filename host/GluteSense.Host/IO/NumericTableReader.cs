using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GluteSense.Host.IO;

/// <summary>
/// Streams rows of numbers from the text files people bring (the formats of <see cref="NumericColumnReader"/>: one
/// value per line with '#' comment lines, or a table delimited by comma, semicolon, tab or spaces, with or without a
/// header row) into a caller's buffer, a chunk at a time: memory does not grow with the file. Invariant culture;
/// every error is an <see cref="InputException"/> naming the file and line.
/// </summary>
public sealed class NumericTableReader : IDisposable
{
    private static readonly byte[] Delimiters = { (byte)',', (byte)';', (byte)'\t' };

    private readonly Utf8LineReader _lines;
    private readonly byte? _delimiter;
    private byte[]? _firstDataLine;          // the first line when it is data (no header), returned before the rest
    private long _firstDataLineNumber;

    private NumericTableReader(string path, Utf8LineReader lines, byte? delimiter, string[] names, bool hasHeader)
    {
        FileName = Path.GetFileName(path);
        _lines = lines;
        _delimiter = delimiter;
        Names = names;
        HasHeader = hasHeader;
    }

    /// <summary>The file's name (without folder), as messages show it.</summary>
    public string FileName { get; }

    /// <summary>Column names from the header, or "0", "1", ... without one.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True when the first data line is a header (some cell is not a number).</summary>
    public bool HasHeader { get; }

    /// <summary>Bytes of file text the reader holds at most (its one line buffer), for tests.</summary>
    internal int BufferBytes => _lines.BufferBytes;

    /// <summary>Data rows read so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Opens <paramref name="path"/> and reads up to its first data line (header or data).</summary>
    public static NumericTableReader Open(string path) => Open(path, Utf8LineReader.ChunkBytes);

    internal static NumericTableReader Open(string path, int chunkBytes)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"input file not found: {path}");
        }

        Utf8LineReader lines;
        try
        {
            lines = new Utf8LineReader(path, chunkBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {path}: {e.Message}", e);
        }

        try
        {
            if (!NextDataLine(lines, out ReadOnlySpan<byte> first))
            {
                throw new InputException($"{Path.GetFileName(path)}: no data lines");
            }

            byte? delimiter = null;
            foreach (byte d in Delimiters)
            {
                if (first.Contains(d))
                {
                    delimiter = d;
                    break;
                }
            }

            string text = Encoding.UTF8.GetString(first);
            string[] cells = delimiter is byte b ? text.Split((char)b) : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            bool hasHeader = cells.Any(cell =>
                !double.TryParse(cell.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            string[] names = hasHeader
                ? cells.Select(c => c.Trim().Trim('"')).ToArray()
                : Enumerable.Range(0, cells.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var reader = new NumericTableReader(path, lines, delimiter, names, hasHeader);
            if (!hasHeader)
            {
                reader._firstDataLine = first.ToArray();
                reader._firstDataLineNumber = lines.LineNumber;
            }

            return reader;
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The index of <paramref name="column"/>: a header name (any case) or a 0-based index; null takes the only
    /// column, or fails if there are several.
    /// </summary>
    public int ColumnIndex(string? column)
    {
        if (column == null)
        {
            if (Names.Count == 1)
            {
                return 0;
            }

            throw new InputException($"{FileName} has {Names.Count} columns ({string.Join(", ", Names)}): choose one with --column");
        }

        int byName = HasHeader ? Names.ToList().FindIndex(n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase)) : -1;
        if (byName >= 0)
        {
            return byName;
        }

        if (int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < Names.Count)
        {
            return index;
        }

        throw new InputException($"{FileName}: no column '{column}' (columns: {string.Join(", ", Names)})");
    }

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length / <paramref name="columns"/>.Length rows of the given column
    /// indices into <paramref name="destination"/>, row by row (row-major), and returns the rows read: 0 at the end.
    /// </summary>
    public int ReadRows(ReadOnlySpan<int> columns, Span<double> destination)
    {
        if (columns.IsEmpty || columns.ToArray().Distinct().Count() != columns.Length)
        {
            throw new ArgumentException("choose at least one column, each once", nameof(columns));
        }

        int last = 0;
        foreach (int c in columns)
        {
            last = Math.Max(last, c);
        }

        Span<int> slotOf = last < 256 ? stackalloc int[last + 1] : new int[last + 1];
        slotOf.Fill(-1);
        for (int k = 0; k < columns.Length; k++)
        {
            slotOf[columns[k]] = k;
        }

        int width = columns.Length, rows = 0;
        for (; (rows + 1) * width <= destination.Length; rows++)
        {
            ReadOnlySpan<byte> line;
            long lineNumber;
            if (_firstDataLine != null)
            {
                line = _firstDataLine;
                lineNumber = _firstDataLineNumber;
                _firstDataLine = null;
            }
            else if (NextDataLine(_lines, out line))
            {
                lineNumber = _lines.LineNumber;
            }
            else
            {
                break;
            }

            ParseRow(line, lineNumber, slotOf, last, destination.Slice(rows * width, width));
        }

        Rows += rows;
        return rows;
    }

    /// <summary>The error for a file with a header and nothing after it.</summary>
    public InputException NoRowsError() => new($"{FileName}: header but no data lines");

    private void ParseRow(ReadOnlySpan<byte> line, long lineNumber, ReadOnlySpan<int> slotOf, int lastColumn, Span<double> row)
    {
        int cell = 0, position = 0;
        while (true)
        {
            // The next cell: up to the delimiter, or (no delimiter) the next run of non-whitespace.
            ReadOnlySpan<byte> rest = line[position..];
            ReadOnlySpan<byte> text;
            bool more;
            if (_delimiter is byte d)
            {
                int end = rest.IndexOf(d);
                more = end >= 0;
                text = more ? rest[..end] : rest;
                position += text.Length + 1;
            }
            else
            {
                int start = 0;
                while (start < rest.Length && NumberCell.IsWhite(rest[start])) start++;
                if (start == rest.Length)
                {
                    break;
                }

                int end = start;
                while (end < rest.Length && !NumberCell.IsWhite(rest[end])) end++;
                text = rest[start..end];
                position += end;
                more = true;
            }

            if (cell <= lastColumn && slotOf[cell] >= 0)
            {
                if (!NumberCell.TryParse(text, trimQuotes: true, out row[slotOf[cell]]))
                {
                    throw new InputException($"{FileName} line {lineNumber}: '{NumberCell.Text(text, trimQuotes: true)}' is not a number");
                }
            }

            cell++;
            if (!more || cell > lastColumn)
            {
                break;
            }
        }

        if (cell <= lastColumn)
        {
            throw new InputException($"{FileName} line {lineNumber}: {cell} columns, expected at least {lastColumn + 1}");
        }
    }

    // Skips blank lines and '#' comment lines (after leading whitespace).
    private static bool NextDataLine(Utf8LineReader lines, out ReadOnlySpan<byte> line)
    {
        while (lines.TryReadLine(out line))
        {
            ReadOnlySpan<byte> trimmed = NumberCell.TrimWhite(line);
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _lines.Dispose();
}
