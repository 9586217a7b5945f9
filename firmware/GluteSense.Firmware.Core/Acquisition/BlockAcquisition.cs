using GluteSense.Firmware.Core.Drivers.Icm42688;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// The consumer side of acquisition, shared by the device app's acquisition thread and the Linux bench rig: takes
    /// the ready AFE block through the board runtime (DSP, framing), reports blocks the DRDY side had to overwrite as
    /// dropped samples (never silent), and reads the IMU FIFO burst that accumulated meanwhile. Zero allocation.
    /// </summary>
    public sealed class BlockAcquisition
    {
        private readonly AfeBlockBuffer _blocks;
        private readonly BoardRuntime _runtime;
        private readonly Icm42688 _imu;
        private readonly short[] _imuRaw = new short[Icm42688.MaxBurstPackets * Icm42688.RawValuesPerSample];
        private int _reportedDrops;

        public BlockAcquisition(AfeBlockBuffer blocks, BoardRuntime runtime, Icm42688 imu)
        {
            _blocks = blocks;
            _runtime = runtime;
            _imu = imu;
        }

        /// <summary>Blocks processed so far (the device's watchdog checks it keeps rising).</summary>
        public int BlocksProcessed { get; private set; }

        /// <summary>Processes the ready block, if there is one; <paramref name="nowUs"/> stamps the IMU burst. Returns
        /// whether a block was processed.</summary>
        public bool ProcessReady(uint nowUs)
        {
            int index = _blocks.Take();
            if (index < 0)
            {
                return false;
            }

            // Drops happened before this block: reported first, so the stream indices put the gap before it.
            int dropped = _blocks.SamplesDroppedBeforeTaken;
            if (dropped != _reportedDrops)
            {
                _runtime.ReportDroppedSamples(dropped - _reportedDrops);
                _reportedDrops = dropped;
            }

            _runtime.OnEmgBlock(_blocks.Codes(index), 0, _blocks.Samples(index), _blocks.StartUs(index), _blocks.LeadOffMask(index));
            _blocks.Release();
            BlocksProcessed++;

            int imuSamples = _imu.ReadFifoRaw(_imuRaw, 0, Icm42688.MaxBurstPackets);
            if (imuSamples > 0)
            {
                _runtime.OnImuBurst(_imuRaw, 0, imuSamples, nowUs);
            }

            return true;
        }
    }
}
