using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Live;

/// <summary>One electrode pair's check: contact (lead-off from the board's status), resting level of the envelope,
/// samples the board counted as clipped, the mains ratio and flat line the board measured, the verdict, and what to do
/// when it is not "go".</summary>
/// <param name="RestRmsUv">Resting envelope level (uV RMS); null when no envelope arrived during the check.</param>
/// <param name="MainsRatio">Highest mains (powerline) ratio the board measured during the check, 0..1 (mains power /
/// (mains + band power) before the notch); null when the board measured none (a board without the status extension).</param>
/// <param name="FlatLine">The board saw no signal on the channel (band-passed level below 0.3 uV RMS) in some block.</param>
public sealed record ElectrodeCheck(string Channel, bool LeadOff, double? RestRmsUv, long ClippedSamples, double? MainsRatio, bool FlatLine,
    bool Go, string? Fix);

/// <summary>The pre-set signal check: every electrode's result, and "go" only when every electrode is.</summary>
public sealed record SignalCheckResult(double DurationS, int StatusFrames, IReadOnlyList<ElectrodeCheck> Electrodes)
{
    /// <summary>True when every electrode is "go".</summary>
    public bool Go => Electrodes.All(e => e.Go);

    /// <summary>One line: "go: ..." or "fix this: channel finding (what to do); ...".</summary>
    public string Summary => Go
        ? string.Create(CultureInfo.InvariantCulture,
            $"go: {Electrodes.Count} electrodes in contact, resting level {Electrodes.Max(e => e.RestRmsUv ?? 0):0.0} uV RMS or less, "
            + $"no clipping, {MainsSummary} ({DurationS:0.#} s, {StatusFrames} status frames)")
        : "fix this: " + string.Join("; ", Electrodes.Where(e => !e.Go).Select(e => $"{e.Channel} {Finding(e)} ({e.Fix})"));

    /// <summary>What meta.json keeps of the check (<c>signal_check</c>).</summary>
    public SignalCheckMeta ToMeta() => new(Go, Summary);

    private string MainsSummary => Electrodes.Any(e => e.MainsRatio == null)
        ? "mains ratio not measured on " + string.Join(", ", Electrodes.Where(e => e.MainsRatio == null).Select(e => e.Channel))
        : string.Create(CultureInfo.InvariantCulture, $"mains ratio {Electrodes.Max(e => e.MainsRatio):0.00} or less");

    private static string Finding(ElectrodeCheck e) => string.Join(", ", new[]
    {
        e.LeadOff ? "lead-off" : null,
        e.FlatLine ? "no signal (flat line)" : null,
        e.ClippedSamples > 0 ? $"{e.ClippedSamples} clipped samples" : null,
        e.MainsRatio >= SignalCheck.MainsRatioLimit
            ? string.Create(CultureInfo.InvariantCulture, $"mains ratio {e.MainsRatio:0.000}") : null,
        e.RestRmsUv is not double rms ? "no envelope received"
            : rms >= SignalCheck.RestNoiseLimitUv ? string.Create(CultureInfo.InvariantCulture, $"resting level {rms:0.0} uV RMS") : null,
    }.Where(s => s != null));
}

/// <summary>
/// The signal check before a set (patient at rest): per electrode, contact from the status frames' lead-off bits,
/// the resting envelope level (baseline noise: the median of the uV RMS envelope over the check), clipping from the status
/// frames' saturation counts, and the mains ratio and flat line the board measures (status extension, PROTOCOL.md 3.2).
/// Filled by <see cref="LiveMonitor"/> from the same blocks the views show; plain go / fix-this verdicts.
/// </summary>
public sealed class SignalCheck
{
    /// <summary>How long the patient rests for the check (s of board time).</summary>
    public const double DefaultDurationS = 5;

    /// <summary>A resting envelope at or above this (uV RMS) is "fix this": skin-electrode noise alone is 1-3 uV RMS
    /// and a relaxed gluteus or erector adds little, so a higher level is poor contact, cable motion or mains pickup.</summary>
    public const double RestNoiseLimitUv = 15;

    /// <summary>
    /// A mains ratio at or above this (mains power at least 99 times the in-band power at rest, 20 dB; mains RMS ten times
    /// the resting noise floor) is "fix this". At rest the in-band power is the skin-electrode noise floor (1-3 uV RMS),
    /// so a well-prepared pair with a few uV of mains already shows ratios around 0.5, which the 50 Hz notch keeps out of
    /// the envelope: a lower limit would fail good set-ups. Mains ten times the floor (tens of uV) means the contact
    /// impedances are high or unequal, which turns common-mode mains into a differential signal (Huhta and Webster 1973,
    /// 60-Hz interference in electrocardiography, IEEE TBME 20:91-101); such a contact also picks up cable motion, and
    /// the mains harmonics that pass the notch grow with it. A rule of thumb from that mechanism, not a threshold
    /// validated on patients; the status carries the ratio in steps of 1/254, so 0.99 is resolved (codes 252..254).
    /// </summary>
    public const double MainsRatioLimit = 0.99;

    /// <summary>The mains ratio a status frame's code stands for (PROTOCOL.md 3.2: 0..254 = 0..1), null for
    /// "not measured" (255).</summary>
    public static double? MainsRatioOfCode(int code) => code == ProtocolSpec.StatusPowerlineNotMeasured ? null
        : code < 0 || code > ProtocolSpec.StatusPowerlineNotMeasured
            ? throw new ArgumentOutOfRangeException(nameof(code), $"a powerline ratio code is 0..255, got {code}")
            : (double)code / ProtocolSpec.StatusPowerlineFullScale;

    private readonly string[] _channels;
    private readonly double _endS;
    private readonly List<float>[] _envelope;
    private readonly long[] _clipped;
    private readonly bool[] _leadOff;
    private readonly double?[] _mainsRatio;
    private readonly bool[] _flatLine;
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
        _mainsRatio = new double?[_channels.Length];
        _flatLine = new bool[_channels.Length];
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

    /// <summary>One status frame: lead-off per channel and the saturated samples it reports; the mains ratio per channel
    /// (null = not measured since the previous status) and flat line per channel when the board sends them.</summary>
    public void AddStatus(IReadOnlyList<bool> leadOff, IReadOnlyList<int> saturatedSamples,
        IReadOnlyList<double?>? mainsRatio = null, IReadOnlyList<bool>? flatLine = null)
    {
        for (int c = 0; c < _channels.Length; c++)
        {
            if (c < leadOff.Count && leadOff[c]) _leadOff[c] = true;
            if (c < saturatedSamples.Count) _clipped[c] += saturatedSamples[c];

            // The worst mains ratio of the check decides, as any lead-off does: the set should not meet it again.
            if (mainsRatio != null && c < mainsRatio.Count && mainsRatio[c] is double ratio && !(ratio <= _mainsRatio[c]))
                _mainsRatio[c] = ratio;
            if (flatLine != null && c < flatLine.Count && flatLine[c]) _flatLine[c] = true;
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
                : _flatLine[c] ? "no signal: check the cable and the electrode (plugged in, gel present, not shorted)"
                : _clipped[c] > 0 ? "the amplifier saturated: press the electrode on, re-prepare the skin, keep the cable still"
                : _mainsRatio[c] >= MainsRatioLimit
                    ? "mains pickup: re-prepare the skin and press both electrodes on, "
                        + "move the cable away from mains leads and mains-powered equipment"
                : noisy ? "re-prepare the skin, press the electrode on, move the cable away from mains leads"
                : null;
            return new ElectrodeCheck(name, _leadOff[c], rms, _clipped[c], _mainsRatio[c], _flatLine[c], fix == null, fix);
        }).ToList();
        return new SignalCheckResult(DurationS, _statusFrames, electrodes);
    }
}
