using System;
using System.Runtime.InteropServices;

namespace GluteSense.Host.Native;

/// <summary>P/Invoke declarations of firmware/GluteSense.Native/host/gs_host_api.c (libglutesense_native.so).</summary>
internal static class NativeMethods
{
    public const string Library = "glutesense_native";

    [DllImport(Library)] public static extern uint gs_host_version();

    [DllImport(Library)] public static extern int gs_host_passkey_from_store(int found, uint stored);

    [DllImport(Library)] public static extern IntPtr gs_host_pipeline_create(int channelCount, int maxBlockSamples);

    [DllImport(Library)] public static extern void gs_host_pipeline_destroy(IntPtr handle);

    [DllImport(Library)]
    public static extern int gs_host_pipeline_configure(IntPtr handle, float[]? sections, int sectionCount, int windowSamples,
        int hopSamples, float[]? linearLowPass, float[]? fundamentalNotch, float lsbMicrovolts);

    [DllImport(Library)] public static extern void gs_host_pipeline_reset(IntPtr handle);

    [DllImport(Library)] public static extern float gs_host_pipeline_input_scale(IntPtr handle, int channel);

    [DllImport(Library)] public static extern int gs_host_pipeline_fast_path(IntPtr handle);

    [DllImport(Library)]
    public static extern int gs_host_pipeline_process(IntPtr handle, int[] codes, int sampleCount, int leadOffMask,
        float[] scaled, float[] filtered, float[] envelope, float[] linearEnvelope, int[] emit, int maxValues,
        int[] envelopeCount, int[] clip, int[] leadOff, int[] flatLine, float[] bandRms, float[] powerline);

    [DllImport(Library)] public static extern float gs_host_sqrt(float x);

    [DllImport(Library)] public static extern ushort gs_host_crc16(byte[] data, int count);

    [DllImport(Library)] public static extern int gs_host_unpack_frame(byte[] frame, int channels, int[] codes);

    [DllImport(Library)]
    public static extern uint gs_host_selftest_hash(float[] sections, int sectionCount, int windowSamples, int hopSamples,
        float lsbMicrovolts);

    [DllImport(Library)] public static extern IntPtr gs_host_ring_create();

    [DllImport(Library)] public static extern void gs_host_ring_destroy(IntPtr ring);

    [DllImport(Library)] public static extern uint gs_host_ring_capacity();

    [DllImport(Library)]
    public static extern int gs_host_ring_push(IntPtr ring, uint timeUs, int status, int[] codes, int channels);

    [DllImport(Library)]
    public static extern int gs_host_ring_pop(IntPtr ring, out uint sequence, out uint timeUs, int[] codes, int channels,
        out uint lost);

    [DllImport(Library)]
    public static extern int gs_host_ring_read_block(IntPtr ring, int channels, int maxSamples, int[] codes,
        out uint firstTimeUs, out uint lostBefore, out int leadOffMask);

    [DllImport(Library)] public static extern void gs_host_ring_skip(IntPtr ring);

    [DllImport(Library)] public static extern uint gs_host_ring_overruns(IntPtr ring);

    [DllImport(Library)] public static extern uint gs_host_ring_produced(IntPtr ring);

    [DllImport(Library)] public static extern IntPtr gs_host_channel_create();

    [DllImport(Library)] public static extern void gs_host_channel_destroy(IntPtr channel);

    [DllImport(Library)]
    public static extern int gs_host_channel_configure(IntPtr channel, float[] sections, int sectionCount, int windowSamples,
        int hopSamples);

    [DllImport(Library)] public static extern float gs_host_channel_input_scale(IntPtr channel);

    [DllImport(Library)]
    public static extern int gs_host_channel_process(IntPtr channel, float[] input, int offset, int count, float[] filtered,
        float[] envelope, int[] emitSamples);
}
