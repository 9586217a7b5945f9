using System.Text.Json;
using System.Text.Json.Serialization;

namespace GluteSense.Host.Comparison;

/// <summary>JSON of compare, audit and cohort results: snake_case, nulls written, NaN as a string.</summary>
public static class ComparisonJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
