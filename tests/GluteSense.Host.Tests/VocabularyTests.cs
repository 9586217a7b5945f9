using System;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Tests;

/// <summary>Each vocabulary enum has one name, used alike by files (System.Text.Json) and by code (Name/Parse).</summary>
public class VocabularyTests
{
    [Fact]
    public void NamesAreTheFileNames()
    {
        Assert.Equal(new[] { "bridge", "pull-through", "mvc", "rest" }, Vocabulary.AllNames<Exercise>());
        Assert.Equal(new[] { "eccentric", "concentric", "hold" }, Vocabulary.AllNames<PhaseKind>());
        Assert.Equal(new[] { "partial", "es-before-gmax", "lumbar-motion", "cervical-hyperextension", "fast-eccentric", "fast-concentric", "data-gap" },
            Vocabulary.AllNames<FormFlag>());
        Assert.Equal(new[] { "mean", "peak", "onset" }, Vocabulary.AllNames<Metric>());
        Assert.Equal(new[] { "gmax", "es" }, Vocabulary.AllNames<MuscleGroup>());
        Assert.Equal(new[] { "left", "right", "both" }, Vocabulary.AllNames<Side>());
        Assert.Equal(new[] { "first", "eccentric", "concentric", "hold", "rep" }, Vocabulary.AllNames<PhaseSelector>());
    }

    [Fact]
    public void JsonWritesAndReadsTheSameNames_WithAnyOptions()
    {
        foreach (JsonSerializerOptions options in new[] { new JsonSerializerOptions(), RecordingFolder.Json, AnalysisJson.Options })
        {
            foreach (FormFlag flag in Enum.GetValues<FormFlag>())
            {
                string json = JsonSerializer.Serialize(flag, options);
                Assert.Equal("\"" + flag.Name() + "\"", json);
                Assert.Equal(flag, JsonSerializer.Deserialize<FormFlag>(json, options));
            }

            Assert.Equal("\"pull-through\"", JsonSerializer.Serialize(Exercise.PullThrough, options));
            Assert.Equal(PhaseKind.Hold, JsonSerializer.Deserialize<PhaseKind>("\"hold\"", options));
        }
    }

    [Fact]
    public void ParseRoundTripsAndRefusesUnknownNamesInOneLine()
    {
        foreach (Exercise e in Enum.GetValues<Exercise>()) Assert.Equal(e, Vocabulary.Parse<Exercise>(e.Name()));
        var error = Assert.Throws<ArgumentException>(() => Vocabulary.Parse<Metric>("median"));
        Assert.Equal("unknown metric 'median' (known: mean, peak, onset)", error.Message);
        Assert.False(Vocabulary.TryParse("Bridge", out Exercise _));   // names are exact, as files write them
        Assert.False(Vocabulary.TryParse(null, out Side _));
    }

    [Fact]
    public void MuscleGroupsMapToTheAnatomicalNamesOfMetaJson()
    {
        Assert.Equal(new MuscleGroup?[] { MuscleGroup.Gmax, MuscleGroup.Gmax, MuscleGroup.Es, MuscleGroup.Es },
            RecordingMeta.DefaultChannels.Select(c => c.Group));
        Assert.Null(MuscleNames.GroupOf("biceps femoris"));
        Assert.Equal(MuscleGroup.Es, MuscleNames.GroupOf(MuscleNames.ErectorSpinae));
    }

    [Fact]
    public void ExclusionReasonsCarryTheirSentence()
    {
        ExclusionReason gap = new OverlapsGap(new GapMeta("gmax_l", 1.234, 2.5, "lead-off"));
        Assert.Equal("gap: gmax_l lead-off 1.23-2.50 s", gap.Sentence);
        Assert.Equal(gap.Sentence, gap.ToString());
        Assert.Equal("partial repetition (range below 60 % of the reference range)", new PartialRepetition(0.6).Sentence);
    }
}
