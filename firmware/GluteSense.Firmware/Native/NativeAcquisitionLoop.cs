using System.Threading;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Board;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Native;

namespace GluteSense.Firmware.Native
{
    /// <summary>
    /// Acquisition through the native module (firmware/GluteSense.Native): DRDY capture, the sample ring and the EMG
    /// chain run in C; this thread takes whole blocks (<see cref="NativeAfe.ReadBlock"/> +
    /// <see cref="NativeAfe.ReadBlockInfo"/>, two managed calls per 50 ms block), hands them to the runtime for
    /// framing, reports the samples the native side lost (exact counts from the ring's sample counter) and reads the
    /// IMU FIFO burst. Register writes and chain changes happen only while DRDY handling is stopped.
    /// Same public surface as <see cref="Board.AcquisitionLoop"/>, which stays for a stock nanoCLR image.
    /// </summary>
    public sealed class NativeAcquisitionLoop
    {
        private const int Channels = Board.AcquisitionLoop.Channels;

        private readonly Ads1298 _afe;
        private readonly Icm42688 _imu;
        private readonly BoardRuntime _runtime;
        private readonly IDeviceClock _clock;
        private readonly int _spiClockHz;
        private readonly NativeConversions _conversions;
        private readonly NativeBlock _block = new NativeBlock(Channels);
        private readonly float[] _sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        private Thread _thread;
        private bool _running;
        private bool _wasStreaming;
        private int _afeRateHz;

        /// <summary>Drives the AFE's START pin (conversions on/off): the only AFE pin the managed side keeps.</summary>
        public delegate void NativeConversions(bool on);

        /// <summary>ESP-IDF's number of the AFE's bus, VSPI (SPI3_HOST = 2; nanoFramework calls the same bus SPI1).</summary>
        public const int EspIdfAfeSpiHost = 2;

        public NativeAcquisitionLoop(Ads1298 afe, Icm42688 imu, BoardRuntime runtime, IDeviceClock clock, int spiClockHz,
            NativeConversions conversions)
        {
            _afe = afe;
            _imu = imu;
            _runtime = runtime;
            _clock = clock;
            _spiClockHz = spiClockHz;
            _conversions = conversions;
            _afeRateHz = runtime.Configuration.EmgRateHz;
        }

        /// <summary>Blocks processed since start; the watchdog checks it keeps rising.</summary>
        public int BlocksProcessed { get; private set; }

        /// <summary>Samples the native side could not read in time (also reported on the wire).</summary>
        public int SamplesLost { get; private set; }

        public void Start()
        {
            ConfigureChain();
            StartNative();
            _running = true;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
            _thread.Start();
        }

        public void Stop()
        {
            _running = false;
            StopNative();
        }

        /// <summary>Stops acquisition and powers both sensors down (PWDN low, IMU sensors off): before deep sleep.</summary>
        public void PowerDownSensors()
        {
            Stop();
            _afe.PowerDown();
            _imu.PowerDown();
        }

        /// <summary>
        /// After every command: a new EMG rate or a new chain (both change only while not streaming, or when streaming
        /// starts) is applied with DRDY handling stopped, then acquisition resumes.
        /// </summary>
        public void AfterCommand(int sampleRateHz)
        {
            bool streaming = _runtime.Configuration.Streaming;
            bool startedStreaming = streaming && !_wasStreaming;
            _wasStreaming = streaming;
            if (sampleRateHz == _afeRateHz && !startedStreaming)
            {
                return;
            }

            StopNative();
            if (sampleRateHz != _afeRateHz)
            {
                _afe.SetSampleRate(sampleRateHz);
                _afeRateHz = sampleRateHz;
            }

            ConfigureChain();
            StartNative();
        }

        /// <summary>
        /// The native module's hash of the self-test signal through the self-test chain (<see cref="NativeSelfTest"/>),
        /// for the info characteristic: <c>glutesense flash</c> compares it with the C# core's.
        /// </summary>
        public static uint SelfTest()
        {
            EmgChainSettings s = NativeSelfTest.Settings();
            var reference = new EmgPipeline(NativeSelfTest.Channels, NativeSelfTest.BlockSamples, s,
                CountsToMicrovolts.LsbMicrovolts(NativeSelfTest.VrefVolts, NativeSelfTest.Gain));
            var sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
            int count = reference.CopySections(sections);
            return NativeAfe.SelfTest(sections, count, s.WindowSamples, s.HopSamples, reference.LsbMicrovolts);
        }

        private void ConfigureChain()
        {
            EmgPipeline p = _runtime.Pipeline;
            EmgChainSettings s = p.Settings;
            int count = p.CopySections(_sections);
            NativeAfe.ConfigureChain(_sections, count, s.WindowSamples, s.HopSamples,
                s.LinearEnvelopeEnabled ? CoefficientTables.LinearEnvelopeLowPass(s.SampleRateHz) : new float[0],
                CoefficientTables.Notch(s.SampleRateHz, s.MainsHz, 1), p.LsbMicrovolts);
        }

        private void StartNative()
        {
            NativeAfe.Start(_afeRateHz, Channels, AfeBlockBuffer.BlockSamplesAt(_afeRateHz), EspIdfAfeSpiHost, BoardPins.AfeCs,
                BoardPins.AfeDrdy, _spiClockHz);
            _conversions(true);
        }

        private void StopNative()
        {
            _conversions(false);
            NativeAfe.Stop();
        }

        private void Run()
        {
            NativeBlock b = _block;
            while (_running)
            {
                uint firstUs;
                int lost;
                int samples = NativeAfe.ReadBlock(b.Codes, b.Filtered, b.Envelope, out firstUs, out lost);
                int leadOff = samples > 0 ? NativeAfe.ReadBlockInfo(b.Info, b.Quality) : 0;
                b.Deliver(_runtime, samples, firstUs, lost, leadOff, _imu, _clock.NowUs());
                if (samples > 0)
                {
                    BlocksProcessed++;
                }

                SamplesLost += lost;
            }
        }
    }
}
