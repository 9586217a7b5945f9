namespace GluteSense.Firmware.Core.Dsp
{
    /// <summary>
    /// Converts 24-bit two's-complement AFE samples to microvolts at the electrodes.
    /// </summary>
    /// <remarks>
    /// ADS1298 datasheet (SBAS459), "Data Format": 1 LSB = (2 x VREF / Gain) / 2^24, i.e. full scale +-VREF/Gain maps
    /// to +-2^23 codes. Positive full scale is 0x7FFFFF, negative full scale 0x800000.
    /// </remarks>
    public static class CountsToMicrovolts
    {
        /// <summary>Largest positive 24-bit code (positive full scale, the AFE clips here).</summary>
        public const int PositiveFullScaleCounts = 0x7FFFFF;

        /// <summary>Most negative 24-bit code (negative full scale).</summary>
        public const int NegativeFullScaleCounts = -0x800000;

        /// <summary>Codes of a 24-bit converter (2^24).</summary>
        public const float CodesPer24Bits = 16777216f;

        /// <summary>Microvolts per code for a reference of <paramref name="vrefVolts"/> and a PGA gain of <paramref name="gain"/>.</summary>
        public static float LsbMicrovolts(float vrefVolts, float gain)
        {
            if (!(vrefVolts > 0f) || !(gain > 0f))
            {
                throw new System.ArgumentOutOfRangeException("gain", "reference voltage and gain must be positive");
            }

            return 2f * vrefVolts / gain / CodesPer24Bits * 1000000f;
        }

        /// <summary>
        /// Sign-extends a 24-bit two's-complement code held in the low 24 bits of <paramref name="raw24"/>.
        /// </summary>
        public static int SignExtend24(int raw24)
        {
            return (raw24 << 8) >> 8;
        }

        /// <summary>
        /// Converts <paramref name="count"/> codes to microvolts: output[i] = input[i] * lsbMicrovolts.
        /// Interleaved buffers convert as a whole (the scale is the same for every channel of one AFE at one gain).
        /// </summary>
        public static void Convert(int[] input, int inputOffset, float[] output, int outputOffset, int count, float lsbMicrovolts)
        {
            if (input == null || output == null)
            {
                throw new System.ArgumentNullException(input == null ? "input" : "output");
            }

            if (count < 0 || inputOffset < 0 || outputOffset < 0
                || inputOffset + count > input.Length || outputOffset + count > output.Length)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            for (int i = 0; i < count; i++)
            {
                output[outputOffset + i] = input[inputOffset + i] * lsbMicrovolts;
            }
        }
    }
}
