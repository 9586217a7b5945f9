using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GluteSense.Host.Recording;

/// <summary>
/// The one place that maps <see cref="SetProtocol"/> to JSON. Written as additive top-level meta.json fields in the
/// issue's snake_case (<c>set</c>, <c>condition</c>, <c>started_at</c>, <c>load_kg</c>, <c>body_mass_kg</c>,
/// <c>knee_angle_deg</c>, <c>cue</c>, <c>pain_nrs</c>, <c>electrodes_reapplied</c>, plus <c>signal_check</c> and
/// <c>measured_tempo</c>); read from that form and from the older nested camelCase <c>"protocol": {...}</c> object that
/// recordings and store markers written before carry (docs/recording-format.md).
/// </summary>
public static class SetProtocolJson
{
    /// <summary>The key of the older nested form, still read.</summary>
    public const string LegacyKey = "protocol";

    /// <summary>Writing options: snake_case names, enums by their JSON names, indented like the rest of meta.json.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    // Reading: keys are compared without underscores and case, so started_at (now) and startedAt (before) both bind.
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The top-level meta.json names of the protocol fields, in writing order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = typeof(SetProtocol).GetProperties()
        .Where(p => p.CanWrite).Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();

    /// <summary>The protocol as one JSON object in the written names (the store keeps it so in a trial marker).</summary>
    public static string Serialize(SetProtocol protocol) => JsonSerializer.Serialize(protocol, Options);

    /// <summary>Reads a protocol object in either spelling; throws <see cref="JsonException"/> on bad JSON.</summary>
    public static SetProtocol Parse(string json)
    {
        JsonNode node = JsonNode.Parse(json) ?? throw new JsonException("protocol is null");
        return NormaliseKeys(node)!.Deserialize<SetProtocol>(ReadOptions) ?? throw new JsonException("protocol is null");
    }

    /// <summary>Adds the protocol's fields to meta.json's root object (nothing when <paramref name="protocol"/> is null).</summary>
    public static void WriteInto(JsonObject root, SetProtocol? protocol)
    {
        if (protocol == null) return;
        JsonObject fields = JsonSerializer.SerializeToNode(protocol, Options)!.AsObject();
        foreach (string name in fields.Select(kv => kv.Key).ToArray())
        {
            JsonNode? value = fields[name];
            fields.Remove(name);
            root[name] = value;
        }
    }

    /// <summary>The protocol of a meta.json root object: the top-level fields, else the older nested object, else null.
    /// Throws <see cref="JsonException"/> when both forms are present (one file, one source of truth).</summary>
    public static SetProtocol? ReadFrom(JsonObject root)
    {
        var top = new JsonObject();
        foreach (string name in FieldNames)
        {
            if (root.TryGetPropertyValue(name, out JsonNode? value)) top[name] = value?.DeepClone();
        }

        bool legacy = root.TryGetPropertyValue(LegacyKey, out JsonNode? nested) && nested != null;
        if (legacy && top.Count > 0)
            throw new JsonException($"both top-level protocol fields ({string.Join(", ", top.Select(kv => kv.Key))}) "
                + $"and the older \"{LegacyKey}\" object; keep one");
        if (legacy) return Parse(nested!.ToJsonString());
        return top.Count == 0 ? null : Parse(top.ToJsonString());
    }

    // Keys without underscores: started_at and startedAt both become a name that binds StartedAt case-insensitively.
    private static JsonNode? NormaliseKeys(JsonNode? node) => node switch
    {
        JsonObject o =>
            new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key.Replace("_", "", StringComparison.Ordinal), NormaliseKeys(kv.Value)))),
        _ => node?.DeepClone(),
    };
}
