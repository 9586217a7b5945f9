using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Reports;

/// <summary>The rows of the ISEK recording-details table for one analysed trial (hardware/README.md has the sources).</summary>
public static class IsekMetadata
{
    /// <summary>Electrodes (hardware/README.md, "Electrode placement").</summary>
    public const string Electrodes = "bipolar Ag/AgCl, 10 mm contact, 20 mm inter-electrode distance; skin shaved, abraded, cleaned with "
        + "alcohol";

    /// <summary>Electrode site per muscle (SENIAM).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sites = new Dictionary<string, string>
    {
        [MuscleNames.GluteusMaximus] = "50 % on the line from the sacral vertebrae to the greater trochanter, at the greatest prominence, "
            + "along that line (SENIAM)",
        [MuscleNames.ErectorSpinae] = "longissimus: two finger widths lateral to the L1 spinous process, vertical (SENIAM)",
    };

    /// <summary>IMU sites.</summary>
    public static readonly IReadOnlyDictionary<string, string> SensorSites = new Dictionary<string, string>
    {
        ["lumbar"] = "over the L3 spinous process (board)", ["sacrum"] = "S1, between the PSIS", ["head"] = "occiput, headband",
    };

    /// <summary>AFE: the board's ADS1298 at its default programmable gain (the recording format does not carry another).</summary>
    public const string Afe = "TI ADS1298, 24-bit delta-sigma, PGA gain 6 (input range +-400 mV), right-leg drive; reference over the "
        + "iliac crest";

    /// <summary>The ISEK/CEDE reporting items (electrodes, filters, normalisation, ...) of an analysis, as item and value.</summary>
    public static IEnumerable<(string Item, string Value)> Rows(AnalysisResult r)
    {
        RecordingMeta m = r.Meta;
        yield return ("exercise, subject, source", $"{r.Exercise.Name()}, {r.Subject}, {r.Source}");
        yield return ("electrodes", Electrodes);
        foreach (IGrouping<string, ChannelMeta> muscle in m.Channels.GroupBy(c => c.Muscle))
        {
            yield return ($"site: {muscle.Key} ({string.Join(", ", muscle.Select(c => c.Name))})",
                Sites.TryGetValue(muscle.Key, out string? s) ? s : "not documented");
        }

        yield return ("motion sensors",
            string.Join("; ", m.Imus.Select(i => $"{i.Name}: {(SensorSites.TryGetValue(i.Site, out string? s) ? s : i.Site)}"))
            + $"; {m.ImuRateHz} Hz");
        yield return ("amplifier", Afe);
        yield return ("EMG sample rate", $"{m.EmgRateHz} Hz");
        var chain = r.Envelope.Chain;
        yield return ("filter chain",
            $"band-pass {chain.BandPassLowHz}-{chain.BandPassHighHz} Hz ({chain.BandPassDesign}); notch: {chain.Notch}; "
            + $"RMS {chain.RmsWindowMs} ms ({chain.RmsWindow}), envelope {chain.EnvelopeRateHz} Hz; coefficients: "
            + $"{chain.CoefficientSource}");
        yield return ("envelope source", r.Envelope.File);
        yield return ("onset detection", r.Envelope.OnsetSignal);
        yield return ("normalisation", r.Normalisation.CedeDescription);
        yield return ("data gaps",
            m.Gaps.Count == 0 ? "none" : string.Join("; ", m.Gaps.Select(g => $"{g.Channel} {g.Reason} {g.StartS:0.00}-{g.EndS:0.00} s")));
    }
}
