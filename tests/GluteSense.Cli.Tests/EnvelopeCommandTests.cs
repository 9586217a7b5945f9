using System;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Tests.Common;

namespace GluteSense.Cli.Tests;

public sealed class EnvelopeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-envelope-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out.csv");

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void OneColumnFileWithCommentsGivesEnvelopeCsvWithWindowEndTimes()
    {
        (int code, _, string error) = CliTests.Run("envelope", "--input", RepoPaths.Data("biosppy-emg", "emg_1_first20s.txt"), "--rate", "1000", "--out", Out);
        Assert.True(code == ExitCodes.Ok, error);
        string[] lines = File.ReadAllLines(Out);
        Assert.Equal("time_s,envelope", lines[0]);
        Assert.Equal(1 + (20000 - 50) / 10 + 1, lines.Length);
        Assert.StartsWith("0.049,", lines[1]);
        Assert.StartsWith("0.059,", lines[2]);

        // Every value against scipy's sosfilt + causal RMS of the same file (tests/fixtures/signal_chain_scipy.json,
        // made by tests/fixtures/scripts/make_signal_chain_fixture.py): float32 chain, 1e-3 relative.
        using var fixture = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("signal_chain_scipy.json")));
        double[] scipy = fixture.RootElement.GetProperty("real").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "biosppy_emg_1_first20s").GetProperty("envelope").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] ours = lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(scipy.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.True(Math.Abs(ours[i] - scipy[i]) <= 1e-3 * scipy[i], $"envelope[{i}]: {ours[i]} vs scipy {scipy[i]}");
        }
    }

    [Theory]
    [InlineData("1000", "20,450", "50", "50", "100")]   // built-in tables: the fast path
    [InlineData("2000", "20,450", "60", "25", "50")]
    [InlineData("1000", "10,400", "off", "100", "20")]  // a host design: the general path
    public void NativeEngineWritesTheSameBytesAsTheManagedOne(string rate, string band, string notch, string windowMs, string envelopeRate)
    {
        string input = RepoPaths.Data("biosppy-emg", "emg_1_first20s.txt");
        string managed = Path.Combine(_dir, "managed.csv"), native = Path.Combine(_dir, "native.csv");
        foreach ((string engine, string path) in new[] { ("managed", managed), ("native", native) })
        {
            (int code, _, string error) = CliTests.Run("envelope", "--input", input, "--rate", rate, "--bandpass", band, "--notch", notch,
                "--window-ms", windowMs, "--envelope-rate", envelopeRate, "--engine", engine, "--out", path);
            Assert.True(code == ExitCodes.Ok, error);
        }

        Assert.True(File.ReadAllLines(managed).Length > 100);
        Assert.Equal(File.ReadAllBytes(managed), File.ReadAllBytes(native));
    }

    [Fact]
    public void UnknownEngineIsRefused()
    {
        (int code, _, string error) = CliTests.Run("envelope", "--input", RepoPaths.Data("biosppy-emg", "emg_1_first20s.txt"), "--rate", "1000",
            "--engine", "fpga", "--out", Out);
        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("fpga", error);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public void CsvColumnByNameKeepsItsNameAndMatchesTheSineRms()
    {
        // 2000 Hz, 100 Hz sine of amplitude 100 in column "gmax_l"; notch 60, 25 ms window, 50 Hz envelope.
        string csv = "time_s,gmax_l,es_l\n" + string.Join("\n", Enumerable.Range(0, 8000).Select(i =>
            FormattableString.Invariant($"{i / 2000.0},{100 * Math.Sin(2 * Math.PI * 100 * i / 2000.0)},0")));
        string input = Write("in.csv", csv);
        (int code, _, string error) = CliTests.Run("envelope", "--input", input, "--rate", "2000", "--column", "gmax_l",
            "--notch", "60", "--window-ms", "25", "--envelope-rate", "50", "--out", Out);
        Assert.True(code == ExitCodes.Ok, error);
        string[] lines = File.ReadAllLines(Out);
        Assert.Equal("time_s,gmax_l", lines[0]);
        Assert.StartsWith("0.0245,", lines[1]);
        // A 100 Hz sine through the 2000 Hz chain with the 60 Hz notch: gain |H(100 Hz)| x A / sqrt(2) once settled.
        // |H| = 0.99951719 (scipy.signal.sosfreqz of butter(2, [20, 450], fs=2000) + iirnotch(60, 30, fs=2000));
        // 25 ms = 2.5 periods, so the windowed mean square of a pure sine is exact too.
        double expected = 0.99951719 * 100 / Math.Sqrt(2);
        foreach (string line in lines.Skip(1 + 1000 / 20))   // after 1 s (filters settled; one value per 20 ms)
        {
            double v = double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(v - expected) <= 1e-3 * expected, $"{line}: expected {expected}");
        }
    }

    [Fact]
    public void NonDefaultBandIsDesignedOnTheHost()
    {
        (int code, _, string error) = CliTests.Run("envelope", "--input", RepoPaths.Data("santuz-gait-emg", "ID0012_TW_01_gmax.csv"),
            "--rate", "1000", "--column", "1", "--bandpass", "10,400", "--notch", "off", "--out", Out);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal("time_s,gmax_r", File.ReadLines(Out).First());
    }

    [Fact]
    public void WithoutColumnEveryChannelRunsInOnePassAndEqualsPerColumnRunsByteForByte()
    {
        string recording = CliTests.Simulate(_dir, "rec", "--exercise", "bridge", "--reps", "2", "--mode", "raw", "--rate", "2000");
        string input = Path.Combine(recording, "emg.csv");
        (int code, string output, string error) = CliTests.Run("envelope", "--input", input, "--rate", "2000", "--out", Out);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("per channel x 4 channels", output);
        string[] multi = File.ReadAllLines(Out);
        Assert.Equal("time_s,gmax_l,gmax_r,es_l,es_r", multi[0]);

        string[] channels = { "gmax_l", "gmax_r", "es_l", "es_r" };
        for (int k = 0; k < channels.Length; k++)
        {
            string single = Path.Combine(_dir, channels[k] + ".csv");
            (code, _, error) = CliTests.Run("envelope", "--input", input, "--rate", "2000", "--column", channels[k], "--out", single);
            Assert.True(code == ExitCodes.Ok, error);
            string[] lines = File.ReadAllLines(single);
            Assert.Equal("time_s," + channels[k], lines[0]);
            Assert.Equal(lines.Length, multi.Length);
            for (int i = 1; i < lines.Length; i++)
            {
                string[] cells = multi[i].Split(',');
                Assert.Equal(lines[i], cells[0] + "," + cells[k + 1]);
            }
        }
    }

    [Fact]
    public void ABadLineLeavesNoOutputBehind()
    {
        string input = Write("in.csv", "time_s,a,b\n" + string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"{i},1,2")) + "\n5,x,2\n");
        (int code, _, string error) = CliTests.Run("envelope", "--input", input, "--rate", "1000", "--out", Out);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("line 3002: 'x' is not a number", error);
        Assert.Equal(new[] { "in.csv" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("missing", "--rate", "1000", "input file not found")]
    [InlineData("bad", "--rate", "1000", "line 3: 'abc' is not a number")]
    [InlineData("good", "--rate", "100", "out of range")]
    [InlineData("good", "--window-ms", "0", "shorter than one sample")]
    [InlineData("good", "--notch", "55", "must be 50, 60 or off")]
    [InlineData("good", "--bandpass", "20", "LOW,HIGH")]
    [InlineData("good", "--envelope-rate", "300", "envelope rate must divide")]
    [InlineData("twocol", "--rate", "1000", "choose one with --column")]
    public void BadInputExitsOneWithOneLine(string file, string option, string value, string expected)
    {
        string input = file switch
        {
            "missing" => Path.Combine(_dir, "none.txt"),
            "bad" => Write("bad.txt", "# header\n1\nabc\n"),
            "twocol" => Write("two.csv", "a,b\n1,2\n"),
            _ => Write("good.txt", string.Join("\n", Enumerable.Range(0, 500).Select(i => (i % 7).ToString(CultureInfo.InvariantCulture)))),
        };
        string[] args = { "envelope", "--input", input, "--rate", "1000", "--out", Out };
        int at = Array.IndexOf(args, option);
        args = at >= 0 ? args.Select((a, i) => i == at + 1 ? value : a).ToArray() : args.Concat(new[] { option, value }).ToArray();
        (int code, _, string error) = CliTests.Run(args);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
