using System;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Store;
using Microsoft.Data.Sqlite;

namespace GluteSense.Host.Tests.Store;

public sealed class RecordingStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-store-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string Db(string name = "test.db") => Path.Combine(_dir, name);

    [Fact]
    public void EveryTableRoundTrips()
    {
        using (RecordingStore store = RecordingStore.Open(Db()))
        {
            Assert.Equal(1, store.SchemaVersion);
            long board = store.Board("GS-0001", "{\"gyroBias\":[0.01,0,0]}");
            Assert.Equal(board, store.Board("GS-0001"));
            long subject = store.Subject("p-017");
            long session = store.AddSession(subject, board, "clinic A");
            long trial = store.AddTrial(session, Exercise.Bridge, "test");
            long stream = store.AddStream(trial, "envelope", 100, new[] { "gmax_l", "es_l" }, "uV", "{\"rmsWindowMs\":50}");
            using (StreamAppender appender = store.Append(stream, 2, 100))
            {
                appender.Append(Enumerable.Range(0, 60).Select(i => (float)i).ToArray(), 0, 30);
                appender.AppendGap(5, null, "link");
                appender.Append(new float[] { 100, 101, 102, 103 }, 0, 2);
            }

            store.AddMarker(trial, 1.5, "rep", "rep 1");
            store.AddMvc(subject, "gmax_l", 312.5, "highest 500 ms mean envelope of 3 efforts");
        }

        using RecordingStore again = RecordingStore.Open(Db());
        SessionInfo session1 = Assert.Single(again.Sessions());
        Assert.Equal("p-017", session1.Subject);
        TrialInfo trial1 = Assert.Single(again.Trials(session1.Id));
        Assert.Equal((Exercise.Bridge, "test"), (trial1.Exercise, trial1.Label));
        StreamInfo info = Assert.Single(again.Streams(trial1.Id));
        Assert.Equal(new[] { "gmax_l", "es_l" }, info.Channels);
        StoredStream data = again.ReadStream(info.Id);
        Assert.Equal(37, data.Samples);
        Assert.Equal(59f, data.Interleaved[59]);
        Assert.True(data.Interleaved.Skip(60).Take(10).All(float.IsNaN), "gap samples must be missing, not interpolated");
        Assert.Equal(new[] { 100f, 101f, 102f, 103f }, data.Interleaved.Skip(70));
        Assert.Equal(new StoredGap(30, 5, null, "link"), Assert.Single(data.Gaps));
        Assert.Equal((1.5, "rep", "rep 1"), Assert.Single(again.Markers(trial1.Id)));
        Assert.Equal(312.5, again.Mvc("p-017")["gmax_l"]);
    }

    [Theory]
    [InlineData("Jane Doe")]
    [InlineData("jane@example.org")]
    [InlineData("")]
    [InlineData("a-code-that-is-much-longer-than-thirty-two-characters")]
    public void SubjectsMustBePseudonymousCodes(string code)
    {
        using RecordingStore store = RecordingStore.Open(Db());
        Assert.Contains("pseudonymous", Assert.Throws<InputException>(() => store.Subject(code)).Message);
    }

    [Fact]
    public void NewerSchemaIsRefusedAndOldOneIsMigrated()
    {
        using (var raw = new SqliteConnection($"Data Source={Db("new.db")};Pooling=False"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        Assert.Contains("newer than this GluteSense", Assert.Throws<InputException>(() => RecordingStore.Open(Db("new.db"))).Message);

        // An empty file is version 0 and is migrated to the latest version.
        File.WriteAllBytes(Db("old.db"), Array.Empty<byte>());
        using RecordingStore store = RecordingStore.Open(Db("old.db"));
        Assert.Equal(1, store.SchemaVersion);
    }

    [Fact]
    public void CorruptFileGivesAOneLineError()
    {
        File.WriteAllText(Db("bad.db"), new string('x', 4096));
        InputException e = Assert.Throws<InputException>(() => RecordingStore.Open(Db("bad.db")));
        Assert.Contains("cannot open recording database", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ReaderSeesCommittedChunksWhileTheWriterIsOpen()
    {
        using RecordingStore writer = RecordingStore.Open(Db());
        long stream = writer.AddStream(writer.AddTrial(writer.AddSession(writer.Subject("s1"), null), Exercise.Rest), "emg_raw", 1000, new[] { "c0" }, "uV");
        using StreamAppender appender = writer.Append(stream, 1, 1000);
        appender.Append(new float[600], 0, 600);   // 0.6 s: two chunks of 0.25 s committed, 0.1 s buffered
        using RecordingStore reader = RecordingStore.Open(Db());
        Assert.Equal(500, reader.ReadStream(stream).Samples);
        Assert.Equal(500, appender.CommittedSamples);
    }

    [Fact]
    public void TheDatabaseIsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        using (RecordingStore store = RecordingStore.Open(Db("private.db")))
        {
            store.Subject("p-001");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Db("private.db")));
        File.SetUnixFileMode(Db("private.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using (RecordingStore.Open(Db("private.db")))
        {
        }

        Assert.Equal(RecordingStore.DatabaseFileMode, File.GetUnixFileMode(Db("private.db")));   // an old 0644 file is tightened
    }
}
