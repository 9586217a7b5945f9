using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Statistics;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// The REML mixed model against R lme4 1.1-31 + lmerTest 3.1-3 (tests/fixtures/mixed_model_lme4.json, made by
/// tests/fixtures/scripts/make_mixed_model_fixture.R): estimates, SEs, Satterthwaite df, t, p, CIs and variance
/// components within 1e-4 relative. When Rscript is installed the script is rerun and must reproduce the fixture.
/// </summary>
public class MixedModelLme4Tests
{
    private const double Relative = 1e-4;

    /// <summary>Satterthwaite df and p are held tighter than the issue's 1e-4: the df Hessian is Richardson-extrapolated
    /// (measured worst on the 7 fixture cases: df 6.2e-7, p 1.1e-5 relative; before, with one central difference,
    /// df 1.3e-5 and p 1.2e-4 on slope_unbalanced_12x2x3's intercept, p ~ 3e-11 being that sensitive to the df).</summary>
    private const double DfRelative = 2e-6, PRelative = 3e-5;
    private const string FixtureName = "mixed_model_lme4.json";

    public static IEnumerable<object[]> Cases() =>
        Load(File.ReadAllText(RepoPaths.Fixture(FixtureName))).GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitEqualsLme4AndLmerTest(string name)
    {
        JsonElement c = Load(File.ReadAllText(RepoPaths.Fixture(FixtureName))).GetProperty("cases").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name);
        MixedModelFit fit = MixedModel.Fit(Rows(c), randomSlope: c.GetProperty("slope").GetBoolean());
        Assert.Equal(c.GetProperty("n_obs").GetInt32(), fit.NObs);
        Assert.Equal(c.GetProperty("n_subjects").GetInt32(), fit.NSubjects);
        Close(c.GetProperty("reml_deviance").GetDouble(), fit.RemlCriterion, name + " REML criterion");
        foreach (JsonElement f in c.GetProperty("fixed").EnumerateArray())
        {
            string term = f.GetProperty("term").GetString()!;
            FixedEffect mine = fit.Fixed.Single(e => e.Term == term);
            Close(f.GetProperty("estimate").GetDouble(), mine.Estimate, $"{name} {term} estimate");
            Close(f.GetProperty("se").GetDouble(), mine.Se, $"{name} {term} se");
            Close(f.GetProperty("df").GetDouble(), mine.Df, $"{name} {term} df", DfRelative);
            Close(f.GetProperty("t").GetDouble(), mine.T, $"{name} {term} t");
            Close(f.GetProperty("p").GetDouble(), mine.P, $"{name} {term} p", PRelative);
            double[] ci = f.GetProperty("ci95").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Close(ci[0], mine.Ci95.Low, $"{name} {term} ci low");
            Close(ci[1], mine.Ci95.High, $"{name} {term} ci high");
        }

        foreach (JsonElement r in c.GetProperty("random").EnumerateArray())
        {
            Close(r.GetProperty("vcov").GetDouble(), Component(fit, r).Variance, $"{name} {r} variance");
        }
    }

    [Fact]
    public void RscriptReproducesTheFixture()
    {
        if (!FixtureScripts.Available("make_mixed_model_fixture.R")) return; // R not installed here: the committed fixture stands (scripts/setup.sh installs it in CI)
        string output = FixtureScripts.Run("make_mixed_model_fixture.R");
        JsonElement fresh = Load(output), committed = Load(File.ReadAllText(RepoPaths.Fixture(FixtureName)));
        var a = fresh.GetProperty("cases").EnumerateArray().ToArray();
        var b = committed.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(b.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            foreach ((JsonElement x, JsonElement y) in a[i].GetProperty("fixed").EnumerateArray().Zip(b[i].GetProperty("fixed").EnumerateArray()))
            {
                Close(y.GetProperty("estimate").GetDouble(), x.GetProperty("estimate").GetDouble(), "rerun estimate");
                Close(y.GetProperty("se").GetDouble(), x.GetProperty("se").GetDouble(), "rerun se");
                Close(y.GetProperty("df").GetDouble(), x.GetProperty("df").GetDouble(), "rerun df");
            }
        }
    }

    [Fact]
    public void RefusesDataThatCannotIdentifyTheModel()
    {
        var one = new[] { new MixedModelRow("S1", "a", "bridge", 1), new MixedModelRow("S2", "a", "bridge", 2), new MixedModelRow("S3", "a", "bridge", 3) };
        Assert.Contains("2 levels", Assert.Throws<ArgumentException>(() => MixedModel.Fit(one)).Message);
        var nan = new[] { new MixedModelRow("S1", "a", "bridge", double.NaN) };
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => MixedModel.Fit(nan)).Message);
    }

    /// <summary>Our variance component for a row of lme4's VarCorr table (grp, var1, var2).</summary>
    internal static VarianceComponent Component(MixedModelFit fit, JsonElement r)
    {
        string group = r.GetProperty("grp").GetString()!, var1 = r.GetProperty("var1").GetString()!, var2 = r.GetProperty("var2").GetString()!;
        return fit.Random.Single(v => v.Group == group && v.Term == var1 && (v.Term2 ?? "") == var2);
    }

    internal static List<MixedModelRow> Rows(JsonElement c)
    {
        JsonElement d = c.GetProperty("data");
        string[] Strings(string n) => d.GetProperty(n).EnumerateArray().Select(v => v.GetString()!).ToArray();
        string[] subject = Strings("subject"), set = Strings("set"), exercise = Strings("exercise");
        double[] value = d.GetProperty("value").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return subject.Select((s, i) => new MixedModelRow(s, set[i], exercise[i], value[i])).ToList();
    }

    private static JsonElement Load(string text) => JsonDocument.Parse(text).RootElement;

    private static void Close(double expected, double actual, string what, double relative = Relative) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-12),
            $"{what}: lme4 {expected:R}, ours {actual:R} (relative {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}
