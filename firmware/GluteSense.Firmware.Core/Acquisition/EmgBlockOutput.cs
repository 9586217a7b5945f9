namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// Caller-owned outputs of <see cref="EmgPipeline.ProcessBlock"/>, allocated once for a channel count and a
    /// maximum block size and reused for every block.
    /// </summary>
    public sealed class EmgBlockOutput
    {
        /// <summary>Creates buffers for <paramref name="channelCount"/> channels and blocks of up to <paramref name="maxBlockSamples"/> samples.</summary>
        public EmgBlockOutput(int channelCount, int maxBlockSamples)
        {
            if (channelCount < 1 || maxBlockSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("channelCount");
            }

            ChannelCount = channelCount;
            MaxBlockSamples = maxBlockSamples;
            ScaledMicrovolts = new float[channelCount * maxBlockSamples];
            Filtered = new float[channelCount * maxBlockSamples];
            Envelope = new float[channelCount][];
            LinearEnvelope = new float[channelCount][];
            EmitSample = new int[channelCount][];
            EnvelopeCount = new int[channelCount];
            for (int c = 0; c < channelCount; c++)
            {
                // At most one value per sample (hop of one sample), so this never overflows.
                Envelope[c] = new float[maxBlockSamples];
                LinearEnvelope[c] = new float[maxBlockSamples];
                EmitSample[c] = new int[maxBlockSamples];
            }

            Quality = new EmgQuality(channelCount);
        }

        /// <summary>Channels per sample.</summary>
        public readonly int ChannelCount;

        /// <summary>Largest block the buffers hold (samples per channel).</summary>
        public readonly int MaxBlockSamples;

        /// <summary>
        /// The block in microvolts multiplied by each channel's <c>EmgChannel.InputScale</c> (the fast path's folded
        /// section gains), interleaved like the input. Filtered output and envelopes are plain microvolts.
        /// </summary>
        public readonly float[] ScaledMicrovolts;

        /// <summary>Band-passed and notched signal (uV), interleaved like the input.</summary>
        public readonly float[] Filtered;

        /// <summary>RMS envelope values (uV) completed in this block, per channel.</summary>
        public readonly float[][] Envelope;

        /// <summary>Linear envelope values (uV) at the same instants, when enabled.</summary>
        public readonly float[][] LinearEnvelope;

        /// <summary>In-block sample number (0-based) each envelope value belongs to: its time is that sample's time.</summary>
        public readonly int[][] EmitSample;

        /// <summary>Envelope values written per channel in this block.</summary>
        public readonly int[] EnvelopeCount;

        /// <summary>Quality flags of this block.</summary>
        public readonly EmgQuality Quality;

        /// <summary>Samples per channel in the last block.</summary>
        public int SampleCount;
    }
}
