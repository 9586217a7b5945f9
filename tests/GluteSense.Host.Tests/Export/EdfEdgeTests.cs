using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Export;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;
using GluteSense.Host.Store;

namespace GluteSense.Host.Tests.Export;

/// <summary>
/// Edges of the EDF+ writer and the exports against the EDF+ specification (Kemp and Olivan 2003; edfplus.info/specs):
/// physical limits in the 8 ASCII characters of their header fields (fixed point, so -9999999 to 99999999; anything
/// wider is refused), signals of unequal duration, annotations before the start and after the end, TAL numbers to
/// 3 decimals; raw EMG and magnetometer signal fields, raw EMG in Parquet, the stored-session refusals. Every byte
/// worked out by hand in the comments.
/// </summary>
public sealed class EdfEdgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-edfedge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Header layout (EDF spec): 256 bytes, the number of signals at 252 (4 characters), the records at 236 (8); then
    // each per-signal field for all signals: label 16, transducer 80, unit 8, physical min 8, max 8, digital min 8,
    // max 8, prefiltering 80, samples per record 8, reserved 32 (offsets per signal 0, 16, 96, 104, 112, ..., 216).
    private static string[] Field(byte[] b, int offsetPerSignal, int width)
    {
        int ns = int.Parse(Encoding.ASCII.GetString(b, 252, 4).Trim());
        return Enumerable.Range(0, ns).Select(i => Encoding.ASCII.GetString(b, 256 + offsetPerSignal * ns + i * width, width).TrimEnd()).ToArray();
    }

    [Fact]
    public void PhysicalLimitsUpToEightCharactersAreWritten_WiderOnesAreRefusedWithoutAFile()
    {
        string path = Path.Combine(_dir, "limits.edf");
        // -9999999 and 99999999 are the widest whole numbers in 8 characters. A range of exactly 1e-9 is not flat:
        // its maximum 1e-9 rounds up to 0.000001 (6 decimals fit), not min + 1.
        EdfWriter.Write(path, "p", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new[]
        {
            new EdfSignal("wide", "", 1, new[] { -9999999.0, 99999999 }, ""),
            new EdfSignal("tiny", "", 1, new[] { 0, 1e-9 }, ""),
        }, Array.Empty<EdfAnnotation>());
        byte[] b = File.ReadAllBytes(path);
        Assert.Equal(new[] { "-9999999", "0", "-1" }, Field(b, 104, 8));
        Assert.Equal(new[] { "99999999", "0.000001", "1" }, Field(b, 112, 8));

        // 99999999.5 rounds up to 100000000 (9 characters), -9999999.5 down to -10000000 (9): no 8-character limit
        // holds them, so the export is refused before any file is written (cutting to 8 characters gave 10000000).
        string big = Path.Combine(_dir, "big.edf");
        var up = Assert.Throws<InputException>(() => EdfWriter.Write(big, "p", DateTime.UnixEpoch,
            new[] { new EdfSignal("big", "", 1, new[] { 0, 99999999.5 }, "") }, Array.Empty<EdfAnnotation>()));
        Assert.Equal("EDF signal big: physical maximum 99999999.5 does not fit the header's 8 characters (-9999999 to 99999999); "
            + "export it in a larger unit", up.Message);
        var down = Assert.Throws<InputException>(() => EdfWriter.Write(big, "p", DateTime.UnixEpoch,
            new[] { new EdfSignal("low", "", 1, new[] { -9999999.5, 0 }, "") }, Array.Empty<EdfAnnotation>()));
        Assert.Equal("EDF signal low: physical minimum -9999999.5 does not fit the header's 8 characters (-9999999 to 99999999); "
            + "export it in a larger unit", down.Message);
        Assert.False(File.Exists(big));

        var none = Assert.Throws<ArgumentException>(() => EdfWriter.Write(big, "p", DateTime.UnixEpoch, Array.Empty<EdfSignal>(), Array.Empty<EdfAnnotation>()));
        Assert.Equal("EDF needs at least one signal", none.Message);
    }

    [Fact]
    public void TheLongestSignalSetsTheRecords_AndAnnotationsBeforeAndAfterGoToTheFirstAndLastRecord()
    {
        string path = Path.Combine(_dir, "edges.edf");
        // a: 3 samples at 1 Hz = 3 s; b: 2 at 2 Hz = 1 s; c: 3 at 3 Hz = 1 s, its sample 1 missing (onset 1/3 s,
        // duration 1/3 s, both written to 3 decimals: 0.333). Three records, the longest signal's 3 s: no padding.
        EdfWriter.Write(path, "p", DateTime.UnixEpoch, new[]
        {
            new EdfSignal("a", "", 1, new[] { 1.0, 2, 3 }, ""),
            new EdfSignal("b", "", 2, new[] { 1.0, 2 }, ""),
            new EdfSignal("c", "", 3, new[] { 1.0, double.NaN, 2 }, ""),
        }, new[] { new EdfAnnotation(7, 0.5, "after"), new EdfAnnotation(-0.5, 0, "before") });
        byte[] b = File.ReadAllBytes(path);
        Assert.Equal("3       ", Encoding.ASCII.GetString(b, 236, 8));
        int annotationSamples = int.Parse(Field(b, 216, 8)[3]);
        int recordBytes = 2 * (1 + 2 + 3 + annotationSamples);
        Assert.Equal(256 * 5 + 3 * recordBytes, b.Length);
        string Tals(int record) =>
            Encoding.UTF8.GetString(b, 256 * 5 + record * recordBytes + 2 * 6, 2 * annotationSamples).TrimEnd('\0') + "\0";

        // A negative onset has its own sign (no "+"); an onset before the start goes to the first record, one after
        // the end to the last.
        Assert.Equal("+0\u0014\u0014\0-0.5\u0014before\u0014\0+0.333\u00150.333\u0014gap: c no data\u0014\0", Tals(0));
        Assert.Equal("+1\u0014\u0014\0", Tals(1));
        Assert.Equal("+2\u0014\u0014\0+7\u00150.5\u0014after\u0014\0", Tals(2));
    }

    [Fact]
    public void RawEmgAndMagnetometerSignalFields_AndRawEmgInParquet()
    {
        var meta = new RecordingMeta
        {
            Exercise = Exercise.Rest, Channels = RecordingMeta.DefaultChannels, EmgRateHz = 2, ImuRateHz = 1,
            Imus = new[] { new ImuMeta("lumbar", "lumbar") },
        };
        var emg = new SampleTable(new[] { 0.0, 0.5 }, RecordingMeta.DefaultChannelNames, new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 }, new[] { 5.0, 6 }, new[] { 7.0, 8 } });
        var imu = new SampleTable(new[] { 0.0 }, new[] { "gyr_x", "acc_x", "mag_x" }, new[] { new[] { 0.1 }, new[] { 9.8 }, new[] { 40.0 } });
        var data = new RecordingData(meta, emg, null, new Dictionary<string, SampleTable> { ["lumbar"] = imu }, null);
        string path = Path.Combine(_dir, "raw.edf");
        TrialExport.WriteEdf(data, path, DateTime.UnixEpoch);
        byte[] b = File.ReadAllBytes(path);
        string[] labels = Field(b, 0, 16), transducers = Field(b, 16, 80), units = Field(b, 96, 8), prefilter = Field(b, 136, 80);
        Assert.Equal(new[] { "gmax_l", "gmax_r", "es_l", "es_r", "lumbar gyr_x", "lumbar acc_x", "lumbar mag_x", "EDF Annotations" }, labels);
        Assert.Equal(("uV", "Ag/AgCl surface electrodes, 20 mm", "none (raw AFE input)"), (units[0], transducers[0], prefilter[0]));
        Assert.Equal(new[] { "rad/s", "m/s^2", "uT" }, units[4..7]);

        var paths = TrialExport.WriteParquet(data, _dir, "t");
        Assert.Equal(new[] { Path.Combine(_dir, "t.emg.parquet"), Path.Combine(_dir, "t.imu_lumbar.parquet") }, paths);
        Assert.True(File.Exists(paths[0]));
    }

    [Fact]
    public void RepetitionsAndPhasesAreAnnotatedWithTheirSpansAndFlags_AndAnUnanalysableTrialSaysWhy()
    {
        // Three bridges, the second (index 1) half range: reported partial and so excluded from statistics.
        var settings = new SimulationSettings { Exercise = Exercise.Bridge, Reps = 3, PartialReps = new[] { 1 }, Seed = 5, LeadS = 1, PauseS = 1 };
        RecordingData data = SimulationExport.ToRecording(Simulator.Run(settings), RecordingMode.Envelope);
        AnalysisResult analysis = RecordingAnalyzer.Analyze(data, Normalisation.None);
        Assert.Equal(new[] { (false, false), (true, true), (false, false) }, analysis.Reps.Select(r => (r.Partial, r.Excluded)));
        var expected = new List<EdfAnnotation>();
        foreach (RepResult rep in analysis.Reps)
        {
            // The repetition spans start to end (duration end - start); each phase its own span, named "rep N kind".
            string flags = rep.Partial ? " partial excluded" : "";
            expected.Add(new EdfAnnotation(rep.StartS, rep.EndS - rep.StartS, $"rep {rep.Index}{flags}"));
            expected.AddRange(rep.Phases.Select(p => new EdfAnnotation(p.StartS, p.DurationS, $"rep {rep.Index} {p.Kind.Name()}")));
        }

        Assert.Equal("rep 2 partial excluded", expected.Single(a => a.Text.Contains("partial", StringComparison.Ordinal)).Text);
        Assert.Equal(expected, TrialExport.WriteEdf(data, Path.Combine(_dir, "reps.edf"), DateTime.UnixEpoch));

        // A bridge without any IMU cannot be split into repetitions: the file says why instead.
        RecordingData noImu = data with { Imus = new Dictionary<string, SampleTable>(), Meta = data.Meta with { Imus = Array.Empty<ImuMeta>() } };
        string why = Assert.Throws<ArgumentException>(() => RecordingAnalyzer.Analyze(noImu, Normalisation.None)).Message;
        Assert.Equal(new[] { new EdfAnnotation(0, 0, "no repetition annotations: " + why) }, TrialExport.WriteEdf(noImu, Path.Combine(_dir, "noimu.edf"), DateTime.UnixEpoch));
    }

    [Fact]
    public void AMissingSessionListsEverySession_AndStreamsOfOtherKindsAreNotImus()
    {
        string db = Path.Combine(_dir, "g.db");
        using RecordingStore store = RecordingStore.Open(db);
        long subject = store.Subject("p-1");
        long first = store.AddSession(subject, null), second = store.AddSession(subject, null);
        long trial = store.AddTrial(second, Exercise.Rest, "");
        store.AddStream(trial, "notes", 1, new[] { "x" }, "");
        var e = Assert.Throws<InputException>(() => SessionExport.ReadSession(store, second + 5));
        Assert.Equal($"no session {second + 5} in {db} (sessions: {first}, {second})", e.Message);
        Assert.Empty(SessionExport.ReadTrial(store, trial).Imus);
    }

    [Fact]
    public void OnlyAnEnvelopeWithAUsableChainStartsAfterTheRmsWindow()
    {
        // A 1000 Hz chain with a 50 ms window puts an envelope's first value at (50 - 1) / 1000 = 0.049 s; raw EMG
        // starts at 0 s whatever chain it carries; a chain of rate 0 or a "null" chain gives no offset (0 s).
        string Chain(int rateHz) => System.Text.Json.JsonSerializer.Serialize(
            new GluteSense.Host.Dsp.SignalChainDescription(rateHz, 20, 450, "butterworth", "50", 50, "rectangular", 100, false, "table",
                Array.Empty<float[]>()), RecordingFolder.Json);
        string db = Path.Combine(_dir, "chains.db");
        using RecordingStore store = RecordingStore.Open(db);
        long session = store.AddSession(store.Subject("p-2"), null);
        string[] channels = RecordingMeta.DefaultChannelNames;
        long Trial(string kind, string? chainJson)
        {
            long trial = store.AddTrial(session, Exercise.Rest, "");
            long stream = store.AddStream(trial, kind, 100, channels, "uV", chainJson);
            using StreamAppender a = store.Append(stream, channels.Length, 100);
            a.Append(new float[2 * channels.Length], 0, 2);
            return trial;
        }

        long envelope = Trial("envelope", Chain(1000)), raw = Trial("emg_raw", Chain(1000));
        long rateZero = Trial("envelope", Chain(0)), none = Trial("envelope", "null");
        Assert.Equal(new[] { 0.049, 0.059 }, SessionExport.ReadTrial(store, envelope).Envelope!.TimeS.Select(t => Math.Round(t, 9)));
        Assert.Equal(new[] { 0.0, 0.01 }, SessionExport.ReadTrial(store, raw).Emg!.TimeS);
        Assert.Equal(new[] { 0.0, 0.01 }, SessionExport.ReadTrial(store, rateZero).Envelope!.TimeS);
        Assert.Equal(new[] { 0.0, 0.01 }, SessionExport.ReadTrial(store, none).Envelope!.TimeS);
    }
}
