using System;
using System.Globalization;
using System.IO;
using System.Text;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.IO;

namespace GluteSense.Host.Dsp;

/// <summary>
/// Streams columns of a raw EMG text file through the board's chain (<see cref="EnvelopeStream"/>) into an envelope
/// CSV, <c>time_s,&lt;name&gt;...</c>: time of each window's last sample from the first input sample ("0.######"), then
/// each channel's RMS in the input's unit ("G7"). One pass over the input whatever the number of channels, a chunk of
/// rows at a time, so memory does not grow with the file.
/// </summary>
public static class EnvelopeCsv
{
    /// <summary>The time column of the output (and, in an input table, the column that is not a channel).</summary>
    public const string TimeColumn = "time_s";

    private const string TimeFormat = "0.######", ValueFormat = "G7";

    /// <summary>
    /// Runs <paramref name="columns"/> of <paramref name="reader"/> and writes <paramref name="path"/>, headed by
    /// <paramref name="names"/>. The file appears only when everything was read: a bad line leaves no output behind.
    /// <paramref name="engine"/> makes each channel's chain (default: the managed reference). Returns the envelope rows
    /// written and the samples read per channel.
    /// </summary>
    public static (long EnvelopeRows, long Samples) Write(NumericTableReader reader, int[] columns, string[] names,
        EmgChainSettings settings, string path, EnvelopeChannelFactory? engine = null)
    {
        if (names.Length != columns.Length)
        {
            throw new ArgumentException("one name per column", nameof(names));
        }

        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new InputException($"output folder does not exist: {directory}");
        }

        using var stream = new EnvelopeStream(settings, columns.Length, engine);
        int width = columns.Length;
        var samples = new double[EnvelopeStream.ChunkRows * width];
        var times = new double[stream.MaxEnvelopeRows(EnvelopeStream.ChunkRows)];
        var values = new float[times.Length * width];
        var line = new char[64 * (width + 1)];
        string partial = Path.Combine(directory, "." + Path.GetFileName(full) + ".partial");
        long envelopeRows = 0;
        try
        {
            using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false), 1 << 16))
            {
                writer.Write(TimeColumn);
                foreach (string name in names)
                {
                    writer.Write(',');
                    writer.Write(name);
                }

                writer.Write('\n');
                for (int rows; (rows = reader.ReadRows(columns, samples)) > 0;)
                {
                    int count = stream.Process(samples.AsSpan(0, rows * width), times, values);
                    for (int e = 0; e < count; e++)
                    {
                        writer.Write(line, 0, FormatRow(line, times[e], values.AsSpan(e * width, width)));
                    }

                    envelopeRows += count;
                }
            }

            if (reader.Rows == 0)
            {
                throw reader.NoRowsError();
            }

            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return (envelopeRows, stream.Samples);
    }

    // One output line, formatted as the envelope values (float) widened to double have always been written.
    private static int FormatRow(Span<char> line, double timeS, ReadOnlySpan<float> values)
    {
        timeS.TryFormat(line, out int at, TimeFormat, CultureInfo.InvariantCulture);
        foreach (float v in values)
        {
            line[at++] = ',';
            ((double)v).TryFormat(line[at..], out int n, ValueFormat, CultureInfo.InvariantCulture);
            at += n;
        }

        line[at++] = '\n';
        return at;
    }
}
