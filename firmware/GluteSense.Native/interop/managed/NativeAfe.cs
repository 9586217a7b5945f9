using System.Runtime.CompilerServices;

namespace GluteSense.Native
{
    /// <summary>
    /// The board's native acquisition module (firmware/GluteSense.Native, built into the custom nanoCLR image, see
    /// docs/flashing.md): DRDY capture in an interrupt + high-priority task, the lock-free sample ring and the EMG
    /// chain in C. The managed side sees blocks, not samples: about 2 calls per 50 ms block.
    /// </summary>
    /// <remarks>
    /// Every method here (and <see cref="NativeBoardStore"/>'s, after these) is an InternalCall bound by position to the
    /// method_lookup table of interop/stubs/GluteSense_Native.cpp; that table and this class carry the same
    /// <see cref="NativeVersion"/> and <see cref="NativeChecksum"/> (the whole assembly's), and NativeInteropDriftTests
    /// fails when the signatures, order, version or checksum drift apart. Add methods only at the end and bump the
    /// version and checksum together.
    /// </remarks>
    public static class NativeAfe
    {
        /// <summary>Native assembly version (AssemblyNativeVersion, the stub table's version, GS_NATIVE_VERSION).</summary>
        public const string NativeVersion = "1.1.0.0";

        /// <summary>Interface checksum the stub table declares: CRC-32 of the method_lookup signatures, one per line
        /// (NativeAfe's, then NativeBoardStore's).
        /// A MetadataProcessor-regenerated table brings its own value: copy it here (docs/flashing.md).</summary>
        public const uint NativeChecksum = 0xAE2E7216;

        /// <summary>Return code: done.</summary>
        public const int Ok = 0;

        /// <summary>Return code: refused while DRDY handling runs (register writes, chain configuration).</summary>
        public const int Running = -2;

        /// <summary>
        /// Starts DRDY handling: RDATAC, the DRDY interrupt on <paramref name="drdyGpio"/> and the reader task that
        /// fills the ring. Blocks of <paramref name="blockSamples"/> samples of <paramref name="channels"/> channels.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Start(int sampleRateHz, int channels, int blockSamples, int spiHost, int csGpio,
            int drdyGpio, int spiClockHz);

        /// <summary>Stops DRDY handling (SDATAC); a blocked <see cref="ReadBlock"/> returns 0.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Stop();

        /// <summary>Writes one AFE register; refused with <see cref="Running"/> unless stopped.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int WriteRegister(byte address, byte value);

        /// <summary>Sets the EMG chain (the managed EmgPipeline's sections and geometry); refused while running.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ConfigureChain(float[] sections, int sectionCount, int windowSamples, int hopSamples,
            float[] linearLowPass, float[] fundamentalNotch, float lsbMicrovolts);

        /// <summary>
        /// Waits for the next block and runs the chain on it: interleaved <paramref name="codes"/> and
        /// <paramref name="filtered"/> (uV), <paramref name="envelope"/> channel-major (envelope.Length / channels values
        /// per channel). Returns the samples in the block (fewer than a block before a gap, 0 on timeout or stop);
        /// <paramref name="lostSamples"/> are the samples missing right before the block's first one, whose DRDY time
        /// is <paramref name="firstSampleUs"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadBlock(int[] codes, float[] filtered, float[] envelope, out uint firstSampleUs,
            out int lostSamples);

        /// <summary>
        /// The last block's per-channel results. <paramref name="info"/>: envelope counts [channels], clip counts
        /// [channels], flat-line flags [channels], then channel 0's emit samples (all channels share the geometry);
        /// <paramref name="quality"/>: band RMS (uV) [channels], powerline ratio [channels]. Returns the lead-off mask.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadBlockInfo(int[] info, float[] quality);

        /// <summary>Hash of the chain's output on the self-test signal (gs_selftest_hash) with these sections.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint SelfTest(float[] sections, int sectionCount, int windowSamples, int hopSamples,
            float lsbMicrovolts);
    }
}
