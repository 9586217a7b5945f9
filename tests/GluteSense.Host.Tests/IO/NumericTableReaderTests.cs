using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.IO;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.IO;

public sealed class NumericTableReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-table-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    // The reference: what the reader did before it streamed (every line as a string, Split, Trim, double.Parse).
    private static double[] ByStrings(string path, int column)
    {
        string[] lines = File.ReadLines(path).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToArray();
        char? d = new[] { ',', ';', '\t' }.Cast<char?>().FirstOrDefault(c => lines[0].Contains(c!.Value));
        Func<string, string[]> split = l => d is char c ? l.Split(c) : l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        bool header = split(lines[0]).Any(c =>
            !double.TryParse(c.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return lines.Skip(header ? 1 : 0)
            .Select(l => double.Parse(split(l)[column].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void ReadsFarMoreTextThanItsBufferWithoutGrowingIt()
    {
        // About 1 MB of text through a 4 KB buffer, 1000 rows at a time: the file is never held, only the chunk.
        var random = new Random(3);
        string path = Write("big.csv", "time_s,a,b\n" + string.Concat(Enumerable.Range(0, 40000).Select(i =>
            FormattableString.Invariant($"{i / 2000.0},{random.NextDouble() * 2e4 - 1e4:0.###},{random.NextDouble():R}\n"))));
        using NumericTableReader reader = NumericTableReader.Open(path, chunkBytes: 4096);
        var values = new List<double>();
        var chunk = new double[1000 * 2];
        for (int rows; (rows = reader.ReadRows(new[] { 2, 1 }, chunk)) > 0;)
        {
            Assert.True(rows <= 1000);
            values.AddRange(chunk.Take(rows * 2));
        }

        Assert.Equal(4096, reader.BufferBytes);
        Assert.True(new FileInfo(path).Length > 200 * reader.BufferBytes);
        Assert.Equal(40000, reader.Rows);
        Assert.Equal(ByStrings(path, 2), values.Where((_, i) => i % 2 == 0));
        Assert.Equal(ByStrings(path, 1), values.Where((_, i) => i % 2 == 1));
    }

    [Theory]
    [InlineData("# comment\n\n  # indented comment\n1\n-2.5\n\n3e2\n+4\n.5\n6.\n\"7\"\n 8 \n")]
    [InlineData("a;b\n1;2\n3;4\n")]
    [InlineData("x\ty\n1\t-0\n3\t1E-320\n")]
    [InlineData("1  2\n  3 4  \n5\t 6\n")]
    [InlineData("\uFEFFv,w\r\n1,2\r\n3,4\r\n5,6")]
    [InlineData("v,w\r1,2\r3,4\r")]
    [InlineData("v,w\n0.1,123456789012345678901234567890\n2.2250738585072011e-308,1.7976931348623157e308\n")]
    public void GivesTheSameNumbersAsTheStringReader(string text)
    {
        string path = Write("t.txt", text);
        using NumericTableReader reader = NumericTableReader.Open(path, chunkBytes: 16);
        int last = reader.Names.Count - 1;
        var chunk = new double[2];
        var values = new List<double>();
        for (int rows; (rows = reader.ReadRows(new[] { last }, chunk)) > 0;)
        {
            values.AddRange(chunk.Take(rows));
        }

        Assert.Equal(ByStrings(path, last), values);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), ByStrings(path, last).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void NumbersMatchTheFrameworkParserBitForBit()
    {
        // csFastFloat takes most cells; the framework's parser is the reference for every one of them.
        var random = new Random(11);
        string[] cells = Enumerable.Range(0, 20000).Select(i => (i % 5) switch
        {
            0 => (random.NextDouble() * 1e5 - 5e4).ToString("0.###", CultureInfo.InvariantCulture),
            1 => BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF).ToString("R", CultureInfo.InvariantCulture),
            2 => (random.NextDouble() * 1e-3).ToString("E10", CultureInfo.InvariantCulture),
            3 => random.Next(-100000, 100000).ToString(CultureInfo.InvariantCulture),
            _ => random.NextDouble().ToString("G17", CultureInfo.InvariantCulture),
        }).ToArray();
        string path = Write("n.txt", "value\n" + string.Join("\n", cells));
        NumericColumn column = NumericColumnReader.Read(path, null);
        Assert.Equal(cells.Select(c => BitConverter.DoubleToInt64Bits(double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture))),
            column.Values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData("1\n2\nabc\n", null, "line 3: 'abc' is not a number")]
    [InlineData("a,b\n1,2\n3\n", "b", "line 3: 1 columns, expected at least 2")]
    [InlineData("1\n2\ninf\n", null, "line 3: 'inf' is not a number")]
    [InlineData("1\nInfinity\n", null, "line 2: 'Infinity' is not a number")]
    [InlineData("x\n\"NaN\"\n", null, "line 2: 'NaN' is not a number")]
    [InlineData("# only a comment\n\n", null, "no data lines")]
    [InlineData("a,b\n", "1", "header but no data lines")]
    [InlineData("a,b\n1,2\n", "c", "no column 'c' (columns: a, b)")]
    public void BadInputNamesFileAndLine(string text, string? column, string expected)
    {
        string path = Write("bad.csv", text);
        InputException e = Assert.Throws<InputException>(() => NumericColumnReader.Read(path, column));
        Assert.StartsWith("bad.csv", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingFileIsAnInputError() =>
        Assert.Contains("input file not found",
            Assert.Throws<InputException>(() => NumericTableReader.Open(Path.Combine(_dir, "none"))).Message);

    [Theory]
    [InlineData("a\nb\nc\n", 3)]
    [InlineData("a\nb\nc", 3)]
    [InlineData("a\r\nb\r\n\r\nc", 4)]
    [InlineData("a\rb\rc\r", 3)]
    [InlineData("", 0)]
    [InlineData("\n", 1)]
    public void CountsLinesAsTheLineReaderReadsThem(string text, long expected)
    {
        string path = Write("lines.txt", text);
        Assert.Equal(expected, Utf8LineReader.CountLines(path));
        using var reader = new Utf8LineReader(path, 16);
        long n = 0;
        while (reader.TryReadLine(out _)) n++;
        Assert.Equal(expected, n);
    }
}
