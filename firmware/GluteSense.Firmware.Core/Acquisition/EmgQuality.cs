namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// Signal-quality flags of one block, per channel, so the host can say "check electrode GMax left".
    /// Filled by <see cref="EmgPipeline"/>; arrays are allocated once.
    /// </summary>
    public sealed class EmgQuality
    {
        /// <summary>Mean square below which the band-passed signal counts as a flat line (uV^2; 0.3 uV RMS).
        /// Skin-electrode noise alone is about 1-3 uV RMS, so a quieter channel is shorted or not connected.</summary>
        public const float FlatLineMeanSquareUv2 = 0.1f;

        /// <summary>Codes this close to full scale count as clipped (the AFE saturates at +-(2^23 - 1)).</summary>
        public const int ClipMarginCounts = 16;

        /// <summary>The powerline level is estimated on one block in this many (it costs a second pass).</summary>
        public const int PowerlineEveryBlocks = 10;

        /// <summary>Creates flags for <paramref name="channelCount"/> channels.</summary>
        public EmgQuality(int channelCount)
        {
            ClipCount = new int[channelCount];
            LeadOff = new bool[channelCount];
            FlatLine = new bool[channelCount];
            BandRmsUv = new float[channelCount];
            PowerlineRatio = new float[channelCount];
        }

        /// <summary>Samples at or near AFE full scale in this block (saturation).</summary>
        public readonly int[] ClipCount;

        /// <summary>Lead-off reported by the AFE for either electrode of the channel.</summary>
        public readonly bool[] LeadOff;

        /// <summary>The block's lead-off status as the AFE packs it (<see cref="Drivers.Ads1298.Ads1298.LeadOffStatus"/>:
        /// LOFF_STATP in bits 15:8, LOFF_STATN in bits 7:0, bit c of each = channel c), ORed over the block's samples;
        /// the status frame re-packs it per electrode (<see cref="Protocol.ProtocolSpec"/> lead-off bits).</summary>
        public int LeadOffStatus;

        /// <summary>True when <paramref name="leadOffStatus"/> (AFE packing) reports either electrode of channel
        /// <paramref name="channel"/> off.</summary>
        public static bool IsLeadOff(int leadOffStatus, int channel)
        {
            return ((leadOffStatus >> channel) & 1) != 0 || ((leadOffStatus >> (LeadOffPositiveShift + channel)) & 1) != 0;
        }

        /// <summary>Where LOFF_STATP sits in the packed lead-off status (above LOFF_STATN's 8 bits).</summary>
        public const int LeadOffPositiveShift = 8;

        /// <summary>
        /// The status frame's lead-off bits from a packed AFE lead-off status: bit 2k = channel k positive electrode
        /// off, bit 2k+1 = negative (PROTOCOL.md 3.2), for the first <paramref name="channels"/> channels.
        /// </summary>
        public static int ProtocolLeadOffBits(int leadOffStatus, int channels)
        {
            int bits = 0;
            for (int c = 0; c < channels; c++)
            {
                if (((leadOffStatus >> (LeadOffPositiveShift + c)) & 1) != 0)
                {
                    bits |= 1 << (2 * c);
                }

                if (((leadOffStatus >> c) & 1) != 0)
                {
                    bits |= 1 << (2 * c + 1);
                }
            }

            return bits;
        }

        /// <summary>Band-passed signal below <see cref="FlatLineMeanSquareUv2"/>.</summary>
        public readonly bool[] FlatLine;

        /// <summary>RMS of the band-passed (and notched) signal over the block's completed sub-blocks (uV), -1 if none.</summary>
        public readonly float[] BandRmsUv;

        /// <summary>
        /// Mains power / (mains power + band power), 0..1, estimated on the raw signal (before the notch) at the mains
        /// frequency; -1 when not measured in this block (see <see cref="PowerlineEveryBlocks"/>).
        /// </summary>
        public readonly float[] PowerlineRatio;

        /// <summary>True if any channel needs attention (lead-off, clipping, flat line).</summary>
        public bool AnyProblem
        {
            get
            {
                for (int c = 0; c < ClipCount.Length; c++)
                {
                    if (LeadOff[c] || FlatLine[c] || ClipCount[c] > 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
