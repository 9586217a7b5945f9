using System;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.Export;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Store;
using Parquet;

namespace GluteSense.Host.Tests.Export;

/// <summary>
/// A stored trial read back (any session) and exported alone, its name, IMU streams, protocol and first phase, the refusals of a
/// missing session or trial; a trial's EDF signal fields (units, transducer, prefiltering) read against the EDF
/// header layout; Parquet tables read back with the Parquet reader. Values worked out by hand.
/// </summary>
public sealed class StoredTrialExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-storedtrial-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Every protocol field set, as the store keeps it in the trial's protocol marker (issue 16: written by the store's export).
    private static readonly SetProtocol EveryField = new()
    {
        Set = new SetIndex(2, "Re-test set 2"), Condition = SetCondition.Retest, StartedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero),
        LoadKg = 10, BodyMassKg = 72.5, KneeAngleDeg = 90, Cue = "ribs down", PainNrs = 3, ElectrodesReapplied = true,
        SignalCheck = new SignalCheckMeta(false, "es_r: lead-off"), MeasuredTempo = new PhaseDurations(2.1, 0.9, 1.4),
    };

    [Fact]
    public void AStoredTrialIsReadAndExportedAloneWithItsImuAndProtocol_AndMissingOnesAreNamed()
    {
        string db = Path.Combine(_dir, "g.db");
        long trial, session;
        string[] imuAxes = { "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z" };
        using (RecordingStore store = RecordingStore.Open(db))
        {
            session = store.AddSession(store.Subject("p-021"), null);
            store.AddTrial(session, Exercise.Bridge, "");
            trial = store.AddTrial(session, Exercise.PullThrough, "Re-test  Bridge #2!");
            long imu = store.AddStream(trial, "imu:lumbar", 100, imuAxes, "si");
            using (StreamAppender a = store.Append(imu, 6, 100))
            {
                a.Append(Enumerable.Range(0, 3 * 6).Select(i => (float)i).ToArray(), 0, 3);
            }

            // An envelope stream without a chain description starts at 0 s.
            long envelope = store.AddStream(trial, "envelope", 50, RecordingMeta.DefaultChannelNames, "uV");
            using (StreamAppender a = store.Append(envelope, 4, 50))
            {
                a.Append(new float[2 * 4], 0, 2);
            }

            store.AddProtocol(trial, EveryField);
            store.AddFirstPhase(trial, PhaseKind.Concentric);   // a dead-start pull-through
        }

        using (RecordingStore store = RecordingStore.Open(db))
        {
            RecordingData data = SessionExport.ReadTrial(store, trial);
            Assert.Equal(("p-021", Exercise.PullThrough, 100, 50, 0), (data.Meta.Subject, data.Meta.Exercise, data.Meta.ImuRateHz, data.Meta.EnvelopeRateHz, data.Meta.EmgRateHz));
            Assert.Equal(new[] { new ImuMeta("lumbar", "lumbar") }, data.Meta.Imus);
            Assert.Equal(new[] { 0.0, 0.01, 0.02 }, data.Imus["lumbar"].TimeS);
            Assert.Equal(new[] { 4.0, 10, 16 }, data.Imus["lumbar"].Column("acc_y"));
            Assert.Equal(0.0, data.Envelope!.TimeS[0]);
            Assert.Null(data.Meta.EnvelopeChain);
            Assert.Equal(EveryField, data.Meta.Protocol);
            Assert.Equal(PhaseKind.Concentric, data.Meta.FirstPhase);
            Assert.Null(SessionExport.ReadTrial(store, trial - 1).Meta.FirstPhase);   // the bridge: its usual start
            Assert.Equal($"GluteSense recording store, session {session}, trial {trial} (Re-test  Bridge #2!)", data.Meta.Source);

            // Name: NNN-exercise-label, the label lower case with runs of other characters as one hyphen.
            StoredRecording[] all = SessionExport.ReadSession(store, session).ToArray();
            Assert.Equal(new[] { $"{trial - 1:D3}-bridge", $"{trial:D3}-pull-through-re-test-bridge-2" }, all.Select(t => t.Name));

            string folder = SessionExport.ExportTrial(store, trial, Path.Combine(_dir, "one"));
            Assert.Equal(Path.Combine(_dir, "one"), folder);
            Assert.Equal(new[] { 0.0, 0.01, 0.02 }, RecordingFolder.Read(folder).Imus["lumbar"].TimeS);
            // The exported meta.json carries every protocol field at the top level, in the names, and reads back equal.
            string metaJson = File.ReadAllText(Path.Combine(folder, RecordingFolder.MetaFile));
            foreach (string field in SetProtocolJson.FieldNames) Assert.Contains($"\n  \"{field}\": ", metaJson);
            Assert.Equal(EveryField, RecordingFolder.Read(folder).Meta.Protocol);
            Assert.Contains("\n  \"firstPhase\": \"concentric\"", metaJson);
            Assert.Equal(PhaseKind.Concentric, RecordingFolder.Read(folder).Meta.FirstPhase);

            var noSession = Assert.Throws<InputException>(() => SessionExport.ReadSession(store, session + 7));
            Assert.Equal($"no session {session + 7} in {db} (sessions: {session})", noSession.Message);
            Assert.Equal($"no trial {trial + 9} in {db}", Assert.Throws<InputException>(() => SessionExport.ReadTrial(store, trial + 9)).Message);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task ParquetHasOneFilePerTableWithTimeFirst()
    {
        var meta = new RecordingMeta { Exercise = Exercise.Rest, Channels = RecordingMeta.DefaultChannels, EnvelopeRateHz = 10 };
        var envelope = new SampleTable(new[] { 0.0, 0.1 }, RecordingMeta.DefaultChannelNames, new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 }, new[] { 5.0, 6 }, new[] { 7.0, 8 } });
        var imu = new SampleTable(new[] { 0.0 }, new[] { "gyr_x" }, new[] { new[] { 0.5 } });
        var data = new RecordingData(meta, null, envelope, new System.Collections.Generic.Dictionary<string, SampleTable> { ["sacrum"] = imu }, null);
        var paths = TrialExport.WriteParquet(data, _dir, "t");
        Assert.Equal(new[] { Path.Combine(_dir, "t.envelope.parquet"), Path.Combine(_dir, "t.imu_sacrum.parquet") }, paths);
        await using Stream file = File.OpenRead(paths[0]);
        await using ParquetReader reader = await ParquetReader.CreateAsync(file);
        Parquet.Schema.DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(new[] { "time_s", "gmax_l", "gmax_r", "es_l", "es_r" }, fields.Select(f => f.Name));
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(0);
        var time = new double[2];
        await group.ReadAsync<double>(fields[0], time);
        var esR = new double[2];
        await group.ReadAsync<double>(fields[4], esR);
        Assert.Equal(new[] { 0.0, 0.1 }, time);
        Assert.Equal(new[] { 7.0, 8 }, esR);
    }

    [Fact]
    public void EdfSignalFieldsNameUnitsSensorsAndTheChain()
    {
        var settings = new GluteSense.Host.Simulation.SimulationSettings { Exercise = Exercise.Rest, Reps = 1, Seed = 3, LeadS = 1, PauseS = 1 };
        RecordingData data = GluteSense.Host.Simulation.SimulationExport.ToRecording(GluteSense.Host.Simulation.Simulator.Run(settings), GluteSense.Host.Simulation.RecordingMode.Envelope);
        string path = Path.Combine(_dir, "rest.edf");
        var notes = TrialExport.WriteEdf(data, path, new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc));
        Assert.Empty(notes);   // a rest trial has no repetitions to annotate
        byte[] b = File.ReadAllBytes(path);
        int ns = int.Parse(Encoding.ASCII.GetString(b, 252, 4).Trim());
        // Per-signal fields follow the 256-byte header, each for all signals: label 16, transducer 80, unit 8, ..., prefiltering 80.
        string[] Field(int offsetPerSignal, int width) =>
            Enumerable.Range(0, ns).Select(i => Encoding.ASCII.GetString(b, 256 + offsetPerSignal * ns + i * width, width).Trim()).ToArray();
        string[] labels = Field(0, 16), transducers = Field(16, 80), units = Field(96, 8), prefilter = Field(136, 80);
        int gmax = Array.IndexOf(labels, "gmax_l RMS");
        Assert.Equal(("uV", "Ag/AgCl surface electrodes, 20 mm"), (units[gmax], transducers[gmax]));
        var chain = data.Meta.EnvelopeChain!;
        Assert.Equal($"HP:{chain.BandPassLowHz}Hz LP:{chain.BandPassHighHz}Hz N:{chain.Notch} RMS:{chain.RmsWindowMs}ms", prefilter[gmax]);
        int gyro = Array.FindIndex(labels, l => l.EndsWith(" gyr_x", StringComparison.Ordinal));
        int accel = Array.FindIndex(labels, l => l.EndsWith(" acc_z", StringComparison.Ordinal));
        Assert.Equal(("rad/s", "m/s^2", "ICM-42688-P IMU", "none"), (units[gyro], units[accel], transducers[gyro], prefilter[gyro]));
        Assert.Equal("EDF Annotations", labels[^1]);
    }
}
