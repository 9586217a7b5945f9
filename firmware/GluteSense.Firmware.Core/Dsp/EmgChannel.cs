namespace GluteSense.Firmware.Core.Dsp
{
    /// <summary>
    /// One EMG channel of the on-board chain: band-pass and notch sections, then a causal rectangular RMS decimated
    /// to the envelope rate, optionally a linear envelope. Processes blocks of a (possibly interleaved) buffer with
    /// all state in locals; allocates nothing after construction.
    /// </summary>
    /// <remarks>
    /// <para>Fast path. The default chain (Butterworth band-pass from <c>butter(2, [lo, hi], 'bandpass')</c> followed by
    /// an <c>iirnotch</c>) has numerators g(1, 2, 1), (1, -2, 1) and b0(1, c, 1) with the notch's a1 equal to its b1.
    /// Factoring the gains out leaves additions where a general section multiplies (docs/firmware-budget.md counts
    /// the IL). The high-pass pair runs first and one of its (1 - z^-1) factors is taken as an exact first
    /// difference of the input: the electrode offset (up to hundreds of millivolts, far above the EMG) then never
    /// enters a float state, which keeps the float chain within 1e-4 of a double one. The product of the gains is
    /// applied on the filtered output and once per envelope value. Any other cascade (host-designed, harmonics)
    /// runs the general DF2T sections.</para>
    /// <para>RMS without drift. The window of N samples is split into sub-blocks of g = gcd(N, hop) samples; each
    /// sub-block's sum of squares is stored, and every envelope value re-adds the N/g stored sums. Nothing is ever
    /// subtracted, so no rounding error accumulates however long the session. The first value is emitted at sample
    /// index N-1, then one every hop samples; its time is that sample's time.</para>
    /// </remarks>
    public sealed class EmgChannel
    {
        /// <summary>Coefficients per section in a flat section array: b0, b1, b2, a1, a2 (a0 = 1).</summary>
        public const int CoefficientsPerSection = 5;

        /// <summary>Most sections a channel accepts (band-pass 2 + notch with 3 harmonics, or a host design).</summary>
        public const int MaxSections = 8;

        // Relative tolerance for recognising the structured coefficients of the fast path (float rounding of the
        // same double gives identical values; anything farther is a different filter and takes the general path).
        private const float StructureTolerance = 1e-6f;

        private readonly float[] _sections = new float[MaxSections * CoefficientsPerSection];
        private readonly float[] _state = new float[MaxSections * 2];
        private readonly float[] _scratch;
        private readonly float[] _partialStore;
        private float[] _partials;
        private readonly Biquad _linearLowPass = new Biquad();

        private int _sectionCount;
        private bool _fastPath;
        private float _gain = 1f;

        // Fast-path coefficients (gains factored out).
        private float _a1a, _a2a, _a1b, _a2b, _cn, _a1n, _a2n;

        private int _windowSamples;
        private int _subBlockSamples;
        private int _partialCount;
        private int _partialsPerHop;
        private int _partialPos;
        private int _partialsUntilEmit;
        private int _subBlockFill;
        private float _acc;
        private float _inverseWindow;
        private bool _linearEnabled;
        private float _bandMeanSquareSum;
        private int _bandMeanSquareCount;

        /// <summary>
        /// Creates a channel for blocks of up to <paramref name="maxBlockSamples"/> samples and RMS windows of up to
        /// <paramref name="maxWindowSamples"/> samples.
        /// </summary>
        public EmgChannel(int maxBlockSamples, int maxWindowSamples)
        {
            if (maxBlockSamples < 1 || maxWindowSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxBlockSamples");
            }

            _scratch = new float[maxBlockSamples];
            _partialStore = new float[maxWindowSamples];
            _partials = _partialStore;
        }

        /// <summary>True when the structured fast path is in use (see remarks).</summary>
        public bool UsesFastPath { get { return _fastPath; } }

        /// <summary>Samples in the RMS window.</summary>
        public int WindowSamples { get { return _windowSamples; } }

        /// <summary>Sections in the cascade.</summary>
        public int SectionCount { get { return _sectionCount; } }

        /// <summary>
        /// Sets the cascade and the RMS/decimation geometry and resets the state.
        /// </summary>
        /// <param name="sections">Section-major b0, b1, b2, a1, a2 (a0 = 1), as in <see cref="CoefficientTables"/>.</param>
        /// <param name="sectionCount">Sections to use from <paramref name="sections"/> (0 = no filtering).</param>
        /// <param name="windowSamples">RMS window N in samples.</param>
        /// <param name="hopSamples">Samples between envelope values.</param>
        /// <param name="linearLowPass">One low-pass section for the linear envelope, or null for none.</param>
        public void Configure(float[] sections, int sectionCount, int windowSamples, int hopSamples, float[] linearLowPass)
        {
            if (sectionCount < 0 || sectionCount > MaxSections
                || (sectionCount > 0 && (sections == null || sections.Length < sectionCount * CoefficientsPerSection)))
            {
                throw new System.ArgumentOutOfRangeException("sectionCount");
            }

            if (windowSamples < 1 || hopSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("windowSamples");
            }

            int subBlock = Gcd(windowSamples, hopSamples);
            if (windowSamples / subBlock > _partialStore.Length)
            {
                throw new System.ArgumentOutOfRangeException("windowSamples", "window longer than this channel was built for");
            }

            _sectionCount = sectionCount;
            if (sectionCount > 0)
            {
                System.Array.Copy(sections, _sections, sectionCount * CoefficientsPerSection);
            }

            _windowSamples = windowSamples;
            _subBlockSamples = subBlock;
            _partialCount = windowSamples / subBlock;

            // A ring of exactly one window of sub-block sums (allocated only when the geometry changes, never per block).
            _partials = _partialCount == _partials.Length ? _partials : new float[_partialCount];
            _partialsPerHop = hopSamples / subBlock;
            _fastPath = DetectFastPath();
            if (!_fastPath)
            {
                _gain = 1f;
            }

            _inverseWindow = 1f / windowSamples;

            _linearEnabled = linearLowPass != null;
            if (_linearEnabled)
            {
                _linearLowPass.SetCoefficients(linearLowPass[0], linearLowPass[1], linearLowPass[2], 1f, linearLowPass[3], linearLowPass[4]);
            }

            Reset();
        }

        /// <summary>Clears filter, RMS and linear-envelope state: the next block starts a new stream.</summary>
        public void Reset()
        {
            System.Array.Clear(_state, 0, _state.Length);
            System.Array.Clear(_partials, 0, _partials.Length);
            _partialPos = 0;
            _partialsUntilEmit = _partialCount;
            _subBlockFill = 0;
            _acc = 0f;
            _bandMeanSquareSum = 0f;
            _bandMeanSquareCount = 0;
            _linearLowPass.Reset();
        }

        /// <summary>
        /// Multiply the input (uV) by this before <see cref="Process"/>: the product of the fast path's section
        /// gains (1 on the general path). Folding it into the codes-to-microvolts conversion keeps the hot loop
        /// free of it; the filtered output and the envelope are then in microvolts.
        /// </summary>
        public float InputScale { get { return _gain; } }

        /// <summary>
        /// Returns the mean square of the filtered signal (uV^2) averaged over the envelope windows completed since
        /// the last call, or -1 if none completed. Used by the quality flags (band power, flat line, powerline ratio).
        /// </summary>
        public float TakeBandMeanSquare()
        {
            float result = _bandMeanSquareCount > 0 ? _bandMeanSquareSum / _bandMeanSquareCount : -1f;
            _bandMeanSquareSum = 0f;
            _bandMeanSquareCount = 0;
            return result;
        }

        /// <summary>
        /// Filters <paramref name="count"/> samples of this channel read from <paramref name="input"/> at
        /// <paramref name="offset"/>, <paramref name="offset"/> + stride, ... (microvolts), writes the filtered
        /// samples (microvolts) at the same positions of <paramref name="filtered"/>, and writes each envelope value
        /// completed in this block to <paramref name="envelope"/> (RMS, microvolts) with the in-block sample number it
        /// belongs to in <paramref name="emitSamples"/>, starting at <paramref name="envelopeOffset"/>. With the
        /// linear envelope enabled its values go to <paramref name="linearEnvelope"/> at the same positions.
        /// The input must already be multiplied by <see cref="InputScale"/>.
        /// Returns the number of envelope values written.
        /// </summary>
        public int Process(float[] input, int offset, int stride, int count, float[] filtered,
            float[] envelope, int[] emitSamples, int envelopeOffset, float[] linearEnvelope)
        {
            if (input == null || filtered == null || envelope == null || emitSamples == null)
            {
                throw new System.ArgumentNullException("input");
            }

            if (stride < 1 || count < 0 || count > _scratch.Length || offset < 0
                || (count > 0 && offset + (count - 1) * stride >= input.Length)
                || filtered.Length < input.Length)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            if (_windowSamples == 0)
            {
                throw new System.InvalidOperationException("Configure the channel before processing");
            }

            int emitted = _fastPath
                ? ProcessFast(input, offset, stride, count, filtered, envelope, emitSamples, envelopeOffset)
                : ProcessGeneral(input, offset, stride, count, filtered, envelope, emitSamples, envelopeOffset);

            if (_linearEnabled && linearEnvelope != null)
            {
                SampleLinearEnvelope(filtered, offset, stride, count, linearEnvelope, emitSamples, envelopeOffset, emitted);
            }

            return emitted;
        }

        private int ProcessFast(float[] input, int offset, int stride, int count, float[] filtered,
            float[] envelope, int[] emitSamples, int envelopeOffset)
        {
            float a1a = _a1a, a2a = _a2a, a1b = _a1b, na2b = -_a2b, cn = _cn, a1n = _a1n, a2n = _a2n;
            float x1 = _state[0], z1b = _state[1], z2b = _state[2], z1a = _state[3], z2a = _state[4], z1n = _state[5], z2n = _state[6];
            float acc = _acc;
            float[] partials = _partials;
            int sub = _subBlockSamples, fill = _subBlockFill, pos = _partialPos, untilEmit = _partialsUntilEmit;
            int partialCount = partials.Length, perHop = _partialsPerHop;
            int idx = offset;
            int remaining = count;
            int envelopeIndex = envelopeOffset;
            while (remaining > 0)
            {
                int n = sub - fill;
                if (n > remaining)
                {
                    n = remaining;
                }

                int end = idx + n * stride;
                for (; idx < end; idx += stride)
                {
                    float x = input[idx];               // already multiplied by InputScale (the sections' gains)
                    float d = x - x1;                   // first (1 - z^-1): removes the electrode offset exactly,
                    x1 = x;                             // so no state ever holds it (float keeps 24 bits)
                    float u = d + z1b;                  // (1 - z^-1) / A_high(z)
                    z1b = z2b - d - a1b * u;
                    z2b = na2b * u;
                    float y = u + z1a;                  // (1 + 2z^-1 + z^-2) / A_low(z)
                    z1a = u + u - a1a * y + z2a;
                    z2a = u - a2a * y;
                    float v = y + z1n;                  // (1 + c z^-1 + z^-2) / (1 + a1 z^-1 + a2 z^-2)
                    z1n = cn * y - a1n * v + z2n;
                    z2n = y - a2n * v;
                    acc += v * v;
                    filtered[idx] = v;
                }

                remaining -= n;
                fill += n;
                if (fill == sub)
                {
                    fill = 0;
                    partials[pos] = acc;
                    acc = 0f;
                    pos++;
                    if (pos == partialCount)
                    {
                        pos = 0;
                    }

                    untilEmit--;
                    if (untilEmit == 0)
                    {
                        untilEmit = perHop;
                        Emit(envelope, emitSamples, envelopeIndex, count - remaining);
                        envelopeIndex++;
                    }
                }
            }

            _state[0] = x1; _state[1] = z1b; _state[2] = z2b; _state[3] = z1a; _state[4] = z2a; _state[5] = z1n; _state[6] = z2n;
            _acc = acc;
            _subBlockFill = fill;
            _partialPos = pos;
            _partialsUntilEmit = untilEmit;
            return envelopeIndex - envelopeOffset;
        }

        private int ProcessGeneral(float[] input, int offset, int stride, int count, float[] filtered,
            float[] envelope, int[] emitSamples, int envelopeOffset)
        {
            float[] scratch = _scratch;
            for (int i = 0, idx = offset; i < count; i++, idx += stride)
            {
                scratch[i] = input[idx];
            }

            for (int s = 0; s < _sectionCount; s++)
            {
                RunSection(s, scratch, count);
            }

            int emitted = 0;
            for (int i = 0, idx = offset; i < count; i++, idx += stride)
            {
                float v = scratch[i];
                filtered[idx] = v;
                _acc += v * v;
                _subBlockFill++;
                if (_subBlockFill == _subBlockSamples)
                {
                    _subBlockFill = 0;
                    _partials[_partialPos] = _acc;
                    _acc = 0f;
                    _partialPos = (_partialPos + 1) % _partials.Length;
                    _partialsUntilEmit--;
                    if (_partialsUntilEmit == 0)
                    {
                        _partialsUntilEmit = _partialsPerHop;
                        Emit(envelope, emitSamples, envelopeOffset + emitted, i + 1);
                        emitted++;
                    }
                }
            }

            return emitted;
        }

        // One general DF2T section over the contiguous scratch buffer, in place.
        private void RunSection(int section, float[] buffer, int count)
        {
            int c = section * CoefficientsPerSection;
            float b0 = _sections[c], b1 = _sections[c + 1], b2 = _sections[c + 2], a1 = _sections[c + 3], a2 = _sections[c + 4];
            float z1 = _state[2 * section], z2 = _state[2 * section + 1];
            for (int i = 0; i < count; i++)
            {
                float x = buffer[i];
                float y = b0 * x + z1;
                z1 = b1 * x - a1 * y + z2;
                z2 = b2 * x - a2 * y;
                buffer[i] = y;
            }

            _state[2 * section] = z1;
            _state[2 * section + 1] = z2;
        }

        // Once per envelope value: re-adds the window's sub-block sums (nothing is ever subtracted, so nothing
        // drifts), takes the square root and keeps the band power for the quality flags.
        // samplesDone = samples of this block processed so far; the value belongs to the last of them.
        private void Emit(float[] envelope, int[] emitSamples, int envelopeIndex, int samplesDone)
        {
            float[] partials = _partials;
            float sum = 0f;
            for (int p = 0; p < partials.Length; p++)
            {
                sum += partials[p];
            }

            float meanSquare = sum * _inverseWindow;
            envelope[envelopeIndex] = FastMath.Sqrt(meanSquare);
            emitSamples[envelopeIndex] = samplesDone - 1;
            _bandMeanSquareSum += meanSquare;
            _bandMeanSquareCount++;
        }

        private void SampleLinearEnvelope(float[] filtered, int offset, int stride, int count, float[] linearEnvelope,
            int[] emitSamples, int envelopeOffset, int emitted)
        {
            int next = 0;
            for (int i = 0, idx = offset; i < count; i++, idx += stride)
            {
                float v = filtered[idx];
                float smoothed = _linearLowPass.Process(v < 0f ? -v : v);
                if (next < emitted && emitSamples[envelopeOffset + next] == i)
                {
                    linearEnvelope[envelopeOffset + next] = smoothed;
                    next++;
                }
            }
        }

        private bool DetectFastPath()
        {
            if (_sectionCount != 3)
            {
                return false;
            }

            float[] s = _sections;
            float g0 = s[0], g1 = s[5], b0n = s[10];
            bool lowPair = Near(s[1], 2f * g0) && Near(s[2], g0);
            bool highPair = Near(s[6], -2f * g1) && Near(s[7], g1);
            bool notch = Near(s[12], b0n) && Near(s[13], s[11]);
            if (!lowPair || !highPair || !notch || g0 == 0f || g1 == 0f || b0n == 0f)
            {
                return false;
            }

            _a1a = s[3]; _a2a = s[4];
            _a1b = s[8]; _a2b = s[9];
            _cn = s[11] / b0n; _a1n = s[13]; _a2n = s[14];
            _gain = g0 * g1 * b0n;
            return true;
        }

        private static bool Near(float a, float b)
        {
            float d = a - b;
            float m = b < 0f ? -b : b;
            return (d < 0f ? -d : d) <= StructureTolerance * (m > 1f ? m : 1f);
        }

        private static int Gcd(int a, int b)
        {
            while (b != 0)
            {
                int t = a % b;
                a = b;
                b = t;
            }

            return a;
        }
    }
}
