namespace GluteSense.Host.Store;

/// <summary>
/// The recording database schema as ordered migrations (docs/recording-store.md). Version n is reached by running
/// migrations 1..n in order; PRAGMA user_version holds the version. Never edit a released migration: add one.
/// </summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    {
        // 1: the initial schema.
        """
        CREATE TABLE boards (id INTEGER PRIMARY KEY, serial TEXT NOT NULL UNIQUE, calibration_json TEXT, updated_utc TEXT NOT NULL);
        CREATE TABLE subjects (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, created_utc TEXT NOT NULL);
        CREATE TABLE sessions (id INTEGER PRIMARY KEY, subject_id INTEGER NOT NULL REFERENCES subjects(id), board_id INTEGER REFERENCES boards(id),
                               started_utc TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '');
        CREATE TABLE trials (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id), exercise TEXT NOT NULL
                             CHECK (exercise IN ('bridge', 'pull-through', 'mvc', 'rest')), side TEXT NOT NULL DEFAULT 'both',
                             label TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', started_utc TEXT NOT NULL);
        CREATE TABLE streams (id INTEGER PRIMARY KEY, trial_id INTEGER NOT NULL REFERENCES trials(id), kind TEXT NOT NULL,
                              rate_hz REAL NOT NULL, channels TEXT NOT NULL, units TEXT NOT NULL, chain_json TEXT);
        CREATE TABLE chunks (stream_id INTEGER NOT NULL REFERENCES streams(id), first_sample INTEGER NOT NULL, frames INTEGER NOT NULL,
                             data BLOB NOT NULL, PRIMARY KEY (stream_id, first_sample));
        CREATE TABLE gaps (id INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL REFERENCES streams(id), first_sample INTEGER NOT NULL,
                           samples INTEGER NOT NULL, channel TEXT, reason TEXT NOT NULL);
        CREATE TABLE markers (id INTEGER PRIMARY KEY, trial_id INTEGER NOT NULL REFERENCES trials(id), time_s REAL NOT NULL,
                              kind TEXT NOT NULL, text TEXT NOT NULL DEFAULT '');
        CREATE TABLE mvc (id INTEGER PRIMARY KEY, subject_id INTEGER NOT NULL REFERENCES subjects(id), muscle TEXT NOT NULL,
                          value_uv REAL NOT NULL, method TEXT NOT NULL, measured_utc TEXT NOT NULL);
        """,
    };

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => Migrations.Length;
}
