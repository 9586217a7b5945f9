using System;
using System.Threading;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Board
{
    /// <summary>
    /// The acquisition design: the AFE's DRDY edge (one per sample) runs <see cref="OnAfeFrame"/>, which only copies
    /// the channel codes into the block being filled (<see cref="AfeBlockBuffer"/>, no allocation) and,
    /// when the block is full, wakes the acquisition thread. That thread runs the core's <see cref="BlockAcquisition"/>:
    /// block DSP and framing, dropped-block reports, the IMU FIFO burst. The runtime's publisher notifies only when a
    /// client subscribed. The custom nanoCLR image uses <see cref="Native.NativeAcquisitionLoop"/> instead (DRDY in C);
    /// this loop stays for a stock image, where a DRDY handler runs up to a 20 ms quantum late.
    /// </summary>
    public sealed class AcquisitionLoop
    {
        /// <summary>EMG channels used on the board (gmax_l, gmax_r, es_l, es_r on AFE inputs 1-4).</summary>
        public const int Channels = 4;

        private readonly Ads1298 _afe;
        private readonly Icm42688 _imu;
        private readonly IDeviceClock _clock;
        private readonly AfeBlockBuffer _blocks = new AfeBlockBuffer(Channels, BoardRuntime.MaxEmgBlockSamples);
        private readonly BlockAcquisition _consumer;
        private readonly AutoResetEvent _blockReady = new AutoResetEvent(false);
        private int _afeRateHz;
        private Thread _thread;
        private bool _running;

        public AcquisitionLoop(Ads1298 afe, Icm42688 imu, BoardRuntime runtime, IDeviceClock clock)
        {
            _afeRateHz = runtime.Configuration.EmgRateHz;
            _blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(_afeRateHz));
            _afe = afe;
            _imu = imu;
            _clock = clock;
            _consumer = new BlockAcquisition(_blocks, runtime, imu);
        }

        /// <summary>Blocks processed since start; the watchdog checks it keeps rising.</summary>
        public int BlocksProcessed { get { return _consumer.BlocksProcessed; } }

        /// <summary>Samples lost because the thread fell behind (also reported on the wire).</summary>
        public int SamplesDropped { get { return _blocks.SamplesDropped; } }

        public void Start()
        {
            _running = true;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
            _thread.Start();
            _afe.StartContinuous(OnAfeFrame);
        }
        /// <summary>
        /// Sets the AFE's data rate to the runtime's EMG rate when they differ. set_emg_rate is refused while streaming,
        /// but the AFE converts whenever acquisition runs, so conversions stop around the change (the driver refuses
        /// otherwise) and restart at the new rate.
        /// </summary>
        public void MatchAfeRate(int sampleRateHz)
        {
            if (sampleRateHz != _afeRateHz)
            {
                bool converting = _afe.IsContinuous;
                if (converting) _afe.StopContinuous();
                _afe.SetSampleRate(sampleRateHz);
                if (converting) _afe.StartContinuous(OnAfeFrame);
                _afeRateHz = sampleRateHz;
                _blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(sampleRateHz));
            }
        }

        public void Stop()
        {
            _running = false;
            if (_afe.IsContinuous) _afe.StopContinuous();
            _blockReady.Set();
        }

        /// <summary>Stops acquisition and powers both sensors down (PWDN low, IMU sensors off): before deep sleep.</summary>
        public void PowerDownSensors()
        {
            Stop();
            _afe.PowerDown();
            _imu.PowerDown();
        }

        // DRDY context: copy the used channels, nothing else.
        private void OnAfeFrame(int statusWord, int[] counts)
        {
            if (_blocks.AddFrame(statusWord, counts, _clock.NowUs()))
            {
                _blockReady.Set();
            }
        }

        private void Run()
        {
            while (_running)
            {
                _blockReady.WaitOne();
                _consumer.ProcessReady(_clock.NowUs());
            }
        }
    }
}
