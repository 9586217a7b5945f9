using System;

namespace GluteSense.Host.Native;

/// <summary>The native single-producer/single-consumer sample ring (gs_ring_*), for the host tests and the
/// virtual board. One thread may push, one other thread may pop.</summary>
public sealed class NativeSampleRing : IDisposable
{
    private IntPtr _ring = NativeMethods.gs_host_ring_create();

    /// <summary>Frames the ring holds (GS_RING_CAPACITY).</summary>
    public static int Capacity => (int)NativeMethods.gs_host_ring_capacity();

    /// <summary>Producer: stores one frame; false when full (the sample is counted as an overrun).</summary>
    public bool Push(uint timeUs, int status, int[] codes, int channels) =>
        NativeMethods.gs_host_ring_push(Handle, timeUs, status, codes, channels) != 0;

    /// <summary>Producer: a sample was missed before it could be stored (counted like an overrun).</summary>
    public void Skip() => NativeMethods.gs_host_ring_skip(Handle);

    /// <summary>Consumer: one frame, with the samples lost right before it; false when empty.</summary>
    public bool TryPop(int[] codes, int channels, out uint sequence, out uint timeUs, out uint lostBefore) =>
        NativeMethods.gs_host_ring_pop(Handle, out sequence, out timeUs, codes, channels, out lostBefore) != 0;

    /// <summary>Consumer: up to <paramref name="maxSamples"/> contiguous frames (see gs_ring_read_block).</summary>
    public int ReadBlock(int channels, int maxSamples, int[] codes, out uint firstTimeUs, out uint lostBefore, out int leadOffMask) =>
        NativeMethods.gs_host_ring_read_block(Handle, channels, maxSamples, codes, out firstTimeUs, out lostBefore, out leadOffMask);

    /// <summary>Samples the producer could not store.</summary>
    public uint Overruns => NativeMethods.gs_host_ring_overruns(Handle);

    /// <summary>Samples the producer saw (stored or not).</summary>
    public uint Produced => NativeMethods.gs_host_ring_produced(Handle);

    public void Dispose()
    {
        if (_ring != IntPtr.Zero)
        {
            NativeMethods.gs_host_ring_destroy(_ring);
            _ring = IntPtr.Zero;
        }
    }

    private IntPtr Handle => _ring != IntPtr.Zero ? _ring : throw new ObjectDisposedException(nameof(NativeSampleRing));
}
