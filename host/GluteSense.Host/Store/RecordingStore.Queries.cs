using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace GluteSense.Host.Store;

/// <summary>A stream read back: samples x channels (interleaved) with NaN where samples are missing, and the gaps.</summary>
public sealed record StoredStream(StreamInfo Info, long Samples, float[] Interleaved, IReadOnlyList<StoredGap> Gaps);

public sealed partial class RecordingStore
{
    /// <summary>All sessions, oldest first.</summary>
    public IReadOnlyList<SessionInfo> Sessions() => Query(
        "SELECT s.id, j.code, s.started_utc, s.notes FROM sessions s JOIN subjects j ON j.id = s.subject_id ORDER BY s.id",
        r => new SessionInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)));

    /// <summary>The trials of a session in recording order.</summary>
    public IReadOnlyList<TrialInfo> Trials(long sessionId) => Query(
        "SELECT id, session_id, exercise, side, label, started_utc FROM trials WHERE session_id = $s ORDER BY id",
        r => new TrialInfo(r.GetInt64(0), r.GetInt64(1), Vocabulary.Parse<Exercise>(r.GetString(2)), Vocabulary.Parse<Side>(r.GetString(3)),
            r.GetString(4), r.GetString(5)), ("$s", sessionId));

    /// <summary>The streams of a trial.</summary>
    public IReadOnlyList<StreamInfo> Streams(long trialId) => Query(
        "SELECT id, trial_id, kind, rate_hz, channels, units, chain_json FROM streams WHERE trial_id = $t ORDER BY id",
        r => new StreamInfo(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetDouble(3), r.GetString(4).Split(','), r.GetString(5),
            r.IsDBNull(6) ? null : r.GetString(6)), ("$t", trialId));

    /// <summary>Markers of a trial: time (s), kind, text.</summary>
    public IReadOnlyList<(double TimeS, string Kind, string Text)> Markers(long trialId) => Query(
        "SELECT time_s, kind, text FROM markers WHERE trial_id = $t ORDER BY time_s",
        r => (r.GetDouble(0), r.GetString(1), r.GetString(2)), ("$t", trialId));

    /// <summary>The stored calibration JSON of a board (glutesense calibrate board), or null.</summary>
    public string? BoardCalibrationJson(string serial) =>
        Scalar("SELECT calibration_json FROM boards WHERE serial = $s", ("$s", serial)) as string;

    /// <summary>Latest MVC value (uV) per muscle of a subject.</summary>
    public IReadOnlyDictionary<string, double> Mvc(string subjectCode) => Query(
        "SELECT m.muscle, m.value_uv FROM mvc m JOIN subjects s ON s.id = m.subject_id WHERE s.code = $c ORDER BY m.id",
        r => (r.GetString(0), r.GetDouble(1)), ("$c", subjectCode)).GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Last().Item2);

    /// <summary>Reads a stream: chunks in order, NaN where nothing was stored (recorded gaps or a crash's loss).</summary>
    public StoredStream ReadStream(long streamId)
    {
        StreamInfo info = Query("SELECT id, trial_id, kind, rate_hz, channels, units, chain_json FROM streams WHERE id = $s",
            r => new StreamInfo(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetDouble(3), r.GetString(4).Split(','), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6)), ("$s", streamId)).Single();
        int channels = info.Channels.Length;
        var gaps = Query("SELECT first_sample, samples, channel, reason FROM gaps WHERE stream_id = $s ORDER BY first_sample",
            r => new StoredGap(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)), ("$s", streamId));
        var chunks = Query("SELECT first_sample, frames, data FROM chunks WHERE stream_id = $s ORDER BY first_sample",
            r => (First: r.GetInt64(0), Frames: r.GetInt32(1), Data: (byte[])r.GetValue(2)), ("$s", streamId));
        long samples = Math.Max(chunks.Count == 0 ? 0 : chunks[^1].First + chunks[^1].Frames,
            gaps.Count == 0 ? 0 : gaps.Max(g => g.FirstSample + g.Samples));
        var data = new float[samples * channels];
        Array.Fill(data, float.NaN);
        foreach ((long first, int frames, byte[] bytes) in chunks)
        {
            Buffer.BlockCopy(bytes, 0, data, (int)(first * channels * sizeof(float)), frames * channels * sizeof(float));
        }

        return new StoredStream(info, samples, data, gaps);
    }

    /// <summary>Result of PRAGMA integrity_check ("ok" for a sound file).</summary>
    public string IntegrityCheck() => (string)Scalar("PRAGMA integrity_check")!;

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(sql, parameters);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(map(reader));
        }

        return result;
    }
}
