using System;
using System.Collections.Generic;

namespace GluteSense.Host.IO;

/// <summary>One numeric column read from a text file, with the name it had (or "value" when there was no header).</summary>
public sealed record NumericColumn(string Name, double[] Values);

/// <summary>
/// Reads numbers from the text files people bring: one value per line with '#' comment lines (BioSPPy's "Simple Text
/// Format"), or a delimited table (comma, semicolon, tab or spaces) with a header row. Invariant culture: the decimal
/// separator is always '.'. Every error is an <see cref="InputException"/> naming the file and line. The whole column
/// is returned in memory; <see cref="NumericTableReader"/> streams instead.
/// </summary>
public static class NumericColumnReader
{
    /// <summary>Name of the column of a file without a header.</summary>
    public const string UnnamedColumn = "value";

    /// <summary>Rows read per chunk.</summary>
    private const int ChunkRows = 64 * 1024;

    /// <summary>
    /// Reads one column of <paramref name="path"/>. <paramref name="column"/> is a header name or a 0-based index;
    /// null takes the only column, or fails if there are several.
    /// </summary>
    public static NumericColumn Read(string path, string? column)
    {
        using NumericTableReader reader = NumericTableReader.Open(path);
        int[] index = { reader.ColumnIndex(column) };
        var values = new List<double>();
        var chunk = new double[ChunkRows];
        for (int rows; (rows = reader.ReadRows(index, chunk)) > 0;)
        {
            values.AddRange(new ArraySegment<double>(chunk, 0, rows));
        }

        if (values.Count == 0)
        {
            throw reader.NoRowsError();
        }

        return new NumericColumn(reader.HasHeader ? reader.Names[index[0]] : UnnamedColumn, values.ToArray());
    }
}
