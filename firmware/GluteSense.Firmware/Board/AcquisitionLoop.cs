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
    /// it to the acquisition thread. That thread runs the block DSP and framing (BoardRuntime) and the IMU FIFO burst;
    /// the runtime's publisher notifies only when a client subscribed. A block the thread has not taken before the
    /// other fills is counted as dropped and reported, never silently lost.
    /// </summary>
    public sealed class AcquisitionLoop
    {
        /// <summary>EMG samples per block: 50 ms at 1 kHz (the envelope hop), as the host-side runner uses.</summary>
        public const int BlockSamples = 50;

        /// <summary>EMG channels used on the board (gmax_l, gmax_r, es_l, es_r on AFE inputs 1-4).</summary>
        public const int Channels = 4;

        private const int MaxImuSamplesPerBurst = Icm42688.MaxBurstPackets;
        private readonly Ads1298 _afe;
        private readonly Icm42688 _imu;
        private readonly BoardRuntime _runtime;
        private readonly IDeviceClock _clock;
        private readonly int[][] _blocks = { new int[BlockSamples * Channels], new int[BlockSamples * Channels] };
        private readonly uint[] _blockStartUs = new uint[2];
        private readonly int[] _blockLeadOff = new int[2];
        private readonly int[] _frame = new int[Ads1298.ChannelCount];
        private readonly short[] _imuRaw = new short[MaxImuSamplesPerBurst * Icm42688.RawValuesPerSample];
        private readonly AutoResetEvent _blockReady = new AutoResetEvent(false);
        private int _filling;
        private int _fill;
        private int _ready = -1;
        private Thread _thread;
        private bool _running;

        public AcquisitionLoop(Ads1298 afe, Icm42688 imu, BoardRuntime runtime, IDeviceClock clock)
        {
            _afe = afe;
            _imu = imu;
            _runtime = runtime;
            _clock = clock;
        }

        /// <summary>Blocks processed since start; the watchdog checks it keeps rising.</summary>
        public int BlocksProcessed { get; private set; }

        /// <summary>Blocks lost because the thread fell behind (also reported on the wire).</summary>
        public int BlocksDropped { get; private set; }

        public void Start()
        {
            _running = true;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
            _thread.Start();
            _afe.StartContinuous(OnAfeFrame);
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
            int[] block = _blocks[_filling];
            if (_fill == 0)
            {
                _blockStartUs[_filling] = _clock.NowUs();
                _blockLeadOff[_filling] = 0;
            }

            Array.Copy(counts, 0, block, _fill * Channels, Channels);
            _blockLeadOff[_filling] |= Ads1298.LeadOffPositive(statusWord) | Ads1298.LeadOffNegative(statusWord);
            if (++_fill < BlockSamples)
            {
                return;
            }

            if (_ready >= 0)
            {
                BlocksDropped++;
                _runtime.ReportDroppedSamples(BlockSamples);
            }

            _ready = _filling;
            _filling ^= 1;
            _fill = 0;
            _blockReady.Set();
        }

        private void Run()
        {
            while (_running)
            {
                _blockReady.WaitOne();
                int index = _ready;
                if (index < 0)
                {
                    continue;
                }

                _runtime.OnEmgBlock(_blocks[index], 0, BlockSamples, _blockStartUs[index], _blockLeadOff[index]);
                _ready = -1;
                BlocksProcessed++;
                int imuSamples = _imu.ReadFifoRaw(_imuRaw, 0, MaxImuSamplesPerBurst);
                if (imuSamples > 0)
                {
                    _runtime.OnImuBurst(_imuRaw, 0, imuSamples, _clock.NowUs());
                }
            }
        }
    }
}
