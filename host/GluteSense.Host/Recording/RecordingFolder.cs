using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluteSense.Host.IO;

namespace GluteSense.Host.Recording;

/// <summary>
/// Writes and reads recording folders, format glutesense-recording/1 (docs/recording-format.md). Invariant culture;
/// every read error is an <see cref="InputException"/> naming the file and line.
/// </summary>
public static class RecordingFolder
{
    /// <summary>File names inside a recording folder.</summary>
    public const string MetaFile = "meta.json", EmgFile = "emg.csv", EnvelopeFile = "envelope.csv", TruthFile = "truth.json";

    /// <summary>IMU columns without and with magnetometer.</summary>
    public static readonly string[] ImuColumns = { "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z" };

    /// <summary>Magnetometer columns (optional).</summary>
    public static readonly string[] MagColumns = { "mag_x", "mag_y", "mag_z" };

    /// <summary>JSON settings of meta.json and truth.json: camelCase, indented, enums as strings.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>File name of an IMU's table.</summary>
    public static string ImuFile(string name) => "imu_" + name + ".csv";

    /// <summary>Writes <paramref name="data"/> into <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, RecordingData data)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, MetaFile), MetaJson(data.Meta));
        if (data.Emg != null)
        {
            WriteTable(Path.Combine(directory, EmgFile), data.Emg, "0.###");
        }

        if (data.Envelope != null)
        {
            WriteTable(Path.Combine(directory, EnvelopeFile), data.Envelope, "0.###");
        }

        foreach ((string name, SampleTable table) in data.Imus)
        {
            WriteTable(Path.Combine(directory, ImuFile(name)), table, "G7");
        }

        if (data.TruthJson != null)
        {
            File.WriteAllText(Path.Combine(directory, TruthFile), data.TruthJson);
        }
    }

    /// <summary>The text of meta.json: the meta's fields, then the protocol's additive top-level fields (if any).</summary>
    public static string MetaJson(RecordingMeta meta)
    {
        if (meta.Protocol == null) return JsonSerializer.Serialize(meta, Json);
        System.Text.Json.Nodes.JsonObject root = JsonSerializer.SerializeToNode(meta, Json)!.AsObject();
        SetProtocolJson.WriteInto(root, meta.Protocol);
        return root.ToJsonString(Json);
    }

    /// <summary>Reads a recording folder.</summary>
    public static RecordingData Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InputException($"recording folder not found: {directory}");
        }

        RecordingMeta meta = ReadMeta(Path.Combine(directory, MetaFile));
        string[] channelNames = meta.Channels.Select(c => c.Name).ToArray();
        SampleTable? emg = ReadOptional(Path.Combine(directory, EmgFile), channelNames);
        SampleTable? envelope = ReadOptional(Path.Combine(directory, EnvelopeFile), channelNames);
        if (emg == null && envelope == null)
        {
            throw new InputException($"{directory}: neither {EmgFile} nor {EnvelopeFile} is present");
        }

        var imus = new Dictionary<string, SampleTable>();
        foreach (ImuMeta imu in meta.Imus)
        {
            string path = Path.Combine(directory, ImuFile(imu.Name));
            if (!File.Exists(path))
            {
                throw new InputException($"{ImuFile(imu.Name)} is missing (meta.json lists IMU '{imu.Name}')");
            }

            imus[imu.Name] = ReadTable(path, ImuColumns);
        }

        string truthPath = Path.Combine(directory, TruthFile);
        return new RecordingData(meta, emg, envelope, imus, File.Exists(truthPath) ? File.ReadAllText(truthPath) : null);
    }

    private static RecordingMeta ReadMeta(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{MetaFile} is missing in {Path.GetDirectoryName(path)}");
        }

        RecordingMeta? meta;
        string text = File.ReadAllText(path);
        try
        {
            meta = JsonSerializer.Deserialize<RecordingMeta>(text, Json);
        }
        catch (JsonException e) when (e.Path == "$.exercise")
        {
            string given = JsonDocument.Parse(text).RootElement.GetProperty("exercise").ToString();
            throw new InputException($"{MetaFile}: unknown exercise '{given}' (expected "
                + $"{string.Join(", ", Vocabulary.AllNames<Exercise>())})", e);
        }
        catch (JsonException e)
        {
            throw new InputException($"{MetaFile} line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split('.')[0]})", e);
        }

        if (meta == null || meta.Format != RecordingMeta.FormatV1)
        {
            throw new InputException($"{MetaFile}: format '{meta?.Format}' is not {RecordingMeta.FormatV1}");
        }

        if (meta.Channels.Count == 0)
        {
            throw new InputException($"{MetaFile}: no channels");
        }

        try
        {
            meta = meta with { Protocol = SetProtocolJson.ReadFrom(System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject()) };
            meta.Protocol?.Validate();
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            throw new InputException($"{MetaFile}: {(e is JsonException ? "protocol fields: " + e.Message.Split(". Path")[0] : e.Message)}", e);
        }

        return meta;
    }

    private static SampleTable? ReadOptional(string path, string[] required) => File.Exists(path) ? ReadTable(path, required) : null;

    /// <summary>
    /// Reads a CSV whose header has time_s and at least <paramref name="required"/> (columns by name; others kept).
    /// The rows are counted first so that every column is allocated once at its final size, then parsed straight into
    /// it from one reused byte buffer: the file's text is never held, and no list grows and copies.
    /// </summary>
    public static SampleTable ReadTable(string path, string[] required)
    {
        string file = Path.GetFileName(path);
        long lineCount = Utf8LineReader.CountLines(path);
        using var reader = new Utf8LineReader(path);
        if (!reader.TryReadLine(out ReadOnlySpan<byte> headerBytes))
        {
            throw new InputException($"{file}: empty file");
        }

        string[] names = Encoding.UTF8.GetString(headerBytes).Split(',').Select(h => h.Trim()).ToArray();
        int timeColumn = Array.IndexOf(names, "time_s");
        if (timeColumn < 0)
        {
            throw new InputException($"{file} line 1: no time_s column");
        }

        string[] missing = required.Where(r => !names.Contains(r)).ToArray();
        if (missing.Length > 0)
        {
            throw new InputException($"{file} line 1: missing column(s) {string.Join(", ", missing)}");
        }

        int capacity = (int)Math.Min(Array.MaxLength, Math.Max(0, lineCount - 1));
        var time = new double[capacity];
        string[] valueNames = names.Where((_, i) => i != timeColumn).ToArray();
        double[][] columns = valueNames.Select(_ => new double[capacity]).ToArray();
        int rows = 0;
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (rows == time.Length)
            {
                // More lines than counted (the file grew while being read): grow as a list would.
                int grown = Math.Max(16, time.Length * 2);
                Array.Resize(ref time, grown);
                for (int k = 0; k < columns.Length; k++) Array.Resize(ref columns[k], grown);
            }

            int cells = line.Count((byte)',') + 1;
            if (cells != names.Length)
            {
                throw new InputException($"{file} line {reader.LineNumber}: {cells} cells, header has {names.Length}");
            }

            for (int c = 0, k = 0; c < names.Length; c++)
            {
                int end = line.IndexOf((byte)',');
                ReadOnlySpan<byte> cell = end < 0 ? line : line[..end];
                line = end < 0 ? default : line[(end + 1)..];
                double value = Parse(cell, file, reader.LineNumber);
                if (c == timeColumn) time[rows] = value;
                else columns[k++][rows] = value;
            }

            rows++;
        }

        if (rows != time.Length)
        {
            // Blank lines were counted but hold no row.
            Array.Resize(ref time, rows);
            for (int k = 0; k < columns.Length; k++) Array.Resize(ref columns[k], rows);
        }

        return new SampleTable(time, valueNames, columns);
    }

    private static double Parse(ReadOnlySpan<byte> cell, string file, long line) =>
        NumberCell.TryParse(cell, trimQuotes: false, out double v)
            ? v
            : throw new InputException($"{file} line {line}: '{NumberCell.Text(cell, trimQuotes: false)}' is not a number");

    private static void WriteTable(string path, SampleTable table, string valueFormat)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("time_s");
        foreach (string c in table.Columns)
        {
            writer.Write(',');
            writer.Write(c);
        }

        writer.Write('\n');
        var line = new StringBuilder();
        for (int i = 0; i < table.Count; i++)
        {
            line.Clear();
            line.Append(table.TimeS[i].ToString("0.######", CultureInfo.InvariantCulture));
            foreach (double[] column in table.Values)
            {
                line.Append(',').Append(column[i].ToString(valueFormat, CultureInfo.InvariantCulture));
            }

            line.Append('\n');
            writer.Write(line);
        }
    }
}
