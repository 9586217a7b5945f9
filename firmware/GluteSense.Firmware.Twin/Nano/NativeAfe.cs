using GluteSense.Firmware.Twin.Board;
using GluteSense.Host.Native;

namespace GluteSense.Native
{
    /// <summary>
    /// The managed equivalent of the native module's InternalCall declaration (firmware/GluteSense.Native/interop/
    /// managed/NativeAfe.cs): same class, same signatures (TwinApiTests compares them), bodies on the twin's
    /// <see cref="TwinNativeModule"/> (the module's C for the ring and the chain, the ADS1298 simulator for the SPI reads).
    /// ReadBlock waits in board time, at most 100 ms as the interop stub does.
    /// </summary>
    public static class NativeAfe
    {
        /// <summary>Native assembly version of the declaration this stands in for.</summary>
        public const string NativeVersion = "1.1.0.0";

        /// <summary>Interface checksum of the declaration this stands in for.</summary>
        public const uint NativeChecksum = 0xAE2E7216;

        /// <summary>Return code: done.</summary>
        public const int Ok = 0;

        /// <summary>Return code: refused while DRDY handling runs.</summary>
        public const int Running = -2;

        private const int ReadBlockTimeoutMs = 100;

        /// <summary>Starts DRDY handling (the twin's AFE conversions reach the ring).</summary>
        public static int Start(int sampleRateHz, int channels, int blockSamples, int spiHost, int csGpio, int drdyGpio, int spiClockHz)
        {
            TwinBoot boot = TwinBoot.Current;
            return boot.Board.Hardware.Native.Start(sampleRateHz, channels, blockSamples, boot.Scheduler.NowUs);
        }

        /// <summary>Stops DRDY handling (SDATAC).</summary>
        public static int Stop()
        {
            TwinBoot boot = TwinBoot.Current;
            int rc = boot.Board.Hardware.Native.Stop();
            boot.Scheduler.Poke();   // a blocked ReadBlock returns
            return rc;
        }

        /// <summary>Writes one AFE register; refused while running.</summary>
        public static int WriteRegister(byte address, byte value) => TwinBoard.Current.Hardware.Native.WriteRegister(address, value);

        /// <summary>Sets the EMG chain; refused while running.</summary>
        public static int ConfigureChain(float[] sections, int sectionCount, int windowSamples, int hopSamples,
            float[] linearLowPass, float[] fundamentalNotch, float lsbMicrovolts) =>
            TwinBoard.Current.Hardware.Native.ConfigureChain(sections, sectionCount, windowSamples, hopSamples, linearLowPass,
                fundamentalNotch, lsbMicrovolts);

        /// <summary>Waits for the next block (board time) and runs the chain on it.</summary>
        public static int ReadBlock(int[] codes, float[] filtered, float[] envelope, out uint firstSampleUs, out int lostSamples)
        {
            TwinBoot boot = TwinBoot.Current;
            TwinNativeModule native = boot.Board.Hardware.Native;
            firstSampleUs = 0;
            lostSamples = 0;
            if (!native.IsRunning) return TwinNativeModule.Stopped;
            if (!native.BlockReady)
            {
                boot.Scheduler.Block(boot.Scheduler.NowUs + 1000L * ReadBlockTimeoutMs, () => native.BlockReady);
                if (!native.BlockReady) return 0;
            }

            return native.ReadBlock(codes, filtered, envelope, out firstSampleUs, out lostSamples);
        }

        /// <summary>The last block's per-channel results; returns the lead-off mask.</summary>
        public static int ReadBlockInfo(int[] info, float[] quality) => TwinBoard.Current.Hardware.Native.ReadBlockInfo(info, quality);

        /// <summary>Hash of the chain's output on the self-test signal (the module's C).</summary>
        public static uint SelfTest(float[] sections, int sectionCount, int windowSamples, int hopSamples, float lsbMicrovolts) =>
            TwinNativeModule.SelfTest(sections, sectionCount, windowSamples, hopSamples, lsbMicrovolts);
    }
}

namespace GluteSense.Native
{
    /// <summary>
    /// The managed equivalent of the NativeBoardStore declaration: the twin board's non-volatile store, read through the
    /// module's C range rule (gs_passkey_from_store) as the board's NVS read is.
    /// </summary>
    public static class NativeBoardStore
    {
        /// <summary>Returned when no passkey was stored.</summary>
        public const int NoPasskey = -1;

        /// <summary>The stored passkey, or <see cref="NoPasskey"/> (none stored, or out of 0..999999).</summary>
        public static int ReadPasskey()
        {
            int passkey = TwinBoard.Current.StoredPasskey;
            return NativeMethods.gs_host_passkey_from_store(passkey < 0 ? 0 : 1, passkey < 0 ? 0u : (uint)passkey);
        }
    }
}
