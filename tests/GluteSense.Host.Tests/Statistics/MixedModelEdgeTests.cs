using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Statistics;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// What <see cref="MixedModelLme4Tests"/> does not compare number by number: the formula, df method and singular flag
/// lme4 reports for each fixture case (tests/fixtures/mixed_model_lme4.json, script
/// tests/fixtures/scripts/make_mixed_model_fixture.R, which records <c>isSingular(m)</c>), how the factor is named and
/// coded, and the exact refusals of data that cannot identify the model.
/// </summary>
public class MixedModelEdgeTests
{
    private static readonly JsonElement[] Cases = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("mixed_model_lme4.json"))).RootElement
        .GetProperty("cases").EnumerateArray().ToArray();

    private static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    private static string Refusal(IReadOnlyList<MixedModelRow> rows, string factor = "exercise") =>
        Assert.Throws<ArgumentException>(() => MixedModel.Fit(rows, factor)).Message;

    [Fact]
    public void FormulaSingularityAndOptimumAreLme4sFarBelowTheReportedPrecision()
    {
        Assert.Contains(Cases, c => c.GetProperty("singular").GetBoolean() && !c.GetProperty("slope").GetBoolean());
        Assert.Contains(Cases, c => c.GetProperty("singular").GetBoolean() && c.GetProperty("slope").GetBoolean());

        // lme4 was run with bobyqa to rhoend 1e-10, so its REML criterion is the minimum to about 1e-11 (ours agrees to
        // 6e-12 on every case); a search stopped early or a boundary entry left off zero shows here first. The
        // estimates, SEs and variance components then agree to 2e-7 (held to 2e-6 here; R's own reruns move them by
        // 1e-7); the Satterthwaite df rest on numerical Hessians on both sides and stay at the 1e-4 of MixedModelLme4Tests.
        foreach (JsonElement c in Cases)
        {
            string name = c.GetProperty("name").GetString()!;
            MixedModelFit fit = MixedModel.Fit(MixedModelLme4Tests.Rows(c), randomSlope: c.GetProperty("slope").GetBoolean());
            Assert.Equal(c.GetProperty("formula").GetString(), fit.Formula);
            Assert.Equal("Satterthwaite", fit.DfMethod);
            Assert.True(c.GetProperty("singular").GetBoolean() == fit.Singular, $"{name}: lme4 isSingular {c.GetProperty("singular")}, ours {fit.Singular}");
            Assert.Equal(c.GetProperty("random").GetArrayLength(), fit.Random.Count);
            Assert.Equal(c.GetProperty("fixed").GetArrayLength(), fit.Fixed.Count);
            double criterion = c.GetProperty("reml_deviance").GetDouble();
            Assert.True(Math.Abs(fit.RemlCriterion - criterion) <= 1e-8, $"{name}: REML criterion lme4 {criterion:R}, ours {fit.RemlCriterion:R}");
            foreach (JsonElement f in c.GetProperty("fixed").EnumerateArray())
            {
                FixedEffect mine = fit.Fixed.Single(e => e.Term == f.GetProperty("term").GetString());
                Close(f.GetProperty("estimate").GetDouble(), mine.Estimate, $"{name} {mine.Term} estimate");
                Close(f.GetProperty("se").GetDouble(), mine.Se, $"{name} {mine.Term} se");
            }

            foreach (JsonElement r in c.GetProperty("random").EnumerateArray())
            {
                Close(r.GetProperty("vcov").GetDouble(), MixedModelLme4Tests.Component(fit, r).Variance, $"{name} {r} variance");
            }
        }
    }

    [Fact]
    public void TheFactorIsNamedAsGivenAndCodedAgainstItsOrdinalFirstLevel()
    {
        // The same data under another factor name gives lme4's numbers under the new name.
        JsonElement c = Case("balanced_12x2x2");
        List<MixedModelRow> rows = MixedModelLme4Tests.Rows(c);
        double intercept = Fixed(c, "(Intercept)"), effect = Fixed(c, "exercisepull-through");
        MixedModelFit byMovement = MixedModel.Fit(rows, "movement");
        Assert.Equal("value ~ movement + (1 | subject) + (1 | subject:set)", byMovement.Formula);
        Assert.Equal(new[] { "(Intercept)", "movementpull-through" }, byMovement.Fixed.Select(f => f.Term));
        Close(effect, byMovement.Fixed[1].Estimate, "movement effect");

        // The reference level is the first in ordinal (byte) order. Renaming "bridge" to "q" puts "pull-through"
        // first: lme4's intercept + effect becomes the intercept and the effect changes sign (REML is invariant to
        // this reparametrisation of the fixed effects).
        MixedModelFit swapped = MixedModel.Fit(Renamed(rows, "q"));
        Assert.Equal(new[] { "(Intercept)", "exerciseq" }, swapped.Fixed.Select(f => f.Term));
        Assert.Equal(intercept + effect, swapped.Fixed[0].Estimate, 1e-4 * Math.Abs(intercept));
        Assert.Equal(-effect, swapped.Fixed[1].Estimate, 1e-4 * Math.Abs(effect));

        // "Z" (90) sorts before "pull-through" ('p' = 112) in byte order, though after it alphabetically: it stays the
        // reference and the coding is lme4's.
        MixedModelFit upper = MixedModel.Fit(Renamed(rows, "Z"));
        Assert.Equal(new[] { "(Intercept)", "exercisepull-through" }, upper.Fixed.Select(f => f.Term));
        Assert.Equal(effect, upper.Fixed[1].Estimate, 1e-4 * Math.Abs(effect));
    }

    [Fact]
    public void RefusalsSayWhyTheModelCannotBeFitted()
    {
        Assert.Equal("the mixed model has no observations", Refusal(null!));
        Assert.Equal("the mixed model has no observations", Refusal(Array.Empty<MixedModelRow>()));
        const string missing = "every observation needs a subject, a set and a level";
        Assert.Equal(missing, Refusal(new[] { new MixedModelRow("", "a", "bridge", 1) }));
        Assert.Equal(missing, Refusal(new[] { new MixedModelRow("S1", "", "bridge", 1) }));
        Assert.Equal(missing, Refusal(new[] { new MixedModelRow("S1", "a", "", 1) }));
        Assert.Equal(missing, Refusal(new[] { new MixedModelRow("S1", "a", "bridge", 1), new MixedModelRow("S2", "a", null!, 1) }));
        Assert.Equal("subject S2 set b: value is NaN or infinite",
            Refusal(new[] { new MixedModelRow("S1", "a", "bridge", 1), new MixedModelRow("S2", "b", "bridge", double.PositiveInfinity) }));

        var oneLevel = new[] { Row("S1", "bridge", 1), Row("S2", "bridge", 2), Row("S3", "bridge", 3) };
        Assert.Equal("the mixed model needs at least 2 levels of exercise, got 1", Refusal(oneLevel));
        Assert.Equal("the mixed model needs at least 2 levels of movement, got 1", Refusal(oneLevel, "movement"));
        var twoSubjects = new[] { Row("S1", "bridge", 1), Row("S2", "pull-through", 2), Row("S1", "pull-through", 3), Row("S2", "bridge", 5) };
        Assert.Equal("the mixed model needs at least 3 subjects, got 2", Refusal(twoSubjects));
        // 2 coefficients: more than 3 observations are needed, so 3 are refused.
        var threeRows = new[] { Row("S1", "bridge", 1), Row("S2", "pull-through", 2), Row("S3", "bridge", 4) };
        Assert.Equal("the mixed model needs more than 3 observations, got 3", Refusal(threeRows));
    }

    private static List<MixedModelRow> Renamed(List<MixedModelRow> rows, string bridge) =>
        rows.Select(r => r with { Level = r.Level == "bridge" ? bridge : r.Level }).ToList();

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 2e-6 * Math.Abs(expected) + 1e-12, $"{what}: lme4 {expected:R}, ours {actual:R}");

    private static MixedModelRow Row(string subject, string level, double value) => new(subject, level + "-1", level, value);

    private static double Fixed(JsonElement c, string term) =>
        c.GetProperty("fixed").EnumerateArray().Single(f => f.GetProperty("term").GetString() == term).GetProperty("estimate").GetDouble();
}
