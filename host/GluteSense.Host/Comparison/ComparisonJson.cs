using System.Text.Json;
using GluteSense.Host.Analysis;

namespace GluteSense.Host.Comparison;

/// <summary>JSON of compare, audit and cohort results, with the analysis output's options (snake_case, nulls written).</summary>
public static class ComparisonJson
{
    /// <summary>The JSON text of a comparison, audit or cohort result, with the analysis output's naming.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, AnalysisJson.Options);
}
