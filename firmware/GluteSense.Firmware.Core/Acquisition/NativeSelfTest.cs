using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// The reference for the native module's self-test (firmware/GluteSense.Native, gs_selftest_hash): a deterministic
    /// signal (a 32-bit LCG's top 24 bits: every code, clipping included) through the chain, hashed with FNV-1a 32 over
    /// the bit patterns of every filtered sample and envelope value. The board reports its native hash in the info
    /// characteristic; <c>glutesense flash</c> compares it with this one: a different value means the custom nanoCLR
    /// image's C does not compute what the C# core computes (wrong flags, a changed chain, a stale image).
    /// </summary>
    /// <remarks>The geometry and constants here are the C's (gs_selftest.c); a host test keeps both equal.</remarks>
    public static class NativeSelfTest
    {
        /// <summary>Channels of the self-test signal.</summary>
        public const int Channels = 4;

        /// <summary>Blocks of the self-test signal.</summary>
        public const int Blocks = 40;

        /// <summary>Samples per channel and block.</summary>
        public const int BlockSamples = 50;

        /// <summary>ADS1298 LSB at VREF 2.4 V and gain 6 (the board's default), the self-test's scale.</summary>
        public const float VrefVolts = 2.4f;

        /// <summary>PGA gain of the self-test's scale.</summary>
        public const float Gain = 6f;

        private const uint FnvOffset = 2166136261;
        private const uint FnvPrime = 16777619;
        private const uint LcgMultiplier = 1664525;
        private const uint LcgIncrement = 1013904223;
        private const int CodeShift = 8;

        /// <summary>The chain the self-test runs: the default settings with the built-in tables at 1 kHz.</summary>
        public static EmgChainSettings Settings()
        {
            return new EmgChainSettings();
        }

        /// <summary>Next self-test code (gs_selftest_code).</summary>
        public static int NextCode(ref uint lcg)
        {
            lcg = unchecked(lcg * LcgMultiplier + LcgIncrement);
            return CountsToMicrovolts.SignExtend24((int)(lcg >> CodeShift));
        }

        /// <summary>
        /// The expected hash, computed by the managed chain (<see cref="EmgPipeline"/>) configured like the board's
        /// self-test. Allocates (host and virtual board only).
        /// </summary>
        public static uint ExpectedHash()
        {
            EmgChainSettings settings = Settings();
            var pipeline = new EmgPipeline(Channels, BlockSamples, settings, CountsToMicrovolts.LsbMicrovolts(VrefVolts, Gain));
            var output = new EmgBlockOutput(Channels, BlockSamples);
            var codes = new int[Channels * BlockSamples];
            var bytes = new byte[4];
            uint lcg = 1;
            uint hash = FnvOffset;
            for (int block = 0; block < Blocks; block++)
            {
                for (int i = 0; i < codes.Length; i++)
                {
                    codes[i] = NextCode(ref lcg);
                }

                pipeline.ProcessBlock(codes, 0, BlockSamples, 0, output);
                for (int i = 0; i < codes.Length; i++)
                {
                    hash = HashFloat(hash, output.Filtered[i], bytes);
                }

                for (int c = 0; c < Channels; c++)
                {
                    for (int e = 0; e < output.EnvelopeCount[c]; e++)
                    {
                        hash = HashFloat(hash, output.Envelope[c][e], bytes);
                    }
                }
            }

            return hash;
        }

        // FNV-1a over the float's IEEE bytes, least significant first (the C hashes the uint32 bit pattern that way).
        private static uint HashFloat(uint hash, float value, byte[] bytes)
        {
            Protocol.ByteIO.WriteFloat(bytes, 0, value);
            for (int b = 0; b < 4; b++)
            {
                hash ^= bytes[b];
                hash = unchecked(hash * FnvPrime);
            }

            return hash;
        }
    }
}
