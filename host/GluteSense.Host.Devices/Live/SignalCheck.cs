using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Live;

/// <summary>One electrode pair's check: contact (lead-off from the board's status), resting level of the envelope,
/// samples the board counted as clipped, the verdict, and what to do when it is not "go".</summary>
/// <param name="RestRmsUv">Resting envelope level (uV RMS); null when no envelope arrived during the check.</param>
public sealed record ElectrodeCheck(string Channel, bool LeadOff, double? RestRmsUv, long ClippedSamples, bool Go, string? Fix);

/// <summary>The pre-set signal check: every electrode's result, and "go" only when every electrode is.</summary>
/// <param name="MainsRatio">What is known of the mains ratio (today: why it is not checked, see docs/dashboard.md).</param>
public sealed record SignalCheckResult(double DurationS, int StatusFrames, IReadOnlyList<ElectrodeCheck> Electrodes, string MainsRatio)
{
    /// <summary>True when every electrode is "go".</summary>
    public bool Go => Electrodes.All(e => e.Go);

    /// <summary>One line: "go: ..." or "fix this: channel finding (what to do); ...".</summary>
    public string Summary => Go
        ? string.Create(CultureInfo.InvariantCulture, $"go: {Electrodes.Count} electrodes in contact, resting level {Electrodes.Max(e => e.RestRmsUv ?? 0):0.0} uV RMS or less, no clipping ({DurationS:0.#} s, {StatusFrames} status frames)")
        : "fix this: " + string.Join("; ", Electrodes.Where(e => !e.Go).Select(e => $"{e.Channel} {Finding(e)} ({e.Fix})"));

    /// <summary>What meta.json keeps of the check (<c>signal_check</c>).</summary>
    public SignalCheckMeta ToMeta() => new(Go, Summary);

    private static string Finding(ElectrodeCheck e) => string.Join(", ", new[]
    {
        e.LeadOff ? "lead-off" : null,
        e.ClippedSamples > 0 ? $"{e.ClippedSamples} clipped samples" : null,
        e.RestRmsUv is not double rms ? "no envelope received"
            : rms >= SignalCheck.RestNoiseLimitUv ? string.Create(CultureInfo.InvariantCulture, $"resting level {rms:0.0} uV RMS") : null,
    }.Where(s => s != null));
}

/// <summary>
/// The signal check before a set (patient at rest): per electrode, contact from the status frames' lead-off bits,
/// the resting envelope level (baseline noise: the median of the uV RMS envelope over the check), and clipping from the status frames' saturation counts.
/// Filled by <see cref="LiveMonitor"/> from the same blocks the views show; plain go / fix-this verdicts.
/// The mains ratio the board computes (EmgQuality.PowerlineRatio) does not reach the host: see <see cref="MainsRatioNotCarried"/>.
/// </summary>
public sealed class SignalCheck
{
    /// <summary>How long the patient rests for the check (s of board time).</summary>
    public const double DefaultDurationS = 5;

    /// <summary>A resting envelope at or above this (uV RMS) is "fix this": skin-electrode noise alone is 1-3 uV RMS
    /// and a relaxed gluteus or erector adds little, so a higher level is poor contact, cable motion or mains pickup.</summary>
    public const double RestNoiseLimitUv = 15;

    /// <summary>Why the mains ratio is not part of the verdict (docs/dashboard.md says what the protocol lacks).</summary>
    public const string MainsRatioNotCarried = "not checked: the board computes it (Goertzel at the mains frequency) but no frame carries it to the host";

    private readonly string[] _channels;
    private readonly double _endS;
    private readonly List<float>[] _envelope;
    private readonly long[] _clipped;
    private readonly bool[] _leadOff;
    private int _statusFrames;

    /// <summary>A check of <paramref name="channels"/> from board time <paramref name="startS"/> for <paramref name="durationS"/>.</summary>
    public SignalCheck(IReadOnlyList<string> channels, double startS, double durationS = DefaultDurationS)
    {
        if (!(durationS > 0)) throw new ArgumentException($"the signal check needs a duration > 0 s, got {durationS}");
        _channels = channels.ToArray();
        StartS = startS;
        DurationS = durationS;
        _endS = startS + durationS;
        _envelope = _channels.Select(_ => new List<float>()).ToArray();
        _clipped = new long[_channels.Length];
        _leadOff = new bool[_channels.Length];
    }

    /// <summary>Board time the check started (s).</summary>
    public double StartS { get; }

    /// <summary>Length of the check (s).</summary>
    public double DurationS { get; }

    /// <summary>True once board time has passed the end of the check.</summary>
    public bool Done(double boardTimeS) => boardTimeS >= _endS;

    /// <summary>One envelope sample of every channel (uV, not normalised).</summary>
    public void AddEnvelope(ReadOnlySpan<float> microvolts)
    {
        for (int c = 0; c < Math.Min(microvolts.Length, _channels.Length); c++) _envelope[c].Add(microvolts[c]);
    }

    /// <summary>One status frame: lead-off per channel and the saturated samples it reports.</summary>
    public void AddStatus(IReadOnlyList<bool> leadOff, IReadOnlyList<int> saturatedSamples)
    {
        for (int c = 0; c < _channels.Length; c++)
        {
            if (c < leadOff.Count && leadOff[c]) _leadOff[c] = true;
            if (c < saturatedSamples.Count) _clipped[c] += saturatedSamples[c];
        }

        _statusFrames++;
    }

    /// <summary>The verdicts so far.</summary>
    public SignalCheckResult Result()
    {
        var electrodes = _channels.Select((name, c) =>
        {
            // The median of the envelope: the filters' start-up transient and a brief twitch do not move it.
            double? rms = _envelope[c].Count == 0 ? null : Statistics.Descriptive.Median(_envelope[c].Select(v => (double)v).ToArray());
            bool noisy = !(rms < RestNoiseLimitUv);
            string? fix = _leadOff[c] ? "press the electrode on and check its cable is plugged in"
                : _clipped[c] > 0 ? "the amplifier saturated: press the electrode on, re-prepare the skin, keep the cable still"
                : noisy ? "re-prepare the skin, press the electrode on, move the cable away from mains leads"
                : null;
            return new ElectrodeCheck(name, _leadOff[c], rms, _clipped[c], fix == null, fix);
        }).ToList();
        return new SignalCheckResult(DurationS, _statusFrames, electrodes, MainsRatioNotCarried);
    }
}
