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
    /// <summary>Describes <paramref name="settings"/> with the sections (b0, b1, b2, a1, a2 each) that run.</summary>
    public static SignalChainDescription From(EmgChainSettings settings, float[] sections, int sectionCount, bool builtInTables)
    {
        var list = new List<float[]>();
        for (int s = 0; s < sectionCount; s++)
        {
            list.Add(sections[(s * EmgChannel.CoefficientsPerSection)..((s + 1) * EmgChannel.CoefficientsPerSection)]);
        }

        string notch = settings.NotchEnabled
            ? $"IIR notch {settings.MainsHz} Hz, Q {CoefficientTables.NotchQ}" + (settings.NotchHarmonics > 1 ? $", harmonics 1..{settings.NotchHarmonics}" : string.Empty)
            : "off";
        return new SignalChainDescription(settings.SampleRateHz, settings.BandPassLowHz, settings.BandPassHighHz,
            "Butterworth band-pass, 4 poles (2nd-order prototype), causal, bilinear transform", notch,
            settings.RmsWindowMs, "causal rectangular RMS, value at the window's last sample", settings.EnvelopeRateHz,
            settings.LinearEnvelopeEnabled, builtInTables ? "built-in board tables (scipy design rounded to float)" : "designed on the host in double, run in float",
            list);
    }
}
