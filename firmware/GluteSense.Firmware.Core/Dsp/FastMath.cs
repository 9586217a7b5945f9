namespace GluteSense.Firmware.Core.Dsp
{
    /// <summary>
    /// The few math functions the board needs. nanoFramework's mscorlib has no System.Math, and the envelope path
    /// only needs a square root at the envelope rate (100 Hz per channel), so a Newton iteration is cheap enough.
    /// </summary>
    public static class FastMath
    {
        /// <summary>
        /// Square root of <paramref name="x"/> in single precision (relative error below 2e-7 for normal inputs).
        /// Returns 0 for x &lt;= 0 (a mean of squares can only be negative through rounding) and for NaN.
        /// </summary>
        public static float Sqrt(float x)
        {
            if (!(x > 0f))
            {
                return 0f;
            }

            // Range reduction by powers of 4: x = m * 4^k with m in [0.25, 1), so sqrt(x) = sqrt(m) * 2^k.
            float scale = 1f;
            float m = x;
            while (m >= 65536f)
            {
                m *= 1f / 65536f;
                scale *= 256f;
            }

            while (m >= 1f)
            {
                m *= 0.25f;
                scale *= 2f;
            }

            while (m < 0.25f)
            {
                m *= 4f;
                scale *= 0.5f;
            }

            // Linear first guess on [0.25, 1) (max relative error ~6 %), then Newton: each step squares the error,
            // so three steps reach float precision.
            float y = 0.41731f + 0.59016f * m;
            y = 0.5f * (y + m / y);
            y = 0.5f * (y + m / y);
            y = 0.5f * (y + m / y);
            return y * scale;
        }

        /// <summary>Absolute value (no branch-free trick: the interpreter gains nothing from one).</summary>
        public static float Abs(float x)
        {
            return x < 0f ? -x : x;
        }
    }
}
