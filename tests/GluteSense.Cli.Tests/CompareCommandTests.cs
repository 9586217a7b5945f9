using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GluteSense.Cli.Tests;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Simulate(string name, params string[] args) => CliTests.Simulate(_dir, name, new[] { "--mode", "both" }.Concat(args).ToArray());

    [Fact]
    public void CompareWritesTheDocumentedJson()
    {
        string mvc = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--seed", "2");
        string bridge = Simulate("bridge", "--exercise", "bridge", "--reps", "6", "--seed", "3");
        string pull = Simulate("pull", "--exercise", "pull-through", "--reps", "6", "--seed", "4", "--effect", "1");
        string json = Path.Combine(_dir, "c.json");
        (int code, string output, string error) = CliTests.Run("compare", bridge, pull, "--mvc", mvc, "--json", json);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("higher in the pull-through", output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement row = doc.RootElement.GetProperty("comparisons").EnumerateArray().First(r => r.GetProperty("muscle").GetString() == "gmax" && r.GetProperty("phase").GetString() == "first");
        foreach (string key in new[] { "metric", "welch_t", "welch_p", "mannwhitney_u", "mannwhitney_p", "hedges_g", "cliffs_delta", "diff_ci95", "p_holm" })
        {
            Assert.True(row.TryGetProperty(key, out _), key);
        }

        JsonElement a = row.GetProperty("a");
        Assert.Equal(6, a.GetProperty("n").GetInt32());
        Assert.Equal(6, a.GetProperty("values").GetArrayLength());
        Assert.Equal(a.GetProperty("values").EnumerateArray().Average(v => v.GetDouble()), a.GetProperty("mean").GetDouble(), 9);
        Assert.True(doc.RootElement.GetProperty("verdict").GetProperty("significant").GetBoolean());
    }

    [Fact]
    public void BadInputExitsOneWithOneLine()
    {
        string bridge = Simulate("bridge", "--exercise", "bridge", "--reps", "3", "--seed", "3");
        string mvc = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--seed", "2");
        (string[] Args, string Expected)[] cases =
        {
            (new[] { "compare", bridge, Path.Combine(_dir, "none") }, "recording folder not found"),
            (new[] { "compare", bridge, bridge, "--metric", "median" }, "--metric 'median'"),
            (new[] { "audit", "--test", bridge, "--treat", bridge, "--retest", mvc, "--report", _dir }, "MVC trial"),
            (new[] { "audit", "--test", bridge, "--treat", bridge, "--retest", bridge, "--pain-before", "12", "--report", Path.Combine(_dir, "r") }, "0-10"),
            (new[] { "audit", "--test", bridge, "--retest", bridge, "--design", "sham", "--report", Path.Combine(_dir, "r") }, "--design 'sham'"),
        };
        foreach ((string[] args, string expected) in cases)
        {
            (int code, _, string error) = CliTests.Run(args);
            Assert.Equal(ExitCodes.Error, code);
            Assert.Contains(expected, error);
            Assert.Single(error.Trim().Split('\n'));
        }
    }

    [Fact]
    public void CompareTakesStoredTrials()
    {
        string db = Path.Combine(_dir, "g.db");
        (int code, _, string error) = CliTests.Run("demo", "--db", db, "--treat-reps", "5", "--report", Path.Combine(_dir, "demo-report"));
        Assert.True(code == ExitCodes.Ok, error);
        string json = Path.Combine(_dir, "stored.json");
        (code, _, error) = CliTests.Run("compare", "trial:2", "trial:4", "--db", db, "--mvc", "trial:1", "--json", json);
        Assert.True(code == ExitCodes.Ok, error);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.StartsWith("bridge", doc.RootElement.GetProperty("label_a").GetString());
        Assert.StartsWith("pull-through", doc.RootElement.GetProperty("label_b").GetString());
        (code, _, error) = CliTests.Run("compare", "trial:2", "trial:99", "--db", db);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("no trial 99", error);
    }
}
