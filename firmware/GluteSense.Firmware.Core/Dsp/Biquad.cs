namespace GluteSense.Firmware.Core.Dsp
{
    /// <summary>
    /// One second-order IIR section in Direct Form II transposed, run in single precision.
    /// </summary>
    /// <remarks>
    /// Transfer function H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2), i.e. a scipy "sos" row
    /// [b0, b1, b2, 1, a1, a2]. DF2T is used because it needs two state words per section and has good float
    /// behaviour for the low-order sections we cascade (coefficients are designed in double on the host and
    /// rounded once to float here). No allocation after construction; safe for the nanoFramework interpreter.
    /// </remarks>
    public sealed class Biquad
    {
        private float _b0;
        private float _b1;
        private float _b2;
        private float _a1;
        private float _a2;

        // Filter state (the two delay registers of DF2T).
        private float _z1;
        private float _z2;

        /// <summary>Creates a section that passes its input unchanged (b0 = 1).</summary>
        public Biquad()
        {
            _b0 = 1f;
        }

        /// <summary>Creates a section from coefficients already normalised so that a0 = 1.</summary>
        public Biquad(float b0, float b1, float b2, float a1, float a2)
        {
            SetCoefficients(b0, b1, b2, 1f, a1, a2);
        }

        /// <summary>Numerator coefficient b0 (a0 normalised to 1).</summary>
        public float B0 { get { return _b0; } }

        /// <summary>Numerator coefficient b1.</summary>
        public float B1 { get { return _b1; } }

        /// <summary>Numerator coefficient b2.</summary>
        public float B2 { get { return _b2; } }

        /// <summary>Denominator coefficient a1.</summary>
        public float A1 { get { return _a1; } }

        /// <summary>Denominator coefficient a2.</summary>
        public float A2 { get { return _a2; } }

        /// <summary>
        /// Replaces the coefficients, dividing all of them by <paramref name="a0"/>. The state is kept, so a
        /// running stream can be re-tuned; call <see cref="Reset"/> as well to start from rest.
        /// </summary>
        /// <exception cref="System.ArgumentException">a0 is zero (not a realisable filter).</exception>
        public void SetCoefficients(float b0, float b1, float b2, float a0, float a1, float a2)
        {
            if (a0 == 0f)
            {
                throw new System.ArgumentException("a0 must not be zero", "a0");
            }

            float inverseA0 = 1f / a0;
            _b0 = b0 * inverseA0;
            _b1 = b1 * inverseA0;
            _b2 = b2 * inverseA0;
            _a1 = a1 * inverseA0;
            _a2 = a2 * inverseA0;
        }

        /// <summary>Filters one sample and returns the output sample.</summary>
        public float Process(float x)
        {
            float y = _b0 * x + _z1;
            _z1 = _b1 * x - _a1 * y + _z2;
            _z2 = _b2 * x - _a2 * y;
            return y;
        }

        /// <summary>
        /// Filters <paramref name="count"/> samples of <paramref name="input"/> starting at
        /// <paramref name="inputOffset"/> into <paramref name="output"/> starting at <paramref name="outputOffset"/>.
        /// Input and output may be the same array (in-place). Nothing is allocated.
        /// </summary>
        public void Process(float[] input, int inputOffset, float[] output, int outputOffset, int count)
        {
            if (input == null)
            {
                throw new System.ArgumentNullException("input");
            }

            if (output == null)
            {
                throw new System.ArgumentNullException("output");
            }

            if (count < 0 || inputOffset < 0 || outputOffset < 0
                || inputOffset + count > input.Length || outputOffset + count > output.Length)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            // State and coefficients live in locals for the loop: on the nanoFramework interpreter a field
            // access costs several IL instructions, a local one.
            float b0 = _b0, b1 = _b1, b2 = _b2, a1 = _a1, a2 = _a2;
            float z1 = _z1, z2 = _z2;
            for (int i = 0; i < count; i++)
            {
                float x = input[inputOffset + i];
                float y = b0 * x + z1;
                z1 = b1 * x - a1 * y + z2;
                z2 = b2 * x - a2 * y;
                output[outputOffset + i] = y;
            }

            _z1 = z1;
            _z2 = z2;
        }

        /// <summary>Clears the state: the next sample is filtered as if the input had been zero before it.</summary>
        public void Reset()
        {
            _z1 = 0f;
            _z2 = 0f;
        }
    }
}
