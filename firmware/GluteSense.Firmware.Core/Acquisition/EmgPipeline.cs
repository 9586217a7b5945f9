using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// The on-board EMG chain for all channels: 24-bit codes -> microvolts -> band-pass -> notch -> RMS envelope at
    /// the envelope rate, plus quality flags. Blocks of interleaved samples in, caller-owned
    /// <see cref="EmgBlockOutput"/> out, one channel at a time; nothing is allocated after construction.
    /// The host runs this same class on recorded raw EMG to get the board's envelope.
    /// </summary>
    public sealed class EmgPipeline
    {
        private readonly EmgChannel[] _channels;
        private readonly EmgChainSettings _settings = new EmgChainSettings();
        private readonly float[] _sections = new float[EmgChannel.MaxSections * EmgChannel.CoefficientsPerSection];
        private readonly int _maxBlockSamples;
        private int _sectionCount;
        private float[] _linearLowPass;
        private float _lsbMicrovolts;
        private float _goertzelCoefficient;
        private int _blocksUntilPowerline;

        /// <summary>
        /// Creates a pipeline for <paramref name="channelCount"/> channels and blocks of up to
        /// <paramref name="maxBlockSamples"/> samples per channel, configured with <paramref name="settings"/> from the
        /// built-in coefficient tables.
        /// </summary>
        /// <exception cref="System.ArgumentException">The settings are invalid or have no built-in table.</exception>
        public EmgPipeline(int channelCount, int maxBlockSamples, EmgChainSettings settings, float lsbMicrovolts)
        {
            if (channelCount < 1 || maxBlockSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("channelCount");
            }

            _maxBlockSamples = maxBlockSamples;
            _channels = new EmgChannel[channelCount];
            for (int c = 0; c < channelCount; c++)
            {
                // Windows up to one second: the longest RMS window the protocol allows.
                _channels[c] = new EmgChannel(maxBlockSamples, MaxWindowSubBlocks);
            }

            _lsbMicrovolts = lsbMicrovolts;
            string error = Configure(settings);
            if (error != null)
            {
                throw new System.ArgumentException(error, "settings");
            }
        }

        /// <summary>Most sub-blocks an RMS window may span: a window of up to 1000 samples even when gcd(window, hop) = 1 (4 kB per channel).</summary>
        public const int MaxWindowSubBlocks = 1000;

        /// <summary>Channels per sample.</summary>
        public int ChannelCount { get { return _channels.Length; } }

        /// <summary>The settings in force (do not modify; use <see cref="Configure"/>).</summary>
        public EmgChainSettings Settings { get { return _settings; } }

        /// <summary>Sections of the cascade in force.</summary>
        public int SectionCount { get { return _sectionCount; } }

        /// <summary>Microvolts per AFE code.</summary>
        public float LsbMicrovolts
        {
            get { return _lsbMicrovolts; }
            set { _lsbMicrovolts = value; }
        }

        /// <summary>True when channel 0 runs the structured fast path.</summary>
        public bool UsesFastPath { get { return _channels[0].UsesFastPath; } }

        /// <summary>Copies the coefficients in force (section-major b0, b1, b2, a1, a2) into <paramref name="destination"/>.</summary>
        public int CopySections(float[] destination)
        {
            System.Array.Copy(_sections, destination, _sectionCount * EmgChannel.CoefficientsPerSection);
            return _sectionCount;
        }

        /// <summary>
        /// Null when <paramref name="settings"/> can run on the built-in coefficient tables, else a one-line reason.
        /// Changes nothing (commands ask before they answer OK).
        /// </summary>
        public string Check(EmgChainSettings settings)
        {
            string error = settings.Validate();
            if (error != null)
            {
                return error;
            }

            if (CoefficientTables.BandPass(settings.SampleRateHz) == null || settings.BandPassLowHz != CoefficientTables.BandPassLowHz
                || settings.BandPassHighHz != CoefficientTables.BandPassHighHz)
            {
                return "no built-in coefficients for these settings: design them on the host and send them as biquads";
            }

            for (int h = 1; settings.NotchEnabled && h <= settings.NotchHarmonics; h++)
            {
                if (CoefficientTables.Notch(settings.SampleRateHz, settings.MainsHz, h) == null)
                {
                    return "no built-in notch for these mains and sample rates";
                }
            }

            return null;
        }

        /// <summary>
        /// Applies <paramref name="settings"/> using the built-in coefficient tables. Returns null on success or the
        /// reason of <see cref="Check"/>, in which case nothing changed.
        /// </summary>
        public string Configure(EmgChainSettings settings)
        {
            string error = Check(settings);
            if (error != null)
            {
                return error;
            }

            float[] bandPass = CoefficientTables.BandPass(settings.SampleRateHz);
            int count = 0;
            float[] sections = _sections;
            System.Array.Copy(bandPass, 0, sections, 0, bandPass.Length);
            count += bandPass.Length / EmgChannel.CoefficientsPerSection;
            if (settings.NotchEnabled)
            {
                for (int h = 1; h <= settings.NotchHarmonics; h++)
                {
                    float[] notch = CoefficientTables.Notch(settings.SampleRateHz, settings.MainsHz, h);
                    System.Array.Copy(notch, 0, sections, count * EmgChannel.CoefficientsPerSection, notch.Length);
                    count++;
                }
            }

            Apply(settings, count);
            return null;
        }

        /// <summary>Null when explicit sections with the geometry of <paramref name="settings"/> can run, else a reason.</summary>
        public string CheckSections(float[] sections, int sectionCount, EmgChainSettings settings)
        {
            string error = settings.Validate();
            if (error != null)
            {
                return error;
            }

            if (sections == null || sectionCount < 0 || sectionCount > EmgChannel.MaxSections
                || sections.Length < sectionCount * EmgChannel.CoefficientsPerSection)
            {
                return "between 0 and 8 sections of 5 coefficients are required";
            }

            return null;
        }

        /// <summary>
        /// Applies explicit sections designed on the host (section-major b0, b1, b2, a1, a2) with the RMS and rate
        /// geometry of <paramref name="settings"/>. Returns null on success or a one-line reason (nothing changed).
        /// </summary>
        public string ConfigureSections(float[] sections, int sectionCount, EmgChainSettings settings)
        {
            string error = CheckSections(sections, sectionCount, settings);
            if (error != null)
            {
                return error;
            }

            System.Array.Copy(sections, _sections, sectionCount * EmgChannel.CoefficientsPerSection);
            Apply(settings, sectionCount);
            return null;
        }

        /// <summary>Clears every channel's state (a new stream starts).</summary>
        public void Reset()
        {
            for (int c = 0; c < _channels.Length; c++)
            {
                _channels[c].Reset();
            }

            _blocksUntilPowerline = 0;
        }

        /// <summary>
        /// Processes one block: <paramref name="sampleCount"/> samples of every channel, interleaved
        /// (sample 0 of channel 0, sample 0 of channel 1, ...) in <paramref name="codes"/> from
        /// <paramref name="offset"/>. <paramref name="leadOffMask"/> is the block's lead-off status as the AFE
        /// packs it (<see cref="EmgQuality.LeadOffStatus"/>: bit c = channel c negative electrode, bit 8 + c =
        /// positive). Results go to <paramref name="output"/>.
        /// </summary>
        public void ProcessBlock(int[] codes, int offset, int sampleCount, int leadOffMask, EmgBlockOutput output)
        {
            int channels = _channels.Length;
            if (codes == null || output == null)
            {
                throw new System.ArgumentNullException(codes == null ? "codes" : "output");
            }

            if (output.ChannelCount != channels || sampleCount < 0 || sampleCount > _maxBlockSamples
                || sampleCount > output.MaxBlockSamples || offset < 0 || offset + sampleCount * channels > codes.Length)
            {
                throw new System.ArgumentOutOfRangeException("sampleCount");
            }

            output.SampleCount = sampleCount;
            bool measurePowerline = _goertzelCoefficient != 0f && _blocksUntilPowerline == 0;
            _blocksUntilPowerline = _blocksUntilPowerline == 0 ? EmgQuality.PowerlineEveryBlocks - 1 : _blocksUntilPowerline - 1;
            EmgQuality quality = output.Quality;
            quality.LeadOffStatus = leadOffMask;
            for (int c = 0; c < channels; c++)
            {
                EmgChannel channel = _channels[c];
                quality.ClipCount[c] = ConvertChannel(codes, offset + c, channels, sampleCount, output.ScaledMicrovolts, c,
                    _lsbMicrovolts * channel.InputScale);
                quality.LeadOff[c] = EmgQuality.IsLeadOff(leadOffMask, c);
                output.EnvelopeCount[c] = channel.Process(output.ScaledMicrovolts, c, channels, sampleCount, output.Filtered,
                    output.Envelope[c], output.EmitSample[c], 0, output.LinearEnvelope[c]);
                float bandMeanSquare = channel.TakeBandMeanSquare();
                quality.BandRmsUv[c] = bandMeanSquare < 0f ? -1f : FastMath.Sqrt(bandMeanSquare);
                quality.FlatLine[c] = bandMeanSquare >= 0f && bandMeanSquare < EmgQuality.FlatLineMeanSquareUv2;
                quality.PowerlineRatio[c] = measurePowerline && bandMeanSquare >= 0f
                    ? PowerlineRatio(output.ScaledMicrovolts, c, channels, sampleCount, bandMeanSquare, channel.InputScale)
                    : -1f;
            }
        }

        private void Apply(EmgChainSettings settings, int sectionCount)
        {
            _settings.CopyFrom(settings);
            _sectionCount = sectionCount;
            _linearLowPass = settings.LinearEnvelopeEnabled ? CoefficientTables.LinearEnvelopeLowPass(settings.SampleRateHz) : null;
            float[] fundamental = CoefficientTables.Notch(settings.SampleRateHz, settings.MainsHz, 1);

            // The Goertzel recursion at the mains frequency needs 2 cos(w0), which is -b1/b0 of that notch.
            _goertzelCoefficient = fundamental == null ? 0f : -fundamental[1] / fundamental[0];
            for (int c = 0; c < _channels.Length; c++)
            {
                _channels[c].Configure(_sections, sectionCount, settings.WindowSamples, settings.HopSamples, _linearLowPass);
            }

            _blocksUntilPowerline = 0;
        }

        // Converts one channel's codes to scaled microvolts (same interleaving) and counts samples near full scale.
        private static int ConvertChannel(int[] codes, int start, int stride, int count, float[] microvolts, int outStart, float lsb)
        {
            const int high = CountsToMicrovolts.PositiveFullScaleCounts - EmgQuality.ClipMarginCounts;
            const int low = CountsToMicrovolts.NegativeFullScaleCounts + EmgQuality.ClipMarginCounts;
            int clipped = 0;
            int o = outStart;
            int end = start + count * stride;
            for (int i = start; i < end; i += stride, o += stride)
            {
                int code = codes[i];
                if (code >= high || code <= low)
                {
                    clipped++;
                }

                microvolts[o] = code * lsb;
            }

            return clipped;
        }

        // Goertzel at the mains frequency on the mean-removed raw signal: power of a sinusoid there (uV^2)
        // relative to that power plus the band power. The input carries the channel's input scale; undo it.
        private float PowerlineRatio(float[] microvolts, int start, int stride, int count, float bandMeanSquare, float inputScale)
        {
            if (count == 0)
            {
                return -1f;
            }

            int end = start + count * stride;
            float mean = 0f;
            for (int i = start; i < end; i += stride)
            {
                mean += microvolts[i];
            }

            mean /= count;
            float coefficient = _goertzelCoefficient;
            float s1 = 0f, s2 = 0f;
            for (int i = start; i < end; i += stride)
            {
                float s0 = microvolts[i] - mean + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
            }

            float magnitudeSquared = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            float mainsMeanSquare = 2f * magnitudeSquared / ((float)count * count * inputScale * inputScale);
            float total = mainsMeanSquare + bandMeanSquare;
            return total > 0f ? mainsMeanSquare / total : 0f;
        }
    }
}
