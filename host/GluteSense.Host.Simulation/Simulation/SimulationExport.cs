using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Dsp;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Simulation;

/// <summary>What a simulated recording folder contains: raw EMG, the board's envelope, or both.</summary>
public enum RecordingMode
{
    /// <summary>emg.csv (raw EMG, as research mode streams it).</summary>
    Raw,

    /// <summary>envelope.csv (the board's RMS envelope, as clinic mode streams it).</summary>
    Envelope,

    /// <summary>Both files.</summary>
    Both,
}

/// <summary>Turns a <see cref="SimulatedRecording"/> into recording-folder data (format v1).</summary>
public static class SimulationExport
{
    /// <summary>Builds the folder contents; the envelope comes from the firmware core's chain (default settings).</summary>
    public static RecordingData ToRecording(SimulatedRecording rec, RecordingMode mode, string subject = "sim-001")
    {
        SimulationSettings s = rec.Settings;
        double[] emgTime = Enumerable.Range(0, rec.Emg[0].Length).Select(i => (double)i / s.EmgRateHz).ToArray();
        SampleTable? emg = mode == RecordingMode.Envelope ? null : new SampleTable(emgTime, rec.Channels, rec.Emg);

        SampleTable? envelope = null;
        SignalChainDescription? chain = null;
        var settings = new EmgChainSettings { SampleRateHz = s.EmgRateHz, MainsHz = s.Contamination.MainsHz };
        if (mode != RecordingMode.Raw)
        {
            EnvelopeResult[] results = rec.Emg.Select(channel => EnvelopeRunner.Run(channel, settings)).ToArray();
            chain = results[0].Chain;
            envelope = new SampleTable(results[0].TimeS, rec.Channels, results.Select(r => r.Envelope).ToArray());
        }

        string[] columns = s.Magnetometer ? RecordingFolder.ImuColumns.Concat(RecordingFolder.MagColumns).ToArray() : RecordingFolder.ImuColumns;
        var imus = rec.Imu.ToDictionary(kv => kv.Key, kv => new SampleTable(
            Enumerable.Range(0, kv.Value.Length).Select(i => (double)i / s.ImuRateHz).ToArray(),
            columns,
            Enumerable.Range(0, columns.Length).Select(a => kv.Value.Select(row => row[a]).ToArray()).ToArray()));

        var meta = new RecordingMeta
        {
            Exercise = s.Exercise,
            Subject = subject,
            EmgRateHz = s.EmgRateHz,
            ImuRateHz = s.ImuRateHz,
            EnvelopeRateHz = envelope != null ? settings.EnvelopeRateHz : 0,
            Channels = RecordingMeta.DefaultChannels,
            Imus = rec.Imu.Keys.Select(k => new ImuMeta(k, k)).ToList(),
            EnvelopeChain = chain,
            Gaps = rec.Truth.Gaps.Select(g => new GapMeta(g.Channel, g.StartS, g.EndS, g.Reason)).ToList(),
            Source = $"GluteSense simulator, seed {s.Seed}, pattern {Simulator.Name(s.Pattern)}{(s.DeadStart ? ", dead start" : "")}",
            FirstPhase = s.DeadStart ? PhaseKind.Concentric : null,
        };
        return new RecordingData(meta, emg, envelope, imus, JsonSerializer.Serialize(rec.Truth, RecordingFolder.Json));
    }
}
