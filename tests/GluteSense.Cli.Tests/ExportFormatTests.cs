using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Recording;
using GluteSense.Tests.Common;
using Parquet;
using Parquet.Schema;

namespace GluteSense.Cli.Tests;

/// <summary>
/// EDF+ and Parquet exports of a recorded session, read back by independent readers: MNE-Python (Debian python3-mne,
/// installed by scripts/setup.sh) for EDF+, and Parquet.Net's reader for the files its writer made.
/// </summary>
public sealed class ExportFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-exportfmt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string RecordSession()
    {
        string db = Path.Combine(_dir, "g.db");
        (int code, _, string error) = CliTests.Run("demo", "--db", db, "--treat-reps", "3", "--report", Path.Combine(_dir, "report"));
        Assert.True(code == ExitCodes.Ok, error);
        return db;
    }

    private static JsonElement ReadWithMne(string edf)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", $"\"{RepoPaths.Root}/tests/fixtures/scripts/read_edf_mne.py\" \"{edf}\"")
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process p = Process.Start(start)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "MNE could not read the EDF+ file (is python3-mne installed? scripts/setup.sh): " + stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    [Fact]
    public void EdfPlusIsReadByMne_WithTheSamplesAndTheRepAndPhaseAnnotations()
    {
        string db = RecordSession();
        string outDir = Path.Combine(_dir, "edf"), folders = Path.Combine(_dir, "folders");
        Assert.Equal(ExitCodes.Ok, CliTests.Run("export", "--session", "1", "--db", db, "--format", "edf", "--out", outDir).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliTests.Run("export", "--session", "1", "--db", db, "--format", "folder", "--out", folders).ExitCode);
        JsonElement edf = ReadWithMne(Path.Combine(outDir, "002-bridge-test-bridge.edf"));
        RecordingData csv = RecordingFolder.Read(Path.Combine(folders, "002-bridge-test-bridge"));

        string[] channels = edf.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(new[] { "gmax_l RMS", "gmax_r RMS", "es_l RMS", "es_r RMS", "lumbar gyr_x", "lumbar gyr_y", "lumbar gyr_z", "lumbar acc_x", "lumbar acc_y", "lumbar acc_z" }, channels);
        Assert.Equal(100, edf.GetProperty("sfreq").GetDouble());
        double[] gmax = edf.GetProperty("data").GetProperty("gmax_l RMS").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] expected = csv.Envelope!.Column("gmax_l");
        double step = (expected.Max() - expected.Min()) / 65535 + 1e-6;
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], gmax[i], 2 * step);

        string[] notes = edf.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("description").GetString()!).ToArray();
        Assert.Equal(8, notes.Count(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^rep \d+$")));   // the demo's test bridge has 8 reps
        Assert.Contains("rep 1 concentric", notes);
        Assert.Contains("rep 8 eccentric", notes);
        Assert.Contains(notes, n => n.StartsWith("padding", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task ParquetReadsBackEqualToTheCsvTables()
    {
        string db = RecordSession();
        string outDir = Path.Combine(_dir, "pq"), folders = Path.Combine(_dir, "folders");
        Assert.Equal(ExitCodes.Ok, CliTests.Run("export", "--session", "1", "--db", db, "--format", "parquet", "--out", outDir).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliTests.Run("export", "--session", "1", "--db", db, "--out", folders).ExitCode);
        RecordingData csv = RecordingFolder.Read(Path.Combine(folders, "004-bridge-re-test-bridge"));
        await using Stream file = File.OpenRead(Path.Combine(outDir, "004-bridge-re-test-bridge.envelope.parquet"));
        await using ParquetReader reader = await ParquetReader.CreateAsync(file);
        DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(new[] { "time_s", "gmax_l", "gmax_r", "es_l", "es_r" }, fields.Select(f => f.Name));
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(0);
        var time = new double[csv.Envelope!.Count];
        await group.ReadAsync<double>(fields[0], time);
        var es = new double[csv.Envelope.Count];
        await group.ReadAsync<double>(fields[3], es);
        // Parquet holds the store's values exactly (read straight from the database, no CSV round trip)...
        using (var store = GluteSense.Host.Store.RecordingStore.Open(db))
        {
            SampleTable stored = GluteSense.Host.Store.SessionExport.ReadSession(store, 1).Single(t => t.Name == "004-bridge-re-test-bridge").Data.Envelope!;
            Assert.Equal(stored.TimeS, time);
            Assert.Equal(stored.Column("es_l"), es);
        }

        // ...and the CSV table's to the CSV's own precision (time to 1e-6 s, envelope to 0.001 uV, rounded half up).
        Assert.All(time.Zip(csv.Envelope.TimeS), p => Assert.InRange(p.First - p.Second, -5e-7, 5e-7));
        Assert.All(es.Zip(csv.Envelope.Column("es_l")), p => Assert.InRange(p.First - p.Second, -5e-4 - 1e-9, 5e-4 + 1e-9));

        (int code, _, string error) = CliTests.Run("export", "--session", "1", "--db", db, "--format", "mat", "--out", outDir);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("--format 'mat' must be one of folder, csv, edf, parquet", error);
    }
}
