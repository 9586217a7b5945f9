using GluteSense.Firmware.Core.Drivers.Icm42688;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// The managed side of one block from the native module (firmware/GluteSense.Native): the buffers its ReadBlock and
    /// ReadBlockInfo fill, and what the acquisition thread does with them once per block (copy into the runtime's
    /// block output, frame, report lost samples, IMU burst). Kept in the core so the per-block managed work is the
    /// code the budget test counts (docs/firmware-budget.md). Zero allocation after construction.
    /// </summary>
    public sealed class NativeBlock
    {
        /// <summary>Largest block (samples per channel): the buffers' stride.</summary>
        public const int MaxSamples = BoardRuntime.MaxEmgBlockSamples;

        /// <summary>Per-channel entries of <see cref="Info"/> before channel 0's emit samples: envelope count, clip
        /// count, flat-line flag (the layout NativeAfe.ReadBlockInfo writes).</summary>
        public const int InfoPerChannel = 3;

        /// <summary>Per-channel entries of <see cref="Quality"/>: band RMS, powerline ratio.</summary>
        public const int QualityPerChannel = 2;

        private readonly short[] _imuRaw = new short[Icm42688.MaxBurstPackets * Icm42688.RawValuesPerSample];

        /// <summary>Allocates the buffers for <paramref name="channels"/> EMG channels (1 to the ADS1298's 8).</summary>
        public NativeBlock(int channels)
        {
            if (channels < 1 || channels > Drivers.Ads1298.Ads1298.ChannelCount)
            {
                throw new System.ArgumentOutOfRangeException("channels");
            }

            Channels = channels;
            Codes = new int[channels * MaxSamples];
            Filtered = new float[channels * MaxSamples];
            Envelope = new float[channels * MaxSamples];
            Info = new int[InfoPerChannel * channels + MaxSamples];
            Quality = new float[QualityPerChannel * channels];
        }

        /// <summary>EMG channels of the block.</summary>
        public int Channels { get; private set; }

        /// <summary>Interleaved 24-bit codes of the block (ReadBlock).</summary>
        public readonly int[] Codes;

        /// <summary>Interleaved filtered samples, uV (ReadBlock).</summary>
        public readonly float[] Filtered;

        /// <summary>Envelope values, channel-major with <see cref="MaxSamples"/> per channel (ReadBlock).</summary>
        public readonly float[] Envelope;

        /// <summary>Envelope counts, clip counts, flat-line flags per channel, then channel 0's emit samples (ReadBlockInfo).</summary>
        public readonly int[] Info;

        /// <summary>Band RMS (uV) per channel, then powerline ratio per channel (ReadBlockInfo).</summary>
        public readonly float[] Quality;

        /// <summary>
        /// Hands one native block to <paramref name="runtime"/>: <paramref name="lostSamples"/> (exact, from the native
        /// ring's sample counter) go to the status frame, the results to <see cref="BoardRuntime.LastBlock"/>, the block
        /// to the framing; then the IMU FIFO burst that accumulated meanwhile.
        /// </summary>
        public void Deliver(BoardRuntime runtime, int samples, uint firstSampleUs, int lostSamples, int leadOffMask,
            Icm42688 imu, uint nowUs)
        {
            if (lostSamples > 0)
            {
                runtime.ReportDroppedSamples(lostSamples);
            }

            if (samples > 0)
            {
                Fill(runtime.LastBlock, samples, leadOffMask);
                runtime.OnProcessedEmgBlock(Codes, 0, samples, firstSampleUs);
            }

            int imuSamples = imu.ReadFifoRaw(_imuRaw, 0, Icm42688.MaxBurstPackets);
            if (imuSamples > 0)
            {
                runtime.OnImuBurst(_imuRaw, 0, imuSamples, nowUs);
            }
        }

        // The native results into the runtime's block output: array copies per channel, no per-sample managed work.
        private void Fill(EmgBlockOutput output, int samples, int leadOffMask)
        {
            int channels = Channels;
            output.SampleCount = samples;
            System.Array.Copy(Filtered, output.Filtered, samples * channels);
            EmgQuality q = output.Quality;
            q.LeadOffStatus = leadOffMask;
            for (int c = 0; c < channels; c++)
            {
                int count = Info[c];
                output.EnvelopeCount[c] = count;
                System.Array.Copy(Envelope, c * MaxSamples, output.Envelope[c], 0, count);
                System.Array.Copy(Info, InfoPerChannel * channels, output.EmitSample[c], 0, count);
                q.ClipCount[c] = Info[channels + c];
                q.FlatLine[c] = Info[2 * channels + c] != 0;
                q.LeadOff[c] = EmgQuality.IsLeadOff(leadOffMask, c);
                q.BandRmsUv[c] = Quality[c];
                q.PowerlineRatio[c] = Quality[channels + c];
            }
        }
    }
}
