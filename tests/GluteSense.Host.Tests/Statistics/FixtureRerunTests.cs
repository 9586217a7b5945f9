using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// The scipy and statsmodels fixtures that the statistics tests read (paired t, Wilcoxon, mean-difference CI, Holm,
/// Hedges g, ...: the two-stage route of `study` and the cohort; the Newey-West trend of the treat block) are rerun by
/// their own scripts and must come out as committed: the fixture is what the independent tool says today, not a copy
/// nobody can reproduce. Top-level strings (versions, the command) are not compared; numbers within 1e-9 relative.
/// </summary>
public class FixtureRerunTests
{
    [Theory]
    [InlineData("make_stats_fixture.py", "stats_scipy.json")]
    [InlineData("make_trend_fixture.py", "trend_statsmodels.json")]
    public void ScriptReproducesTheCommittedFixture(string script, string fixture)
    {
        if (!FixtureScripts.Available(script)) return;   // fails instead under CI=true
        JsonElement fresh = FixtureScripts.RerunIntoTempFile(script);
        using JsonDocument committed = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture(fixture)));
        string[] keys = committed.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(keys, fresh.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (string key in keys.Where(k => committed.RootElement.GetProperty(k).ValueKind != JsonValueKind.String))
        {
            Same(committed.RootElement.GetProperty(key), fresh.GetProperty(key), fixture + "/" + key);
        }
    }

    private static void Same(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} vs {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
                foreach (JsonProperty p in expected.EnumerateObject()) Same(p.Value, actual.GetProperty(p.Name), path + "/" + p.Name);
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {expected.GetArrayLength()} vs {actual.GetArrayLength()} items");
                foreach ((JsonElement e, int i) in expected.EnumerateArray().Select((e, i) => (e, i))) Same(e, actual[i], $"{path}/{i}");
                break;
            case JsonValueKind.Number:
                double x = expected.GetDouble(), y = actual.GetDouble();
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{path}: committed {x:R}, rerun {y:R}");
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }
}
