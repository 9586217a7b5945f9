using System.Collections.Generic;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Host.Dsp;

/// <summary>
/// The exact EMG chain a recording was made with, for its metadata and reports (ISEK asks studies to report it):
/// settings, the coefficients actually run (float, as on the board) and where they came from.
/// </summary>
public sealed record SignalChainDescription(
    int SampleRateHz,
    int BandPassLowHz,
    int BandPassHighHz,
    string BandPassDesign,
    string Notch,
    int RmsWindowMs,
    string RmsWindow,
    int EnvelopeRateHz,
    bool LinearEnvelope,
    string CoefficientSource,
    IReadOnlyList<float[]> Sections)
{
    /// <summary>
    /// The chain a board with configuration <paramref name="config"/> (as get_config reads it) runs: its filter settings
    /// mapped as the board's runtime maps them, and the sections its pipeline builds from them.
    /// </summary>
    /// <exception cref="System.FormatException">The configured chain cannot run (a board refuses such a set_filter).</exception>
    public static SignalChainDescription OfBoard(GluteSense.Firmware.Core.Protocol.DeviceConfiguration config)
    {
        System.ArgumentNullException.ThrowIfNull(config);
        var settings = new EmgChainSettings();
        GluteSense.Firmware.Core.Acquisition.BoardRuntime.MapFilter(config.Filter, config.EmgRateHz, settings);
        var pipeline = new GluteSense.Firmware.Core.Acquisition.EmgPipeline(config.ChannelCount, 1, new EmgChainSettings(),
            config.RawMicrovoltsPerCount);
        GluteSense.Firmware.Core.Protocol.FilterCommandSettings filter = config.Filter;
        bool biquads = filter.Kind == GluteSense.Firmware.Core.Protocol.ProtocolSpec.FilterKindBiquads;
        string? error = biquads ? pipeline.ConfigureSections(filter.Biquads, filter.BiquadSectionCount, settings) : pipeline.Configure(settings);
        if (error != null) throw new System.FormatException("the board's configured EMG chain cannot run: " + error);
        var sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        int count = pipeline.CopySections(sections);
        return From(pipeline.Settings, sections, count, builtInTables: !biquads);
    }

    /// <summary>Describes <paramref name="settings"/> with the sections (b0, b1, b2, a1, a2 each) that run.</summary>
    public static SignalChainDescription From(EmgChainSettings settings, float[] sections, int sectionCount, bool builtInTables)
    {
        var list = new List<float[]>();
        for (int s = 0; s < sectionCount; s++)
        {
            list.Add(sections[(s * EmgChannel.CoefficientsPerSection)..((s + 1) * EmgChannel.CoefficientsPerSection)]);
        }

        string notch = settings.NotchEnabled
            ? $"IIR notch {settings.MainsHz} Hz, Q {CoefficientTables.NotchQ}"
                + (settings.NotchHarmonics > 1 ? $", harmonics 1..{settings.NotchHarmonics}" : string.Empty)
            : "off";
        return new SignalChainDescription(settings.SampleRateHz, settings.BandPassLowHz, settings.BandPassHighHz,
            "Butterworth band-pass, 4 poles (2nd-order prototype), causal, bilinear transform", notch,
            settings.RmsWindowMs, "causal rectangular RMS, value at the window's last sample", settings.EnvelopeRateHz,
            settings.LinearEnvelopeEnabled, builtInTables ? "built-in board tables (scipy design rounded to float)" : "designed on the "
                + "host in double, run in float",
            list);
    }
}
