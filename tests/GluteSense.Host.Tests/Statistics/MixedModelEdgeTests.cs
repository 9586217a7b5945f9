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
    public void FormulaDfMethodAndSingularityAreLme4s()
    {
        Assert.Contains(Cases, c => c.GetProperty("singular").GetBoolean() && !c.GetProperty("slope").GetBoolean());
        Assert.Contains(Cases, c => c.GetProperty("singular").GetBoolean() && c.GetProperty("slope").GetBoolean());
        foreach (JsonElement c in Cases)
        {
            string name = c.GetProperty("name").GetString()!;
            MixedModelFit fit = MixedModel.Fit(MixedModelLme4Tests.Rows(c), randomSlope: c.GetProperty("slope").GetBoolean());
            Assert.Equal(c.GetProperty("formula").GetString(), fit.Formula);
            Assert.Equal("Satterthwaite", fit.DfMethod);
            Assert.True(c.GetProperty("singular").GetBoolean() == fit.Singular, $"{name}: lme4 isSingular {c.GetProperty("singular")}, ours {fit.Singular}");
            Assert.Equal(c.GetProperty("random").GetArrayLength(), fit.Random.Count);
            Assert.Equal(c.GetProperty("fixed").GetArrayLength(), fit.Fixed.Count);
        }
    }

    [Fact]
    public void TheFactorIsNamedAsGivenAndCodedAgainstItsOrdinalFirstLevel()
    {
        // The same data under another factor name gives the same numbers under the new name.
        JsonElement c = Case("balanced_12x2x2");
        List<MixedModelRow> rows = MixedModelLme4Tests.Rows(c);
        MixedModelFit byExercise = MixedModel.Fit(rows), byMovement = MixedModel.Fit(rows, "movement");
        Assert.Equal("value ~ movement + (1 | subject) + (1 | subject:set)", byMovement.Formula);
        Assert.Equal(new[] { "(Intercept)", "movementpull-through" }, byMovement.Fixed.Select(f => f.Term));
        Assert.Equal(byExercise.Fixed[1].Estimate, byMovement.Fixed[1].Estimate, 12);
        Assert.Equal("value ~ movement + (1 + movement | subject) + (1 | subject:set)", MixedModel.Fit(rows, "movement", randomSlope: true).Formula);

        // The reference level is the first in ordinal (byte) order, as R's sort() in the C locale of the fixture script.
        // Renaming "bridge" to "q" puts "pull-through" first: lme4's intercept + effect becomes the intercept and the
        // effect changes sign (REML is invariant to this reparametrisation of the fixed effects).
        double intercept = Fixed(c, "(Intercept)"), effect = Fixed(c, "exercisepull-through");
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

    private static MixedModelRow Row(string subject, string level, double value) => new(subject, level + "-1", level, value);

    private static double Fixed(JsonElement c, string term) =>
        c.GetProperty("fixed").EnumerateArray().Single(f => f.GetProperty("term").GetString() == term).GetProperty("estimate").GetDouble();
}
