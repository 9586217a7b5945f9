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
    /// the channel codes into the block being filled (double buffer, no allocation) and, when the block is full, hands
    /// it to the acquisition thread (<see cref="AfeBlockBuffer"/>, in the core). That thread runs the block DSP and framing (BoardRuntime) and the IMU FIFO burst;
    /// the runtime's publisher notifies only when a client subscribed. A block the thread has not taken before the
    /// other fills is counted as dropped and reported, never silently lost.
    /// </summary>
    public sealed class AcquisitionLoop
    {

        /// <summary>EMG channels used on the board (gmax_l, gmax_r, es_l, es_r on AFE inputs 1-4).</summary>
        public const int Channels = 4;

        private const int MaxImuSamplesPerBurst = Icm42688.MaxBurstPackets;
        private readonly Ads1298 _afe;
        private readonly Icm42688 _imu;
        private readonly BoardRuntime _runtime;
        private readonly IDeviceClock _clock;
        private readonly AfeBlockBuffer _blocks = new AfeBlockBuffer(Channels, BoardRuntime.MaxEmgBlockSamples);
        private readonly short[] _imuRaw = new short[MaxImuSamplesPerBurst * Icm42688.RawValuesPerSample];
        private readonly AutoResetEvent _blockReady = new AutoResetEvent(false);
        private int _reportedDrops;
        private int _afeRateHz;
        private Thread _thread;
        private bool _running;

        public AcquisitionLoop(Ads1298 afe, Icm42688 imu, BoardRuntime runtime, IDeviceClock clock)
        {
            _afeRateHz = runtime.Configuration.EmgRateHz;
            _blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(_afeRateHz));
            _afe = afe;
            _imu = imu;
            _runtime = runtime;
            _clock = clock;
        }

        /// <summary>Blocks processed since start; the watchdog checks it keeps rising.</summary>
        public int BlocksProcessed { get; private set; }

        /// <summary>Blocks lost because the thread fell behind (also reported on the wire).</summary>
        public int BlocksDropped { get { return _blocks.BlocksDropped; } }

        public void Start()
        {
            _running = true;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
            _thread.Start();
            _afe.StartContinuous(OnAfeFrame);
        }

        /// <summary>Sets the AFE's data rate to the runtime's EMG rate when they differ (only changes while stopped).</summary>
        public void MatchAfeRate(int sampleRateHz)
        {
            if (sampleRateHz != _afeRateHz)
            {
                _afe.SetSampleRate(sampleRateHz);
                _afeRateHz = sampleRateHz;
                _blocks.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(sampleRateHz));
            }
        }

        public void Stop()
        {
            _running = false;
            _afe.StopContinuous();
            _blockReady.Set();
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
                int index = _blocks.Ready;
                if (index < 0)
                {
                    continue;
                }

                _runtime.OnEmgBlock(_blocks.Codes(index), 0, _blocks.BlockSamples, _blocks.StartUs(index), _blocks.LeadOffMask(index));
                _blocks.Release();
                BlocksProcessed++;
                int drops = _blocks.BlocksDropped;
                if (drops != _reportedDrops)
                {
                    _runtime.ReportDroppedSamples((drops - _reportedDrops) * _blocks.BlockSamples);
                    _reportedDrops = drops;
                }

                int imuSamples = _imu.ReadFifoRaw(_imuRaw, 0, MaxImuSamplesPerBurst);
                if (imuSamples > 0)
                {
                    _runtime.OnImuBurst(_imuRaw, 0, imuSamples, _clock.NowUs());
                }
            }
        }
    }
}
