using System;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Host.Dsp;

/// <summary>
/// The board's EMG chain (<see cref="EnvelopeRunner"/>) over several channels sampled together, fed rows a chunk at a
/// time and keeping only the filter and RMS state between chunks: memory does not grow with the recording. Every
/// channel has its own <see cref="EmgChannel"/>; all share the geometry, so they complete envelope values at the same
/// samples and each envelope row has one time. Each channel's values equal a one-channel run over that channel alone,
/// bit for bit (the core's state carries across blocks, so how the input is cut into chunks changes nothing).
/// </summary>
public sealed class EnvelopeStream : IDisposable
{
    /// <summary>Rows per chunk the callers feed: whole board blocks, large enough that per-call work is negligible.</summary>
    public const int ChunkRows = EnvelopeRunner.BlockSamples * 1024;

    private readonly IEnvelopeChannel[] _channels;
    private readonly int _sampleRateHz;
    private readonly int _hopSamples;
    private readonly float _scale;
    private readonly float[] _block, _filtered, _envelope;
    private readonly int[] _emit, _emitFirst;
    private long _samples;

    /// <summary>
    /// Prepares <paramref name="channelCount"/> channels with <paramref name="settings"/>, each made by
    /// <paramref name="engine"/> (default: the managed reference, <see cref="EnvelopeRunner.Managed"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid (the message says why, in one line).</exception>
    public EnvelopeStream(EmgChainSettings settings, int channelCount, EnvelopeChannelFactory? engine = null)
    {
        string? error = settings.Validate();
        if (error != null)
        {
            throw new ArgumentException(error);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        (float[] sections, bool builtIn) = EnvelopeRunner.Sections(settings);
        int sectionCount = sections.Length / EmgChannel.CoefficientsPerSection;
        engine ??= EnvelopeRunner.Managed;
        _channels = new IEnvelopeChannel[channelCount];
        for (int k = 0; k < channelCount; k++)
        {
            _channels[k] = engine(sections, sectionCount, settings.WindowSamples, settings.HopSamples, EnvelopeRunner.BlockSamples);
        }

        _scale = _channels[0].InputScale;
        _sampleRateHz = settings.SampleRateHz;
        _hopSamples = settings.HopSamples;
        _block = new float[EnvelopeRunner.BlockSamples];
        _filtered = new float[_block.Length];
        _envelope = new float[EnvelopeRunner.BlockSamples];
        _emit = new int[EnvelopeRunner.BlockSamples];
        _emitFirst = new int[EnvelopeRunner.BlockSamples];
        Chain = SignalChainDescription.From(settings, sections, sectionCount, builtIn);
    }

    /// <summary>The chain that runs.</summary>
    public SignalChainDescription Chain { get; }

    /// <summary>Channels per row.</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>Samples per channel processed so far.</summary>
    public long Samples => _samples;

    /// <summary>Most envelope rows <see cref="Process"/> can complete from <paramref name="rows"/> input rows.</summary>
    public int MaxEnvelopeRows(int rows) => rows / _hopSamples + 1;

    /// <summary>
    /// Processes <paramref name="samples"/>: whole rows of <see cref="ChannelCount"/> values, row-major, any unit.
    /// Each envelope row completed is written as its time (s from the first sample ever fed, at the window's last
    /// sample) to <paramref name="timesS"/> and its values (the input's unit) to <paramref name="values"/>, row-major.
    /// Returns the rows written; <paramref name="timesS"/> needs <see cref="MaxEnvelopeRows"/> places.
    /// </summary>
    public int Process(ReadOnlySpan<double> samples, Span<double> timesS, Span<float> values)
    {
        int width = _channels.Length;
        if (samples.Length % width != 0)
        {
            throw new ArgumentException($"{samples.Length} samples are not whole rows of {width}", nameof(samples));
        }

        int rows = samples.Length / width;
        if (timesS.Length < MaxEnvelopeRows(rows) || values.Length < MaxEnvelopeRows(rows) * width)
        {
            throw new ArgumentException("the output holds fewer envelope rows than the input can complete", nameof(timesS));
        }

        int written = 0;
        for (int start = 0; start < rows; start += EnvelopeRunner.BlockSamples)
        {
            int n = Math.Min(EnvelopeRunner.BlockSamples, rows - start);
            ReadOnlySpan<double> block = samples.Slice(start * width, n * width);
            int count = 0;
            for (int k = 0; k < width; k++)
            {
                for (int i = 0; i < n; i++)
                {
                    _block[i] = (float)block[i * width + k] * _scale;   // as the board: input times the sections' gain, in float
                }

                int emitted = _channels[k].Process(_block, 0, n, _filtered, _envelope, _emit);
                if (k == 0)
                {
                    count = emitted;
                    _emit.AsSpan(0, count).CopyTo(_emitFirst);
                }
                else if (emitted != count)
                {
                    throw new InvalidOperationException("channels with one geometry completed different envelope values");
                }

                for (int e = 0; e < count; e++)
                {
                    values[(written + e) * width + k] = _envelope[e];
                }
            }

            for (int e = 0; e < count; e++)
            {
                timesS[written + e] = (_samples + start + _emitFirst[e]) / (double)_sampleRateHz;
            }

            written += count;
        }

        _samples += rows;
        return written;
    }

    /// <summary>Releases the channels (a native chain holds native state).</summary>
    public void Dispose()
    {
        foreach (IEnvelopeChannel channel in _channels)
        {
            channel.Dispose();
        }
    }
}
