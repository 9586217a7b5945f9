using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Dsp;

namespace GluteSense.Host.Live;

/// <summary>The envelope chain a board runs, as meta.json's <c>envelopeChain</c> (the analysis needs its window).</summary>
public static class BoardChain
{
    /// <summary>The chain of a pipeline in use (the virtual board's own), with its float coefficients.</summary>
    public static SignalChainDescription Describe(EmgPipeline pipeline)
    {
        var sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        int count = pipeline.CopySections(sections);
        return SignalChainDescription.From(pipeline.Settings, sections, count, builtInTables: true);
    }

    /// <summary>The chain a real board runs by the host's copy of its configuration: the parametric chain built the
    /// same way the board builds it (same core code); null for a custom biquad chain, which only the board knows.</summary>
    public static SignalChainDescription? FromConfiguration(DeviceConfiguration configuration)
    {
        FilterCommandSettings f = configuration.Filter;
        if (f.Kind != ProtocolSpec.FilterKindParametric) return null;
        var settings = new EmgChainSettings
        {
            SampleRateHz = configuration.EmgRateHz, BandPassLowHz = f.BandLowHz, BandPassHighHz = f.BandHighHz,
            MainsHz = f.NotchHz, NotchEnabled = f.NotchHz > 0, RmsWindowMs = f.RmsWindowMs, EnvelopeRateHz = f.EnvelopeRateHz,
        };
        var pipeline = new EmgPipeline(configuration.ChannelCount, 1, settings, configuration.RawMicrovoltsPerCount);
        return Describe(pipeline);
    }
}
