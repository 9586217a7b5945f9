using GluteSense.Firmware.Core.Drivers.Ads1298;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// Collects AFE frames (one per DRDY) into fixed-size blocks for <see cref="BoardRuntime.OnEmgBlock"/> when the DRDY
    /// handler runs in managed code (a stock nanoCLR image, the Linux bench rig; the custom image uses the native ring,
    /// firmware/GluteSense.Native). Safe between its two threads: the DRDY side fills one buffer, one completed block
    /// waits as "ready", and the consumer holds the block it took (<see cref="Take"/>) until <see cref="Release"/>, so the
    /// DRDY side never writes into a block being processed. A ready block the consumer has not taken when the next one
    /// completes is dropped and its samples counted in <see cref="SamplesDropped"/> (reported, never silent); the next
    /// block's start time shows where the gap is. Zero allocation after construction.
    /// </summary>
    /// <remarks>Only the index hand-over takes the lock (once per block on each side); frames are copied outside it
    /// into the filling buffer, which only the DRDY side owns.</remarks>
    public sealed class AfeBlockBuffer
    {
        /// <summary>Samples per block at <paramref name="sampleRateHz"/>: ProtocolSpec.AcquisitionBlockMs of data.</summary>
        public static int BlockSamplesAt(int sampleRateHz) { return sampleRateHz * Protocol.ProtocolSpec.AcquisitionBlockMs / 1000; }

        // Filling (DRDY side), ready (handed over), held (consumer): three buffers so that each role has its own.
        private const int Buffers = 3;

        private readonly object _sync = new object();
        private readonly int[][] _codes;
        private readonly uint[] _startUs = new uint[Buffers];
        private readonly int[] _leadOff = new int[Buffers];
        private readonly int[] _samples = new int[Buffers];
        private int _filling;
        private int _fill;
        private int _ready = -1;
        private int _held = -1;
        private int _samplesDropped;
        private int _droppedBeforeTaken;

        /// <summary>Buffers for blocks of up to <paramref name="maxBlockSamples"/>; the block starts that long.</summary>
        public AfeBlockBuffer(int channels, int maxBlockSamples)
        {
            if (channels < 1 || channels > Ads1298.ChannelCount || maxBlockSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("channels", "channels 1..8 and at least one sample per block");
            }

            Channels = channels;
            BlockSamples = maxBlockSamples;
            _codes = new int[Buffers][];
            for (int b = 0; b < Buffers; b++)
            {
                _codes[b] = new int[channels * maxBlockSamples];
            }
        }

        /// <summary>Changes the block length (after an EMG rate change; while stopped); drops a partly filled block.</summary>
        public void SetBlockSamples(int blockSamples)
        {
            if (blockSamples < 1 || blockSamples * Channels > _codes[0].Length)
            {
                throw new System.ArgumentOutOfRangeException("blockSamples", "block longer than the buffers");
            }

            lock (_sync)
            {
                BlockSamples = blockSamples;
                _fill = 0;
                _ready = -1;
            }
        }

        /// <summary>EMG channels per sample set (as configured).</summary>
        public int Channels { get; private set; }

        /// <summary>Sample sets per block (as configured).</summary>
        public int BlockSamples { get; private set; }

        /// <summary>Samples of blocks dropped because the consumer had not taken them in time.</summary>
        public int SamplesDropped
        {
            get
            {
                lock (_sync)
                {
                    return _samplesDropped;
                }
            }
        }

        /// <summary>Consumer side: <see cref="SamplesDropped"/> as it was when the taken block was handed over, i.e. the
        /// samples dropped before that block (later drops come after it).</summary>
        public int SamplesDroppedBeforeTaken { get { return _droppedBeforeTaken; } }

        /// <summary>DRDY side: copies the first <see cref="Channels"/> counts; true when this frame completed a block.</summary>
        public bool AddFrame(int statusWord, int[] counts, uint nowUs)
        {
            int filling = _filling;
            if (_fill == 0)
            {
                _startUs[filling] = nowUs;
                _leadOff[filling] = 0;
            }

            System.Array.Copy(counts, 0, _codes[filling], _fill * Channels, Channels);
            _leadOff[filling] |= Ads1298.LeadOffStatus(statusWord);
            if (++_fill < BlockSamples)
            {
                return false;
            }

            lock (_sync)
            {
                _samples[filling] = _fill;
                int next;
                if (_ready >= 0)
                {
                    // The consumer is a whole block behind: the older block goes, the newer one waits.
                    _samplesDropped += _samples[_ready];
                    next = _ready;
                }
                else
                {
                    next = FreeBuffer(filling);
                }

                _ready = filling;
                _filling = next;
            }

            _fill = 0;
            return true;
        }

        /// <summary>Consumer side: takes the ready block (its index), or -1 when none is ready. The block stays the
        /// consumer's until <see cref="Release"/>.</summary>
        public int Take()
        {
            lock (_sync)
            {
                if (_ready < 0)
                {
                    return -1;
                }

                _held = _ready;
                _ready = -1;
                _droppedBeforeTaken = _samplesDropped;
                return _held;
            }
        }

        /// <summary>Interleaved codes of block <paramref name="block"/> (sample-major, <see cref="Channels"/> per sample).</summary>
        public int[] Codes(int block) { return _codes[block]; }

        /// <summary>Samples in block <paramref name="block"/>.</summary>
        public int Samples(int block) { return _samples[block]; }

        /// <summary>Device time of the block's first sample (us).</summary>
        public uint StartUs(int block) { return _startUs[block]; }

        /// <summary>Lead-off bits (positive | negative electrodes) seen in the block.</summary>
        public int LeadOffMask(int block) { return _leadOff[block]; }

        /// <summary>Consumer side: the taken block was processed; its buffer may be filled again.</summary>
        public void Release()
        {
            lock (_sync)
            {
                _held = -1;
            }
        }

        // A buffer that is neither being filled nor held by the consumer (called under the lock with no ready block).
        private int FreeBuffer(int filling)
        {
            for (int b = 0; b < Buffers; b++)
            {
                if (b != filling && b != _held)
                {
                    return b;
                }
            }

            return filling; // unreachable with three buffers
        }
    }
}
