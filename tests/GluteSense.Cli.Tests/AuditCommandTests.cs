using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GluteSense.Cli.Tests;

/// <summary>glutesense audit (sets as the unit, the documented JSON) and glutesense reliability (SEM.json).</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-audit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Simulate(string name, params string[] args) => CliTests.Simulate(_dir, name, new[] { "--mode", "envelope" }.Concat(args).ToArray());

    private string Bridge(string name, int seed, double scale, string subject = "sim-001") =>
        Simulate(name, "--exercise", "bridge", "--reps", "6", "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--gmax-scale", scale.ToString(CultureInfo.InvariantCulture), "--subject", subject);

    [Fact]
    public void AuditWritesTheDocumentedJson_WithSetsAsTheUnit_AndCaveatsOnTheConsole()
    {
        string mvc = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--seed", "2");
        string treat = CliTests.Simulate(_dir, "treat", "--exercise", "pull-through", "--reps", "8", "--seed", "4", "--mode", "raw");
        string json = Path.Combine(_dir, "audit.json");
        (int code, string output, string error) = CliTests.Run("audit", "--test", Bridge("t1", 11, 1.0), "--test", Bridge("t2", 12, 1.05),
            "--treat", treat, "--retest", Bridge("r1", 13, 1.6), "--retest", Bridge("r2", 14, 1.55), "--mvc", mvc, "--json", json, "--report", Path.Combine(_dir, "report"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("cannot attribute the change to the pull-throughs", output);
        Assert.Contains("Caveats:", output);
        Assert.Contains("regression to the mean", output);
        Assert.Contains("median frequency of a fixed-angle concentric window", output);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement[] outcomes = doc.RootElement.GetProperty("outcomes").EnumerateArray().ToArray();
        Assert.Equal(new[] { "gmax_mean", "es_mean", "gmax_es_log_ratio", "lumbar_range_deg", "onset_lag_ms" }, outcomes.Select(o => o.GetProperty("name").GetString()));
        foreach (JsonElement o in outcomes)
        {
            foreach (string key in new[] { "units", "test", "retest", "change", "change_pct", "threshold", "threshold_source", "call" }) Assert.True(o.TryGetProperty(key, out _), key);
            Assert.Contains(o.GetProperty("call").GetString(), new[] { "improved", "worsened", "unchanged", "cannot-judge" });
        }

        JsonElement gmax = outcomes[0];
        double[] testSets = gmax.GetProperty("test").GetProperty("sets").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(2, testSets.Length);
        Assert.Equal(testSets.Average(), gmax.GetProperty("test").GetProperty("mean").GetDouble(), 9);
        Assert.Equal("%MVC", gmax.GetProperty("units").GetString());
        Assert.Equal("improved", gmax.GetProperty("call").GetString());
        Assert.StartsWith("this patient's own set-to-set spread", gmax.GetProperty("threshold_source").GetString());
        Assert.False(gmax.TryGetProperty("hedges_g", out _));
    }

    [Fact]
    public void ReliabilityFromANoInterventionCohort_FeedsTheAuditThreshold_AndRefusesPooledMicrovolts()
    {
        var rows = new System.Collections.Generic.List<string> { "subject,set_a,set_b,mvc" };
        var uvRows = new System.Collections.Generic.List<string> { "subject,set_a,set_b" };
        for (int s = 0; s < 4; s++)
        {
            string id = $"rel-{s}";
            string mvc = Simulate($"{id}-mvc", "--exercise", "mvc", "--reps", "1", "--seed", (100 + s).ToString(CultureInfo.InvariantCulture), "--subject", id);
            string a = Bridge($"{id}-a", 200 + s, 0.8 + 0.1 * s, id), b = Bridge($"{id}-b", 300 + s, (0.8 + 0.1 * s) * (s % 2 == 0 ? 1.08 : 0.93), id);
            rows.Add($"{id},{Path.GetFileName(a)},{Path.GetFileName(b)},{Path.GetFileName(mvc)}");
            uvRows.Add($"{id},{a},{b}");
        }

        string table = Path.Combine(_dir, "reliability.csv");
        File.WriteAllLines(table, rows);
        string sem = Path.Combine(_dir, "sem.json");
        (int code, string output, string error) = CliTests.Run("reliability", "--table", table, "--json", sem, "--report", Path.Combine(_dir, "rel-report"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("gmax_mean", output);
        Assert.True(File.Exists(Path.Combine(_dir, "rel-report", "index.html")));
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(sem)))
        {
            Assert.Equal("glutesense-reliability/1", doc.RootElement.GetProperty("format").GetString());
            JsonElement g = doc.RootElement.GetProperty("outcomes").EnumerateArray().First(o => o.GetProperty("name").GetString() == "gmax_mean");
            Assert.Equal("%MVC", g.GetProperty("normalisation").GetString());
            Assert.Equal(4, g.GetProperty("n").GetInt32());
            Assert.Equal(1.96 * Math.Sqrt(2) * g.GetProperty("sem").GetDouble(), g.GetProperty("mdc95").GetDouble(), 9);
        }

        // The audit of subject rel-0 with that file: the threshold comes from the study.
        string json = Path.Combine(_dir, "audit.json");
        (code, _, error) = CliTests.Run("audit", "--design", "control", "--test", Path.Combine(_dir, "rel-0-a"), "--retest", Path.Combine(_dir, "rel-0-b"),
            "--mvc", Path.Combine(_dir, "rel-0-mvc"), "--reliability", sem, "--json", json, "--report", Path.Combine(_dir, "audit-report"));
        Assert.True(code == ExitCodes.Ok, error);
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            JsonElement gmax = doc.RootElement.GetProperty("outcomes")[0];
            Assert.StartsWith("reliability study reliability.csv", gmax.GetProperty("threshold_source").GetString());
            Assert.NotEqual("cannot-judge", gmax.GetProperty("call").GetString());
        }

        // Microvolts: amplitude outcomes are refused, physical ones estimated.
        File.WriteAllLines(table, uvRows);
        (code, output, error) = CliTests.Run("reliability", "--table", table, "--json", sem);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("gmax_mean          not estimated: amplitudes are in microvolts", output);

        // One-line errors: another subject's MVC, a table without set_b.
        (code, _, error) = CliTests.Run("audit", "--design", "control", "--test", Path.Combine(_dir, "rel-0-a"), "--retest", Path.Combine(_dir, "rel-1-b"),
            "--report", Path.Combine(_dir, "x"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("one audit is one person", error);
        Assert.StartsWith($"glutesense audit: {Path.Combine(_dir, "rel-1-b")} (", error);   // the folder the user gave, not only the data's source
        Assert.Single(error.Trim().Split('\n'));
        // Another subject's reference: one line, and neither the JSON nor the report is written.
        string refusedJson = Path.Combine(_dir, "refused.json");
        (code, _, error) = CliTests.Run("audit", "--design", "control", "--test", Path.Combine(_dir, "rel-0-a"), "--retest", Path.Combine(_dir, "rel-0-b"),
            "--mvc", Path.Combine(_dir, "rel-1-mvc"), "--json", refusedJson, "--report", Path.Combine(_dir, "refused-report"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal($"glutesense audit: --mvc {Path.Combine(_dir, "rel-1-mvc")} is subject rel-1, not the audited subject: one person, one reference", error.Trim());
        Assert.False(File.Exists(refusedJson) || Directory.Exists(Path.Combine(_dir, "refused-report")));
        File.WriteAllText(table, "subject,set_a\nx,a\n");
        (code, _, error) = CliTests.Run("reliability", "--table", table, "--json", sem);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("missing column 'set_b'", error);
    }
}
