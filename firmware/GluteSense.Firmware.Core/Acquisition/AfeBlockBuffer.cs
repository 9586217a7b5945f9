using GluteSense.Firmware.Core.Drivers.Ads1298;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// Collects AFE frames (one per DRDY) into fixed-size blocks for <see cref="BoardRuntime.OnEmgBlock"/>: two blocks,
    /// one filling on the DRDY side while the other is processed. A full block the consumer has not released before
    /// the next one fills is overwritten and counted in <see cref="BlocksDropped"/> (reported, never silent).
    /// Zero allocation after construction. Used by the device app and by the Linux bench rig.
    /// </summary>
    public sealed class AfeBlockBuffer
    {
        /// <summary>Samples per block at <paramref name="sampleRateHz"/>: ProtocolSpec.AcquisitionBlockMs of data.</summary>
        public static int BlockSamplesAt(int sampleRateHz) { return sampleRateHz * Protocol.ProtocolSpec.AcquisitionBlockMs / 1000; }

        private readonly int[][] _codes;
        private readonly uint[] _startUs = new uint[2];
        private readonly int[] _leadOff = new int[2];
        private int _filling;
        private int _fill;
        private int _ready = -1;

        /// <summary>Buffers for blocks of up to <paramref name="maxBlockSamples"/>; the block starts that long.</summary>
        public AfeBlockBuffer(int channels, int maxBlockSamples)
        {
            if (channels < 1 || channels > Ads1298.ChannelCount || maxBlockSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("channels", "channels 1..8 and at least one sample per block");
            }

            Channels = channels;
            BlockSamples = maxBlockSamples;
            _codes = new int[][] { new int[channels * maxBlockSamples], new int[channels * maxBlockSamples] };
        }

        /// <summary>Changes the block length (after an EMG rate change; while stopped); drops a partly filled block.</summary>
        public void SetBlockSamples(int blockSamples)
        {
            if (blockSamples < 1 || blockSamples * Channels > _codes[0].Length)
            {
                throw new System.ArgumentOutOfRangeException("blockSamples", "block longer than the buffers");
            }

            BlockSamples = blockSamples;
            _fill = 0;
            _ready = -1;
        }

        /// <summary>EMG channels per sample set (as configured).</summary>
        public int Channels { get; private set; }

        /// <summary>Sample sets per block (as configured).</summary>
        public int BlockSamples { get; private set; }

        /// <summary>Blocks overwritten before the consumer took them.</summary>
        public int BlocksDropped { get; private set; }

        /// <summary>DRDY side: copies the first <see cref="Channels"/> counts; true when this frame completed a block.</summary>
        public bool AddFrame(int statusWord, int[] counts, uint nowUs)
        {
            if (_fill == 0)
            {
                _startUs[_filling] = nowUs;
                _leadOff[_filling] = 0;
            }

            System.Array.Copy(counts, 0, _codes[_filling], _fill * Channels, Channels);
            _leadOff[_filling] |= Ads1298.LeadOffPositive(statusWord) | Ads1298.LeadOffNegative(statusWord);
            if (++_fill < BlockSamples)
            {
                return false;
            }

            if (_ready >= 0)
            {
                BlocksDropped++;
            }

            _ready = _filling;
            _filling ^= 1;
            _fill = 0;
            return true;
        }

        /// <summary>Consumer side: the ready block's index (0 or 1), or -1 when none is ready.</summary>
        public int Ready { get { return _ready; } }

        /// <summary>Interleaved codes of block <paramref name="block"/> (sample-major, <see cref="Channels"/> per sample).</summary>
        public int[] Codes(int block) { return _codes[block]; }

        /// <summary>Device time of the block's first sample (us).</summary>
        public uint StartUs(int block) { return _startUs[block]; }

        /// <summary>Lead-off bits (positive | negative electrodes) seen in the block.</summary>
        public int LeadOffMask(int block) { return _leadOff[block]; }

        /// <summary>Consumer side: the ready block was processed.</summary>
        public void Release() { _ready = -1; }
    }
}
