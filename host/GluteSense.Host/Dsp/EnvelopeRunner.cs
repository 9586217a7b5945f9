using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Host.Dsp;

/// <summary>A computed envelope: one value per window end, its time from the first input sample, and the chain used.</summary>
public sealed record EnvelopeResult(double[] TimeS, double[] Envelope, SignalChainDescription Chain);

/// <summary>
/// Runs the board's own EMG chain (the firmware core's <see cref="EmgChannel"/>, in float, block by block as on the
/// board) over a recorded signal on the host. Rates and cut-offs with built-in board tables use them; anything else
/// is designed here in double (<see cref="FilterDesigner"/>) and run as explicit sections, exactly as the board
/// would after the host sends it the coefficients. <see cref="EnvelopeStream"/> does the same over several channels
/// fed a chunk at a time.
/// </summary>
public static class EnvelopeRunner
{
    /// <summary>Samples per block, as the board's acquisition loop processes them (50 ms at 1000 Hz).</summary>
    public const int BlockSamples = 50;

    /// <summary>Computes the RMS envelope of <paramref name="signal"/> (any unit; the envelope has the same unit).</summary>
    /// <exception cref="ArgumentException">The settings are invalid (the message says why, in one line).</exception>
    public static EnvelopeResult Run(double[] signal, EmgChainSettings settings)
    {
        var stream = new EnvelopeStream(settings, 1);
        int chunk = EnvelopeStream.ChunkRows;
        var timesChunk = new double[stream.MaxEnvelopeRows(chunk)];
        var valuesChunk = new float[timesChunk.Length];
        var times = new List<double>();
        var values = new List<double>();
        for (int start = 0; start < signal.Length; start += chunk)
        {
            int rows = Math.Min(chunk, signal.Length - start);
            int count = stream.Process(signal.AsSpan(start, rows), timesChunk, valuesChunk);
            for (int e = 0; e < count; e++)
            {
                times.Add(timesChunk[e]);
                values.Add(valuesChunk[e]);
            }
        }

        return new EnvelopeResult(times.ToArray(), values.ToArray(), stream.Chain);
    }

    /// <summary>The sections for <paramref name="settings"/>: the board's tables when they exist, else a host design.</summary>
    public static (float[] Sections, bool BuiltInTables) Sections(EmgChainSettings settings)
    {
        var list = new List<float>();
        float[]? table = CoefficientTables.BandPass(settings.SampleRateHz);
        bool builtIn = table != null && settings.BandPassLowHz == CoefficientTables.BandPassLowHz
            && settings.BandPassHighHz == CoefficientTables.BandPassHighHz;
        if (builtIn)
        {
            list.AddRange(table!);
            for (int h = 1; settings.NotchEnabled && h <= settings.NotchHarmonics; h++)
            {
                list.AddRange(CoefficientTables.Notch(settings.SampleRateHz, settings.MainsHz, h));
            }

            return (list.ToArray(), true);
        }

        var design = new List<double[]>(FilterDesigner.ButterworthBandPass(2, settings.BandPassLowHz, settings.BandPassHighHz, settings.SampleRateHz));
        for (int h = 1; settings.NotchEnabled && h <= settings.NotchHarmonics; h++)
        {
            design.Add(FilterDesigner.Notch(settings.MainsHz * h, CoefficientTables.NotchQ, settings.SampleRateHz));
        }

        return (FilterDesigner.ToBoardSections(design), false);
    }
}
