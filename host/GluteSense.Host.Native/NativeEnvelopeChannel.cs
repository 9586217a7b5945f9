using System;
using GluteSense.Host.Dsp;

namespace GluteSense.Host.Native;

/// <summary>One channel of the board's native C chain (gs_emg_channel) for <see cref="EnvelopeRunner"/>:
/// <c>glutesense envelope --engine native</c>.</summary>
public sealed class NativeEnvelopeChannel : IEnvelopeChannel
{
    private IntPtr _channel;

    private NativeEnvelopeChannel(float[] sections, int sectionCount, int windowSamples, int hopSamples)
    {
        _channel = NativeMethods.gs_host_channel_create();
        if (NativeMethods.gs_host_channel_configure(_channel, sections, sectionCount, windowSamples, hopSamples) != 0)
        {
            Dispose();
            throw new ArgumentException($"native chain refused {sectionCount} sections, window {windowSamples}, hop {hopSamples}");
        }
    }

    /// <summary>An <see cref="EnvelopeChannelFactory"/> for the native chain (blocks of at most 100 samples).</summary>
    public static IEnvelopeChannel Create(float[] sections, int sectionCount, int windowSamples, int hopSamples, int maxBlockSamples) =>
        new NativeEnvelopeChannel(sections, sectionCount, windowSamples, hopSamples);

    public float InputScale => NativeMethods.gs_host_channel_input_scale(Handle);

    public int Process(float[] input, int offset, int count, float[] filtered, float[] envelope, int[] emitSamples)
    {
        if (offset < 0 || count < 0 || offset + count > input.Length || filtered.Length < input.Length
            || envelope.Length < count || emitSamples.Length < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        int emitted = NativeMethods.gs_host_channel_process(Handle, input, offset, count, filtered, envelope, emitSamples);
        return emitted >= 0 ? emitted : throw new ArgumentOutOfRangeException(nameof(count), "native chain refused the block");
    }

    public void Dispose()
    {
        if (_channel != IntPtr.Zero)
        {
            NativeMethods.gs_host_channel_destroy(_channel);
            _channel = IntPtr.Zero;
        }
    }

    private IntPtr Handle => _channel != IntPtr.Zero ? _channel : throw new ObjectDisposedException(nameof(NativeEnvelopeChannel));
}
