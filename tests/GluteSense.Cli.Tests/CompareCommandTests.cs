using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Tests.Common;

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
        JsonElement[] rows = doc.RootElement.GetProperty("comparisons").EnumerateArray().ToArray();
        JsonElement row = rows.First(r => r.GetProperty("muscle").GetString() == "gmax" && r.GetProperty("phase").GetString() == "first");
        Assert.Equal(6, row.GetProperty("a").GetProperty("n").GetInt32());
        Assert.Equal(6, row.GetProperty("a").GetProperty("values").GetArrayLength());

        // Every reported statistic of every row, recomputed from the row's own values by scipy and statsmodels.
        JsonElement[] scipy = FixtureScripts.RunJson("check_compare_scipy.py", json).GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, scipy.Length);
        int tested = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            JsonElement r = rows[i], s = scipy[i];
            string where = r.GetProperty("muscle").GetString() + "/" + r.GetProperty("phase").GetString();
            Close(s.GetProperty("mean_a"), r.GetProperty("a").GetProperty("mean"), 1e-12, where + " mean a");
            Close(s.GetProperty("mean_b"), r.GetProperty("b").GetProperty("mean"), 1e-12, where + " mean b");
            Close(s.GetProperty("sd_a"), r.GetProperty("a").GetProperty("sd"), 1e-12, where + " SD a");
            Close(s.GetProperty("sd_b"), r.GetProperty("b").GetProperty("sd"), 1e-12, where + " SD b");
            if (!s.TryGetProperty("welch_p", out _))
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("welch_p").ValueKind);
                continue;
            }

            tested++;
            foreach (string key in new[] { "welch_t", "hedges_g", "cliffs_delta", "mannwhitney_u" })
            {
                Close(s.GetProperty(key), r.GetProperty(key), 1e-9, where + " " + key);
            }

            foreach (string key in new[] { "welch_p", "mannwhitney_p", "p_holm" })
            {
                Close(s.GetProperty(key), r.GetProperty(key), 1e-6, where + " " + key);
            }

            Assert.Equal(s.GetProperty("mannwhitney_method").GetString(), r.GetProperty("mannwhitney_method").GetString());
            double diff = r.GetProperty("a").GetProperty("mean").GetDouble() - r.GetProperty("b").GetProperty("mean").GetDouble();
            Assert.InRange(diff, r.GetProperty("diff_ci95")[0].GetDouble(), r.GetProperty("diff_ci95")[1].GetDouble());
        }

        Assert.True(tested >= 20, $"only {tested} rows were tested");
        Assert.True(doc.RootElement.GetProperty("verdict").GetProperty("significant").GetBoolean());
    }

    /// <summary>Equal to a relative tolerance (absolute below 1); null must match null.</summary>
    private static void Close(JsonElement expected, JsonElement actual, double tolerance, string what)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, what + ": expected null");
            return;
        }

        double e = expected.GetDouble(), a = actual.GetDouble();
        Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)), $"{what}: scipy {e:R}, glutesense {a:R}");
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
