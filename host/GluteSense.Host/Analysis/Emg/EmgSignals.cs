using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Analysis.Onsets;
using GluteSense.Host.Dsp;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis.Emg;

/// <summary>
/// One channel's signals for analysis: the RMS envelope (uV) with each value placed at the CENTRE of its window (the
/// board stamps the window's last sample; centring removes the half-window delay), and the onset detection function.
/// </summary>
/// <param name="OnsetExtraMs">Added to the onset duration criterion: the RMS window length when onsets come from the
/// envelope, because the window stretches every transient (an ECG beat, a spike) by its own length.</param>
public sealed record ChannelSignals(string Name, string Muscle, Side Side, double[] EnvelopeTimeS, double[] EnvelopeUv,
    double[] OnsetTimeS, double[] OnsetFunction, double OnsetRateHz, double OnsetExtraMs = 0);

/// <summary>Where the envelope came from, for the output (ISEK reporting).</summary>
/// <param name="Ecg">ECG removal on the erector spinae channels, per channel, in one line.</param>
/// <param name="OnsetsFromEnvelope">True when onsets come from the envelope alone (no raw EMG: clinic mode).</param>
public sealed record EnvelopeSource(string File, SignalChainDescription Chain, string OnsetSignal, string Ecg = "none",
    bool OnsetsFromEnvelope = false);

/// <summary>Builds <see cref="ChannelSignals"/> from a recording (docs/analysis.md, "EMG").</summary>
public static class EmgSignals
{
    /// <summary>
    /// The first stretch of every recording (s) is the filters' settling time (a 30 mV electrode offset meeting a
    /// 20 Hz high-pass and a Q 30 notch) and is not analysed; the recording protocol starts every trial at rest.
    /// </summary>
    public const double SettleS = 0.5;

    /// <summary>
    /// The envelope comes from envelope.csv when present (board-made: exactly what the clinician saw live), else from
    /// emg.csv through the firmware core's own chain (<see cref="EnvelopeRunner"/>) with <paramref name="chain"/> (or the
    /// board defaults at the recording's rate). Onsets use raw EMG when present (sharper), else the envelope.
    /// </summary>
    public static (IReadOnlyList<ChannelSignals> Channels, EnvelopeSource Source) From(RecordingData data, OnsetSettings onset,
        EmgChainSettings? chain = null,
        EcgRemoval ecg = EcgRemoval.Template) =>
        From(data, onset, chain, ecg, consumeRawEmg: false);

    /// <summary>
    /// <see cref="From(RecordingData, OnsetSettings, EmgChainSettings?, EcgRemoval)"/>; with <paramref name="consumeRawEmg"/>
    /// the onset detection functions are computed in the raw EMG columns themselves (or their ECG-cleaned copies) instead
    /// of copies, so the caller's <paramref name="data"/> no longer holds raw EMG afterwards. Only for a caller that read
    /// the recording itself and uses nothing of its EMG table later (the folder analysis): it halves the peak memory of a
    /// long raw recording.
    /// </summary>
    internal static (IReadOnlyList<ChannelSignals> Channels, EnvelopeSource Source) From(RecordingData data, OnsetSettings onset,
        EmgChainSettings? chain, EcgRemoval ecg, bool consumeRawEmg)
    {
        RecordingMeta meta = data.Meta;
        // ECG removal on the erector spinae raw channels (docs/analysis.md, "ECG"), before envelopes and onsets.
        var raw = new Dictionary<string, double[]>();
        var ecgNotes = new List<string>();
        var ecgWork = new EcgWorkspace();
        if (data.Emg != null)
        {
            foreach (ChannelMeta c in meta.Channels)
            {
                double[] column = data.Emg.Column(c.Name);
                if (c.Muscle == MuscleNames.ErectorSpinae && ecg != EcgRemoval.None)
                {
                    (column, string note) = EcgRemover.Apply(column, meta.EmgRateHz, ecg, consumeRawEmg, ecgWork);
                    ecgNotes.Add(c.Name + ": " + note);
                }

                raw[c.Name] = column;
            }
        }

        string ecgDescription = data.Emg == null ? "not applied (no raw EMG: the board's envelope cannot be cleaned)"
            : ecgNotes.Count == 0 ? "none" : string.Join("; ", ecgNotes);
        var channels = new List<ChannelSignals>();
        SignalChainDescription description;
        string file;
        (double[] TimeS, double[] Uv)[] envelopes;   // per channel, times at each window's last sample
        if (data.Envelope != null)
        {
            if (!(meta.EnvelopeRateHz > 0)) throw new ArgumentException("meta.json: envelope.csv is present but envelopeRateHz is not set");
            description = meta.EnvelopeChain ?? throw new ArgumentException("meta.json: envelope.csv is present but envelopeChain is "
                + "missing (the window length is needed)");
            file = RecordingFolder.EnvelopeFile;
            envelopes = meta.Channels.Select(c => (data.Envelope.TimeS, data.Envelope.Column(c.Name))).ToArray();
        }
        else
        {
            var settings = new EmgChainSettings();
            if (chain != null) settings.CopyFrom(chain);
            settings.SampleRateHz = meta.EmgRateHz;
            string? error = settings.Validate();
            if (error != null) throw new ArgumentException("EMG chain: " + error);
            EnvelopeResult[] results = meta.Channels.Select(c => EnvelopeRunner.Run(raw[c.Name], settings)).ToArray();
            description = results[0].Chain;
            file = RecordingFolder.EmgFile;
            double t0 = data.Emg!.TimeS[0];
            envelopes = results.Select(r => (r.TimeS.Select(t => t0 + t).ToArray(), r.Envelope)).ToArray();
        }

        double halfWindowS = description.RmsWindowMs / 2000.0;
        for (int k = 0; k < meta.Channels.Count; k++)
        {
            ChannelMeta c = meta.Channels[k];
            double[] env = envelopes[k].Uv;
            double[] envTime = envelopes[k].TimeS.Select(t => t - halfWindowS).ToArray();

            double[] onsetTime, function;
            double onsetRate;
            if (data.Emg != null)
            {
                if (consumeRawEmg)
                {
                    function = raw[c.Name];   // the envelopes above were made from it first
                    OnsetDetector.DetectionFunctionInPlace(function, meta.EmgRateHz, onset);
                }
                else
                {
                    function = OnsetDetector.DetectionFunction(raw[c.Name], meta.EmgRateHz, onset);
                }
                onsetTime = data.Emg.TimeS;
                onsetRate = meta.EmgRateHz;
            }
            else
            {
                function = env;
                onsetTime = envTime;
                onsetRate = meta.EnvelopeRateHz;
            }

            int settled = IndexAtOrAfter(envTime, envTime.Length == 0 ? 0 : envTime[0] + SettleS);
            channels.Add(new ChannelSignals(c.Name, c.Muscle, c.Side, envTime[settled..], env[settled..], onsetTime, function, onsetRate,
                data.Emg != null ? 0 : description.RmsWindowMs));
        }

        string onsetSignal = data.Emg != null
            ? $"raw EMG, {onset.Method} (band-pass {onset.BandLowHz}-{onset.BandHighHz} Hz, rectified, {onset.LowPassHz} Hz zero-phase "
                + $"low-pass, mean + {onset.K} SD for {onset.MinAboveMs} ms)"
            : $"RMS envelope, mean + {onset.K} SD for {onset.MinAboveMs} ms + the {description.RmsWindowMs} ms RMS window";
        return (channels, new EnvelopeSource(file, description, onsetSignal, ecgDescription, data.Emg == null));
    }

    /// <summary>First index with time >= <paramref name="timeS"/> (binary search; times ascending).</summary>
    public static int IndexAtOrAfter(double[] timesS, double timeS)
    {
        int i = Array.BinarySearch(timesS, timeS);
        return i >= 0 ? i : ~i;
    }
}
