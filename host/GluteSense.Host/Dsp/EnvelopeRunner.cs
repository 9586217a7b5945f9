using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Host.Dsp;

/// <summary>A computed envelope: one value per window end, its time from the first input sample, and the chain used.</summary>
public sealed record EnvelopeResult(double[] TimeS, double[] Envelope, SignalChainDescription Chain);

/// <summary>One channel of the board's chain as <see cref="EnvelopeRunner"/> drives it: the managed
/// <see cref="EmgChannel"/> (the reference) or the board's native C (GluteSense.Host.Native), bit-exact with it.</summary>
public interface IEnvelopeChannel : IDisposable
{
    /// <summary>Multiply the input by this first (see <see cref="EmgChannel.InputScale"/>).</summary>
    float InputScale { get; }

    /// <summary>Filters <paramref name="count"/> contiguous samples from <paramref name="offset"/> (see
    /// <see cref="EmgChannel.Process"/>); returns the envelope values written.</summary>
    int Process(float[] input, int offset, int count, float[] filtered, float[] envelope, int[] emitSamples);
}

/// <summary>Makes a configured <see cref="IEnvelopeChannel"/> for blocks of up to <paramref name="maxBlockSamples"/>.</summary>
public delegate IEnvelopeChannel EnvelopeChannelFactory(float[] sections, int sectionCount, int windowSamples, int hopSamples,
    int maxBlockSamples);

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
    public static EnvelopeResult Run(double[] signal, EmgChainSettings settings) => Run(signal, settings, Managed);

    /// <summary>Computes the RMS envelope with the chain <paramref name="engine"/> makes (same contract as above).</summary>
    public static EnvelopeResult Run(double[] signal, EmgChainSettings settings, EnvelopeChannelFactory engine)
    {
        // Through EnvelopeStream a chunk at a time: no full-length float copies of the signal.
        using var stream = new EnvelopeStream(settings, 1, engine);
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

    /// <summary>The managed reference chain (the firmware core's <see cref="EmgChannel"/>).</summary>
    public static IEnvelopeChannel Managed(float[] sections, int sectionCount, int windowSamples, int hopSamples, int maxBlockSamples)
    {
        var channel = new EmgChannel(maxBlockSamples, Math.Max(1, windowSamples));
        channel.Configure(sections, sectionCount, windowSamples, hopSamples, null);
        return new ManagedChannel(channel);
    }

    private sealed class ManagedChannel(EmgChannel channel) : IEnvelopeChannel
    {
        public float InputScale => channel.InputScale;

        public int Process(float[] input, int offset, int count, float[] filtered, float[] envelope, int[] emitSamples) =>
            channel.Process(input, offset, 1, count, filtered, envelope, emitSamples, 0, null);

        public void Dispose()
        {
        }
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

        var design = new List<double[]>(FilterDesigner.ButterworthBandPass(2, settings.BandPassLowHz, settings.BandPassHighHz,
            settings.SampleRateHz));
        for (int h = 1; settings.NotchEnabled && h <= settings.NotchHarmonics; h++)
        {
            design.Add(FilterDesigner.Notch(settings.MainsHz * h, CoefficientTables.NotchQ, settings.SampleRateHz));
        }

        return (FilterDesigner.ToBoardSections(design), false);
    }
}
