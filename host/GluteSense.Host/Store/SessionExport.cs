using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Store;

/// <summary>
/// Stored trials as recordings: read into memory (<see cref="ReadTrial"/>, <see cref="ReadSession"/>) for analysis and
/// exports, or written as recording folders (format v1), one per trial: NN-exercise-label.
/// </summary>
public static class SessionExport
{
    /// <summary>Exports session <paramref name="sessionId"/> into <paramref name="directory"/>; returns the folders written.</summary>
    public static IReadOnlyList<string> Export(RecordingStore store, long sessionId, string directory)
    {
        var folders = new List<string>();
        foreach (StoredRecording trial in ReadSession(store, sessionId))
        {
            string folder = Path.Combine(directory, trial.Name);
            RecordingFolder.Write(folder, trial.Data);
            folders.Add(folder);
        }

        return folders;
    }

    /// <summary>Every trial of session <paramref name="sessionId"/>, read into memory, in order.</summary>
    public static IReadOnlyList<StoredRecording> ReadSession(RecordingStore store, long sessionId)
    {
        SessionInfo session = store.Sessions().FirstOrDefault(s => s.Id == sessionId)
            ?? throw new InputException($"no session {sessionId} in {store.Path} (sessions: "
                + $"{string.Join(", ", store.Sessions().Select(s => s.Id))})");
        return store.Trials(sessionId).Select(t => new StoredRecording(t, Name(t), ToRecording(store, session, t))).ToList();
    }

    /// <summary>One stored trial (any session), read into memory: what its exported folder would hold, at the store's
    /// full precision (the folder's CSV rounds EMG to 0.001 uV and IMU values to 7 digits).</summary>
    public static RecordingData ReadTrial(RecordingStore store, long trialId)
    {
        foreach (SessionInfo session in store.Sessions())
        {
            TrialInfo? trial = store.Trials(session.Id).FirstOrDefault(t => t.Id == trialId);
            if (trial != null) return ToRecording(store, session, trial);
        }

        throw new InputException($"no trial {trialId} in {store.Path}");
    }

    /// <summary>Exports one stored trial (any session) into <paramref name="directory"/> as a recording folder.</summary>
    public static string ExportTrial(RecordingStore store, long trialId, string directory)
    {
        RecordingFolder.Write(directory, ReadTrial(store, trialId));
        return directory;
    }

    /// <summary>The folder (and export file) name of a trial: NNN-exercise[-label].</summary>
    public static string Name(TrialInfo trial) => $"{trial.Id:D3}-{trial.Exercise.Name()}"
        + (trial.Label.Length > 0 ? "-" + Slug(trial.Label) : "");

    private static RecordingData ToRecording(RecordingStore store, SessionInfo session, TrialInfo trial)
    {
        SampleTable? envelope = null, emg = null;
        var imus = new Dictionary<string, SampleTable>();
        var gaps = new List<GapMeta>();
        int envelopeRate = 0, emgRate = 0, imuRate = 0;
        foreach (StreamInfo info in store.Streams(trial.Id))
        {
            StoredStream stream = store.ReadStream(info.Id);
            double firstS = info.Kind == "envelope" ? EnvelopeFirstTimeS(info) : 0;
            SampleTable table = ToTable(stream, firstS);
            foreach (StoredGap gap in stream.Gaps)
            {
                gaps.Add(
                    new GapMeta(gap.Channel ?? "all", firstS + gap.FirstSample / info.RateHz,
                        firstS + (gap.FirstSample + gap.Samples) / info.RateHz, gap.Reason));
            }

            switch (info.Kind)
            {
                case "envelope":
                    envelope = table;
                    envelopeRate = (int)info.RateHz;
                    break;
                case "emg_raw":
                    emg = table;
                    emgRate = (int)info.RateHz;
                    break;
                default:
                    if (info.Kind.StartsWith("imu:", StringComparison.Ordinal))
                    {
                        imus[info.Kind["imu:".Length..]] = table;
                        imuRate = (int)info.RateHz;
                    }

                    break;
            }
        }

        StreamInfo? envelopeInfo = store.Streams(trial.Id).FirstOrDefault(s => s.Kind == "envelope");
        var markers = store.Markers(trial.Id);   // one query for the protocol and the first phase
        var meta = new RecordingMeta
        {
            EnvelopeChain = envelopeInfo?.ChainJson == null ? null
                : System.Text.Json.JsonSerializer.Deserialize<Dsp.SignalChainDescription>(envelopeInfo.ChainJson, RecordingFolder.Json),
            Exercise = trial.Exercise,
            Subject = session.Subject,
            Side = trial.Side,
            EmgRateHz = emgRate,
            ImuRateHz = imuRate,
            EnvelopeRateHz = envelopeRate,
            Channels = RecordingMeta.DefaultChannels,
            Imus = imus.Keys.Select(k => new ImuMeta(k, k)).ToList(),
            Gaps = gaps,
            Source = $"GluteSense recording store, session {session.Id}, trial {trial.Id} ({trial.Label})",
            Protocol = markers.Where(m => m.Kind == RecordingStore.ProtocolMarker)
                .Select(m => SetProtocolJson.Parse(m.Text)).LastOrDefault(),
            FirstPhase = markers.Where(m => m.Kind == RecordingStore.FirstPhaseMarker)
                .Select(m => (PhaseKind?)Vocabulary.Parse<PhaseKind>(m.Text)).LastOrDefault(),
        };
        return new RecordingData(meta, emg, envelope, imus, null);
    }

    // The envelope's first value belongs to the last sample of the first RMS window (50 ms at the default settings).
    private static double EnvelopeFirstTimeS(StreamInfo info)
    {
        if (info.ChainJson == null)
        {
            return 0;
        }

        Dsp.SignalChainDescription? chain = System.Text.Json.JsonSerializer.Deserialize<Dsp.SignalChainDescription>(info.ChainJson,
            RecordingFolder.Json);
        return chain == null || chain.SampleRateHz <= 0 ? 0 : (chain.RmsWindowMs * chain.SampleRateHz / 1000 - 1) / (double)chain.SampleRateHz;
    }

    private static SampleTable ToTable(StoredStream stream, double firstS)
    {
        int channels = stream.Info.Channels.Length;
        var time = new double[stream.Samples];
        var values = Enumerable.Range(0, channels).Select(_ => new double[stream.Samples]).ToArray();
        for (long i = 0; i < stream.Samples; i++)
        {
            time[i] = firstS + i / stream.Info.RateHz;
            for (int c = 0; c < channels; c++)
            {
                values[c][i] = stream.Interleaved[i * channels + c];
            }
        }

        // Missing samples stay missing: rows inside gaps are dropped, the gaps list in meta.json says where.
        bool[] keep = Enumerable.Range(0, (int)stream.Samples).Select(i => !double.IsNaN(values[0][i])).ToArray();
        return new SampleTable(time.Where((_, i) => keep[i]).ToArray(), stream.Info.Channels,
            values.Select(v => v.Where((_, i) => keep[i]).ToArray()).ToArray());
    }

    private static string Slug(string label) =>
        new string(label.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-').Replace("--", "-");
}

/// <summary>A stored trial read into memory: its row, its export name and its data.</summary>
public sealed record StoredRecording(TrialInfo Trial, string Name, RecordingData Data);
