using System;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Host.Native;

/// <summary>
/// The board's native EMG chain (firmware/GluteSense.Native) run on the host: the same inputs and outputs as the
/// managed <see cref="EmgPipeline"/>, which stays the reference and supplies the configuration (its sections in
/// force, the linear-envelope low-pass and the mains fundamental from <see cref="CoefficientTables"/>). The host
/// tests require both to give bitwise-equal floats.
/// </summary>
public sealed class NativeEmgPipeline : IDisposable
{
    private readonly int _channels;
    private readonly int _maxBlockSamples;
    private readonly int[] _envelopeCount, _clip, _leadOff, _flat;
    private readonly float[] _bandRms, _powerline, _envelope, _linear;
    private readonly int[] _emit;
    private IntPtr _handle;

    public NativeEmgPipeline(int channelCount, int maxBlockSamples)
    {
        _handle = NativeMethods.gs_host_pipeline_create(channelCount, maxBlockSamples);
        if (_handle == IntPtr.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(channelCount), "native pipeline: 1..8 channels, 1..100 samples per block");
        }

        _channels = channelCount;
        _maxBlockSamples = maxBlockSamples;
        _envelopeCount = new int[channelCount];
        _clip = new int[channelCount];
        _leadOff = new int[channelCount];
        _flat = new int[channelCount];
        _bandRms = new float[channelCount];
        _powerline = new float[channelCount];
        _envelope = new float[channelCount * maxBlockSamples];
        _linear = new float[channelCount * maxBlockSamples];
        _emit = new int[channelCount * maxBlockSamples];
    }

    /// <summary>The native module's version (GS_NATIVE_VERSION).</summary>
    public static uint Version => NativeMethods.gs_host_version();

    /// <summary>True when channel 0 runs the structured fast path (must agree with the managed pipeline).</summary>
    public bool UsesFastPath => NativeMethods.gs_host_pipeline_fast_path(Handle) != 0;

    /// <summary>Channel <paramref name="channel"/>'s input scale (the fast path's folded section gains).</summary>
    public float InputScale(int channel) => NativeMethods.gs_host_pipeline_input_scale(Handle, channel);

    /// <summary>Configures the native chain exactly as <paramref name="reference"/> is configured now.</summary>
    public void ConfigureLike(EmgPipeline reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        int count = reference.CopySections(sections);
        EmgChainSettings s = reference.Settings;
        Configure(sections, count, s.WindowSamples, s.HopSamples,
            s.LinearEnvelopeEnabled ? CoefficientTables.LinearEnvelopeLowPass(s.SampleRateHz) : null,
            CoefficientTables.Notch(s.SampleRateHz, s.MainsHz, 1), reference.LsbMicrovolts);
    }

    /// <summary>Configures explicit sections and geometry (see gs_emg_pipeline_configure).</summary>
    public void Configure(float[] sections, int sectionCount, int windowSamples, int hopSamples, float[]? linearLowPass,
        float[]? fundamentalNotch, float lsbMicrovolts)
    {
        int rc = NativeMethods.gs_host_pipeline_configure(Handle, sections, sectionCount, windowSamples, hopSamples,
            linearLowPass, fundamentalNotch, lsbMicrovolts);
        if (rc != 0)
        {
            throw new ArgumentException($"native pipeline refused {sectionCount} sections, window {windowSamples}, hop {hopSamples}");
        }
    }

    /// <summary>Clears every channel's state (a new stream starts).</summary>
    public void Reset() => NativeMethods.gs_host_pipeline_reset(Handle);

    /// <summary>Processes one block of interleaved codes from <paramref name="codes"/>[0] into <paramref name="output"/>,
    /// like <see cref="EmgPipeline.ProcessBlock"/>.</summary>
    public void ProcessBlock(int[] codes, int sampleCount, int leadOffMask, EmgBlockOutput output)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(output);
        if (output.ChannelCount != _channels || sampleCount < 0 || sampleCount > _maxBlockSamples
            || sampleCount > output.MaxBlockSamples || sampleCount * _channels > codes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount));
        }

        int rc = NativeMethods.gs_host_pipeline_process(Handle, codes, sampleCount, leadOffMask, output.ScaledMicrovolts,
            output.Filtered, _envelope, _linear, _emit, _maxBlockSamples, _envelopeCount, _clip, _leadOff, _flat, _bandRms,
            _powerline);
        if (rc != 0)
        {
            throw new InvalidOperationException("native pipeline refused the block (not configured?)");
        }

        output.SampleCount = sampleCount;
        EmgQuality q = output.Quality;
        for (int c = 0; c < _channels; c++)
        {
            int n = _envelopeCount[c];
            output.EnvelopeCount[c] = n;
            Array.Copy(_envelope, c * _maxBlockSamples, output.Envelope[c], 0, n);
            Array.Copy(_linear, c * _maxBlockSamples, output.LinearEnvelope[c], 0, n);
            Array.Copy(_emit, c * _maxBlockSamples, output.EmitSample[c], 0, n);
            q.ClipCount[c] = _clip[c];
            q.LeadOff[c] = _leadOff[c] != 0;
            q.FlatLine[c] = _flat[c] != 0;
            q.BandRmsUv[c] = _bandRms[c];
            q.PowerlineRatio[c] = _powerline[c];
        }
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            NativeMethods.gs_host_pipeline_destroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(NativeEmgPipeline));
}
