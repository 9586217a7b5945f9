using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using Parquet;
using Parquet.Schema;

namespace GluteSense.Host.Export;

/// <summary>
/// One trial (a recording folder's data) as EDF+ or Parquet. EDF+ carries the EMG (raw if recorded, else the board's
/// envelope) and the IMUs, annotated with repetitions and phases (when the exercise can be analysed), data gaps and
/// the padding of the last second. Parquet writes one file per table (time_s + columns, doubles, NaN = missing).
/// </summary>
public static class TrialExport
{
    /// <summary>Writes <paramref name="path"/> as EDF+; returns the annotations written besides gaps and padding.</summary>
    public static IReadOnlyList<EdfAnnotation> WriteEdf(RecordingData data, string path, DateTime startUtc)
    {
        RecordingMeta meta = data.Meta;
        var signals = new List<EdfSignal>();
        string chain = meta.EnvelopeChain is { } c ? $"HP:{c.BandPassLowHz}Hz LP:{c.BandPassHighHz}Hz N:{c.Notch}" : "";
        if (data.Emg != null)
        {
            signals.AddRange(
                meta.Channels.Select(ch =>
                    new EdfSignal(ch.Name, "uV", meta.EmgRateHz, data.Emg.Column(ch.Name), "none (raw AFE input)",
                        "Ag/AgCl surface electrodes, 20 mm")));
        }

        if (data.Envelope != null)
        {
            signals.AddRange(meta.Channels.Select(ch => new EdfSignal(ch.Name + " RMS", "uV", meta.EnvelopeRateHz, data.Envelope.Column(ch.Name),
                $"{chain} RMS:{meta.EnvelopeChain?.RmsWindowMs}ms", "Ag/AgCl surface electrodes, 20 mm")));
        }

        foreach (ImuMeta imu in meta.Imus)
        {
            SampleTable t = data.Imus[imu.Name];
            foreach (string col in t.Columns)
            {
                string unit = col.StartsWith("gyr", StringComparison.Ordinal) ? "rad/s"
                    : col.StartsWith("acc", StringComparison.Ordinal) ? "m/s^2" : "uT";
                signals.Add(new EdfSignal($"{imu.Name} {col}", unit, meta.ImuRateHz, t.Column(col), "none", "ICM-42688-P IMU"));
            }
        }

        var annotations = new List<EdfAnnotation>();
        annotations.AddRange(meta.Gaps.Select(g => new EdfAnnotation(g.StartS, g.EndS - g.StartS, $"gap: {g.Channel} {g.Reason}")));
        if (meta.Exercise is Exercise.Bridge or Exercise.PullThrough)
        {
            try
            {
                AnalysisResult result = RecordingAnalyzer.Analyze(data, Normalisation.None);
                foreach (RepResult rep in result.Reps)
                {
                    annotations.Add(
                        new EdfAnnotation(rep.StartS, rep.EndS - rep.StartS,
                            $"rep {rep.Index}" + (rep.Partial ? " partial" : "") + (rep.Excluded ? " excluded" : "")));
                    annotations.AddRange(rep.Phases.Select(p => new EdfAnnotation(p.StartS, p.DurationS, $"rep {rep.Index} {p.Kind.Name()}")));
                }
            }
            catch (ArgumentException e)
            {
                annotations.Add(new EdfAnnotation(0, 0, "no repetition annotations: " + e.Message));
            }
        }

        EdfWriter.Write(path, meta.Subject, startUtc, signals, annotations);
        return annotations;
    }

    /// <summary>Writes one Parquet file per table into <paramref name="directory"/> as NAME.TABLE.parquet; returns the paths.</summary>
    public static IReadOnlyList<string> WriteParquet(RecordingData data, string directory, string name)
    {
        var tables = new List<(string Table, SampleTable Data)>();
        if (data.Emg != null) tables.Add(("emg", data.Emg));
        if (data.Envelope != null) tables.Add(("envelope", data.Envelope));
        tables.AddRange(data.Imus.Select(kv => ("imu_" + kv.Key, kv.Value)));
        var paths = new List<string>();
        foreach ((string table, SampleTable t) in tables)
        {
            string path = Path.Combine(directory, $"{name}.{table}.parquet");
            WriteParquetTable(path, t).GetAwaiter().GetResult();
            paths.Add(path);
        }

        return paths;
    }

    private static async Task WriteParquetTable(string path, SampleTable t)
    {
        var fields = new[] { new DataField<double>("time_s") }.Concat(t.Columns.Select(c => new DataField<double>(c))).ToArray();
        var schema = new ParquetSchema(fields);
        await using Stream file = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, file);
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<double>(fields[0], t.TimeS);
        for (int c = 0; c < t.Columns.Length; c++) await group.WriteAsync<double>(fields[c + 1], t.Values[c]);
    }
}
