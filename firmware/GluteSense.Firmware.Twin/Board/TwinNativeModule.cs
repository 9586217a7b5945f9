using System;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Board;
using GluteSense.Host.Native;

namespace GluteSense.Firmware.Twin.Board
{
    /// <summary>
    /// The native acquisition module (firmware/GluteSense.Native) on the twin, behind the same NativeAfe declaration:
    /// the DRDY interrupt and reader task become the twin's time steps (each conversion's 27-byte frame is read from
    /// the ADS1298 simulator over its SPI interface, as RDATAC reads it), and the frame unpacking, the sample ring and
    /// the EMG chain are the module's own C (libglutesense_native, P/Invoked), so the twin runs the C the board runs.
    /// What it cannot run: the ESP-IDF glue (gs_afe_esp32.c: the ISR, the FreeRTOS task, spi_device_polling_transmit).
    /// </summary>
    public sealed class TwinNativeModule : IDisposable
    {
        /// <summary>NativeAfe return codes (GS_AFE_*): stopped, refused while running, bad argument.</summary>
        public const int Stopped = -1, Running = -2, Invalid = -3;

        private const byte CmdRdatac = 0x10, CmdSdatac = 0x11, CmdWreg = 0x40;
        /// <summary>EMG channels the board uses (AcquisitionLoop.Channels); the twin's chain is built for them.</summary>
        public const int BoardChannels = 4;

        private const int FrameBytes = 27;
        private readonly TwinHardware _hardware;
        private readonly NativeSampleRing _ring = new NativeSampleRing();
        private readonly NativeEmgPipeline _chain = new NativeEmgPipeline(BoardChannels, NativeBlock.MaxSamples);
        private readonly byte[] _frameOut = new byte[FrameBytes];
        private readonly byte[] _frameIn = new byte[FrameBytes];
        private readonly int[] _codes = new int[BoardChannels];
        private double[] _inputUv = new double[BoardChannels * NativeBlock.MaxSamples];
        private readonly int[] _blockCodes = new int[BoardChannels * NativeBlock.MaxSamples];
        private readonly EmgBlockOutput _output = new EmgBlockOutput(BoardChannels, NativeBlock.MaxSamples);
        private long _startUs;
        private long _converted;
        private long _consumed;
        private int _lastLeadOff;

        internal TwinNativeModule(TwinHardware hardware) { _hardware = hardware; }

        /// <summary>True between Start and Stop.</summary>
        public bool IsRunning { get; private set; }

        /// <summary>Sample rate, channels and block length of the running acquisition.</summary>
        public int SampleRateHz { get; private set; }

        /// <summary>Channels of the running acquisition.</summary>
        public int Channels { get; private set; }

        /// <summary>Samples per block.</summary>
        public int BlockSamples { get; private set; }

        /// <summary>Conversions since the module last started (the sensors' sample index).</summary>
        public long Converted => _converted;

        internal bool BlockReady => !IsRunning || _converted - _consumed >= BlockSamples;

        internal int Start(int sampleRateHz, int channels, int blockSamples, long nowUs)
        {
            if (IsRunning) return Running;
            if (sampleRateHz <= 0 || channels != BoardChannels || blockSamples < 1 || blockSamples > NativeBlock.MaxSamples) return Invalid;
            SampleRateHz = sampleRateHz;
            Channels = channels;
            BlockSamples = blockSamples;

            _chain.Reset();
            _startUs = nowUs;
            _converted = 0;
            _consumed = 0;
            IsRunning = true;
            _hardware.RestartSensors(nowUs);
            Command(CmdRdatac);
            return 0;
        }

        internal int Stop()
        {
            if (!IsRunning) return Stopped;
            IsRunning = false;
            while (_ring.ReadBlock(Channels, NativeBlock.MaxSamples, _blockCodes, out _, out _, out _) > 0)
            {
                // drain: the next start begins a new stream
            }

            Command(CmdSdatac);
            return 0;
        }

        /// <summary>
        /// The ESP32 resets (a reboot or a wake from deep sleep): the module's RAM state, the running flag and the ring,
        /// is gone and its task no longer exists. Nothing reaches the ADS1298, an external chip that keeps its registers
        /// until the app's start-up resets it.
        /// </summary>
        internal void ChipReset()
        {
            if (!IsRunning) return;
            IsRunning = false;
            while (_ring.ReadBlock(Channels, NativeBlock.MaxSamples, _blockCodes, out _, out _, out _) > 0)
            {
                // the ring is RAM: lost with the reset
            }
        }

        internal int WriteRegister(byte address, byte value)
        {
            if (IsRunning) return Running;
            if (address > 0x1F) return Invalid;
            var write = new byte[] { (byte)(CmdWreg | address), 0, value };
            _hardware.Afe.TransferFullDuplex(write, 0, new byte[3], 0, 3);
            return 0;
        }

        internal int ConfigureChain(float[] sections, int sectionCount, int windowSamples, int hopSamples, float[] linearLowPass,
            float[] fundamentalNotch, float lsbMicrovolts)
        {
            if (IsRunning) return Running;
            try
            {
                // Configured for the board's channels; the chain's extra channels stay unused.
                _chain.Configure(sections, sectionCount, windowSamples, hopSamples, linearLowPass.Length == 0 ? null : linearLowPass,
                    fundamentalNotch, lsbMicrovolts);
                return 0;
            }
            catch (ArgumentException)
            {
                return Invalid;
            }
        }

        /// <summary>ReadBlock after the caller waited for <see cref="BlockReady"/>: ring -> chain -> caller's arrays.</summary>
        internal int ReadBlock(int[] codes, float[] filtered, float[] envelope, out uint firstSampleUs, out int lostSamples)
        {
            firstSampleUs = 0;
            lostSamples = 0;
            if (!IsRunning) return Stopped;
            int channels = Channels;
            int n = _ring.ReadBlock(channels, BlockSamples, _blockCodes, out firstSampleUs, out uint lost, out _lastLeadOff);
            lostSamples = (int)lost;
            if (n <= 0) return 0;
            _consumed += n + lost;
            _chain.ProcessBlock(_blockCodes, n, _lastLeadOff, _output);
            int stride = envelope.Length / channels;
            Array.Copy(_blockCodes, codes, n * channels);
            Array.Copy(_output.Filtered, filtered, n * channels);
            for (int c = 0; c < channels; c++)
            {
                Array.Copy(_output.Envelope[c], 0, envelope, c * stride, _output.EnvelopeCount[c]);
            }

            return n;
        }

        /// <summary>ReadBlockInfo: the last block's per-channel results (layout of the interop stub).</summary>
        internal int ReadBlockInfo(int[] info, float[] quality)
        {
            int channels = quality.Length / 2;
            EmgBlockOutput o = _output;
            for (int c = 0; c < channels; c++)
            {
                info[c] = o.EnvelopeCount[c];
                info[channels + c] = o.Quality.ClipCount[c];
                info[2 * channels + c] = o.Quality.FlatLine[c] ? 1 : 0;
                quality[c] = o.Quality.BandRmsUv[c];
                quality[channels + c] = o.Quality.PowerlineRatio[c];
            }

            Array.Copy(o.EmitSample[0], 0, info, 3 * channels, o.EnvelopeCount[0]);
            return _lastLeadOff;
        }

        internal static uint SelfTest(float[] sections, int sectionCount, int windowSamples, int hopSamples, float lsbMicrovolts) =>
            NativeMethods.gs_host_selftest_hash(sections, sectionCount, windowSamples, hopSamples, lsbMicrovolts);

        internal long NextBlockUs()
        {
            if (!Converting()) return long.MaxValue;
            long need = _consumed + BlockSamples;   // the conversion that completes the next block
            if (need <= _converted) return long.MaxValue;   // already there: the reader wakes without time moving
            return DrdyUs(need - 1);
        }

        internal void AdvanceTo(long nowUs)
        {
            if (!Converting()) return;
            while (DrdyUs(_converted) <= nowUs)
            {
                long first = _converted;
                int count = (int)Math.Min(NativeBlock.MaxSamples, 1 + (nowUs - DrdyUs(first)) * SampleRateHz / 1_000_000);
                int sourceChannels = _hardware.Sensors?.ChannelCount ?? BoardChannels;
                if (_inputUv.Length < sourceChannels * count) _inputUv = new double[sourceChannels * NativeBlock.MaxSamples];
                Array.Clear(_inputUv);
                _hardware.Sensors?.ReadEmg(first, count, SampleRateHz, _inputUv);
                for (int s = 0; s < count; s++)
                {
                    for (int c = 0; c < BoardChannels && c < sourceChannels; c++) _hardware.Afe.InputMicrovolts[c] = _inputUv[s * sourceChannels + c];
                    _hardware.Afe.TransferFullDuplex(_frameOut, 0, _frameIn, 0, FrameBytes);   // the RDATAC read after DRDY
                    int status = NativeMethods.gs_host_unpack_frame(_frameIn, Channels, _codes);
                    _ring.Push((uint)DrdyUs(first + s), status, _codes, Channels);
                    _converted++;
                }
            }
        }

        /// <summary>Releases the native ring and chain.</summary>
        public void Dispose()
        {
            _ring.Dispose();
            _chain.Dispose();
        }

        // Conversions happen while the module runs, START is high and the chip is powered (PWDN, RESET high), unless a
        // test made the AFE stop raising DRDY.
        private bool Converting() =>
            IsRunning && _hardware.Afe.Read(BoardPins.AfeStart) && !_hardware.AfePoweredDown && !_hardware.AfeDrdyStopped;

        private long DrdyUs(long sample) => _startUs + sample * 1_000_000 / SampleRateHz;

        private void Command(byte opcode) => _hardware.Afe.TransferFullDuplex(new[] { opcode }, 0, new byte[1], 0, 1);
    }
}
