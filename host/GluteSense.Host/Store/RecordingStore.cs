using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using GluteSense.Host.IO;
using Microsoft.Data.Sqlite;

namespace GluteSense.Host.Store;

/// <summary>A stored session.</summary>
public sealed record SessionInfo(long Id, string Subject, string StartedUtc, string Notes);

/// <summary>A stored trial.</summary>
public sealed record TrialInfo(long Id, long SessionId, Exercise Exercise, Side Side, string Label, string StartedUtc);

/// <summary>A stored stream: kind ("emg_raw", "envelope", "imu:lumbar"), rate, channel names, units and the EMG chain.</summary>
public sealed record StreamInfo(long Id, long TrialId, string Kind, double RateHz, string[] Channels, string Units, string? ChainJson);

/// <summary>A stored gap: samples of a stream (one channel, or all when Channel is null) that are missing, and why.</summary>
public sealed record StoredGap(long FirstSample, long Samples, string? Channel, string Reason);

/// <summary>
/// The recording database (SQLite, WAL; docs/recording-store.md): boards, pseudonymous subjects, sessions, trials,
/// streams written incrementally in chunks, gaps, markers and MVC values. One writer at a time; readers may read
/// while it writes.
/// </summary>
public sealed partial class RecordingStore : IDisposable
{
    private static readonly Regex SubjectCode = new("^[A-Za-z0-9_-]{1,32}$", RegexOptions.Compiled);

    private RecordingStore(SqliteConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    internal SqliteConnection Connection { get; }

    /// <summary>The default database: LocalApplicationData/GluteSense/glutesense.db.</summary>
    public static string DefaultPath => System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "GluteSense", "glutesense.db");

    /// <summary>Opens (creating and migrating as needed) the database at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file cannot be opened, is not a GluteSense database, or is newer than this program.</exception>
    public static RecordingStore Open(string? path = null)
    {
        path ??= DefaultPath;
        try
        {
            string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (directory != null)
            {
                Directory.CreateDirectory(directory);
            }

            RestrictToOwner(path);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            var store = new RecordingStore(connection, path);
            store.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            store.Migrate();
            return store;
        }
        catch (SqliteException e)
        {
            throw new InputException($"cannot open recording database {path}: {e.Message.Split('\n')[0]}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot open recording database {path}: {e.Message}", e);
        }
    }

    /// <summary>Owner read/write only (0600): the database holds patients' recordings (docs/security.md).</summary>
    public const UnixFileMode DatabaseFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Creates the file with 0600 (SQLite gives its -wal and -shm files the database file's mode) or tightens an
    // existing one. Not on Windows, whose ACLs follow the user's profile folder.
    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = DatabaseFileMode,
            });
        }
        else if (File.GetUnixFileMode(path) != DatabaseFileMode)
        {
            File.SetUnixFileMode(path, DatabaseFileMode);
        }
    }

    /// <summary>The schema version of the open database.</summary>
    public int SchemaVersion => Convert.ToInt32(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);

    private void Migrate()
    {
        int version = SchemaVersion;
        if (version > Schema.Latest)
        {
            throw new InputException($"{Path} has schema version {version}, newer than this GluteSense ({Schema.Latest}): update GluteSense");
        }

        for (int v = version; v < Schema.Latest; v++)
        {
            using SqliteTransaction tx = Connection.BeginTransaction();
            Execute(Schema.Migrations[v], tx);
            Execute($"PRAGMA user_version = {v + 1}", tx);
            tx.Commit();
        }
    }

    /// <summary>Registers a board (or returns the existing id) and stores its calibration JSON when given.</summary>
    public long Board(string serial, string? calibrationJson = null)
    {
        Execute("INSERT INTO boards (serial, calibration_json, updated_utc) VALUES ($s, $c, $t) ON CONFLICT(serial) DO UPDATE SET " +
                "calibration_json = coalesce(excluded.calibration_json, calibration_json), updated_utc = excluded.updated_utc",
            null, ("$s", serial), ("$c", calibrationJson), ("$t", Now()));
        return Convert.ToInt64(Scalar("SELECT id FROM boards WHERE serial = $s", ("$s", serial)), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Registers a subject by pseudonymous code (letters, digits, '-' and '_', at most 32) or returns its id. Names and
    /// e-mail addresses cannot pass the pattern: the database holds no directly identifying data.
    /// </summary>
    public long Subject(string code)
    {
        if (!SubjectCode.IsMatch(code))
        {
            throw new InputException($"subject id '{code}' is not a pseudonymous code (1-32 letters, digits, '-' or '_'; "
                + $"no names or e-mail addresses)");
        }

        Execute("INSERT OR IGNORE INTO subjects (code, created_utc) VALUES ($c, $t)", null, ("$c", code), ("$t", Now()));
        return Convert.ToInt64(Scalar("SELECT id FROM subjects WHERE code = $c", ("$c", code)), CultureInfo.InvariantCulture);
    }

    /// <summary>Starts a session for a subject (and board).</summary>
    public long AddSession(long subjectId, long? boardId, string notes = "") =>
        Insert("INSERT INTO sessions (subject_id, board_id, started_utc, notes) VALUES ($a, $b, $t, $n)",
            ("$a", subjectId), ("$b", boardId), ("$t", Now()), ("$n", notes));

    /// <summary>Adds a trial to a session.</summary>
    public long AddTrial(long sessionId, Exercise exercise, string label = "", Side side = Side.Both, string notes = "") =>
        Insert("INSERT INTO trials (session_id, exercise, side, label, notes, started_utc) VALUES ($s, $e, $d, $l, $n, $t)",
            ("$s", sessionId), ("$e", exercise.Name()), ("$d", side.Name()), ("$l", label), ("$n", notes), ("$t", Now()));

    /// <summary>Adds a stream to a trial.</summary>
    public long AddStream(long trialId, string kind, double rateHz, IReadOnlyList<string> channels, string units, string? chainJson = null) =>
        Insert("INSERT INTO streams (trial_id, kind, rate_hz, channels, units, chain_json) VALUES ($t, $k, $r, $c, $u, $j)",
            ("$t", trialId), ("$k", kind), ("$r", rateHz), ("$c", string.Join(",", channels)), ("$u", units), ("$j", chainJson));

    /// <summary>An appender that writes a stream incrementally (see <see cref="StreamAppender"/>).</summary>
    public StreamAppender Append(long streamId, int channels, double rateHz) => new(this, streamId, channels, rateHz);

    /// <summary>Records missing samples of a stream (channel null = all channels).</summary>
    public void AddGap(long streamId, long firstSample, long samples, string? channel, string reason) =>
        Insert("INSERT INTO gaps (stream_id, first_sample, samples, channel, reason) VALUES ($s, $f, $n, $c, $r)",
            ("$s", streamId), ("$f", firstSample), ("$n", samples), ("$c", channel), ("$r", reason));

    /// <summary>Marker kind that holds a trial's <see cref="Recording.SetProtocol"/> as JSON (one per trial; the export
    /// writes it into meta.json's protocol fields; <see cref="Recording.SetProtocolJson"/> maps it).</summary>
    public const string ProtocolMarker = "protocol";

    /// <summary>Records the protocol facts of a trial (condition, set, load, cue, pain, signal check); validated first.</summary>
    public void AddProtocol(long trialId, Recording.SetProtocol protocol)
    {
        protocol.Validate();
        AddMarker(trialId, 0, ProtocolMarker, Recording.SetProtocolJson.Serialize(protocol));
    }

    /// <summary>Marker kind that holds a trial's first phase when it is not the exercise's usual one (a dead-start
    /// pull-through: <c>concentric</c>); the export writes it as meta.json's <c>firstPhase</c>, without which the
    /// analysis would name the phases in the wrong order and a study refuses the set.</summary>
    public const string FirstPhaseMarker = "first_phase";

    /// <summary>Records that a trial starts with <paramref name="firstPhase"/> (see <see cref="FirstPhaseMarker"/>).</summary>
    public void AddFirstPhase(long trialId, PhaseKind firstPhase) => AddMarker(trialId, 0, FirstPhaseMarker, firstPhase.Name());

    /// <summary>Adds a marker to a trial.</summary>
    public void AddMarker(long trialId, double timeS, string kind, string text = "") =>
        Insert("INSERT INTO markers (trial_id, time_s, kind, text) VALUES ($t, $s, $k, $x)", ("$t", trialId), ("$s", timeS), ("$k", kind),
            ("$x", text));

    /// <summary>Stores an MVC reference value (uV) of a subject's muscle.</summary>
    public void AddMvc(long subjectId, string muscle, double valueUv, string method) =>
        Insert("INSERT INTO mvc (subject_id, muscle, value_uv, method, measured_utc) VALUES ($s, $m, $v, $d, $t)",
            ("$s", subjectId), ("$m", muscle), ("$v", valueUv), ("$d", method), ("$t", Now()));

    /// <summary>Closes the database.</summary>
    public void Dispose() => Connection.Dispose();

    internal static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    internal long Insert(string sql, params (string Name, object? Value)[] parameters)
    {
        Execute(sql, null, parameters);
        return Convert.ToInt64(Scalar("SELECT last_insert_rowid()"), CultureInfo.InvariantCulture);
    }

    internal void Execute(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(sql, parameters);
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    internal object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    internal SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
