namespace GluteSense.Firmware.Core.Dsp
{
    /// <summary>
    /// Settings of the on-board EMG chain for one session. Defaults follow sEMG practice (docs/signal-chain.md):
    /// 20-450 Hz band-pass (4 poles), 50 Hz notch with Q = 30 on (clinic envelopes), 50 ms rectangular RMS,
    /// 100 Hz envelope rate. Every recording stores these values and the coefficients they produced.
    /// </summary>
    public sealed class EmgChainSettings
    {
        /// <summary>Default AFE sample rate (Hz).</summary>
        public const int DefaultSampleRateHz = 1000;

        /// <summary>Default band-pass lower edge (Hz): SENIAM recommends a 10-20 Hz high-pass against motion artefact.</summary>
        public const int DefaultBandPassLowHz = 20;

        /// <summary>Default band-pass upper edge (Hz): sEMG power above ~450-500 Hz is negligible.</summary>
        public const int DefaultBandPassHighHz = 450;

        /// <summary>Default mains frequency (Hz) for the notch and the powerline estimate.</summary>
        public const int DefaultMainsHz = 50;

        /// <summary>Default RMS window (ms).</summary>
        public const int DefaultRmsWindowMs = 50;

        /// <summary>Default envelope output rate (Hz).</summary>
        public const int DefaultEnvelopeRateHz = Protocol.ProtocolSpec.DefaultEnvelopeRateHz;

        /// <summary>AFE sample rate (Hz): 1000 or 2000 use the built-in coefficient tables.</summary>
        public int SampleRateHz = DefaultSampleRateHz;

        /// <summary>Band-pass lower edge (Hz), used to pick the built-in table and to describe the chain.</summary>
        public int BandPassLowHz = DefaultBandPassLowHz;

        /// <summary>Band-pass upper edge (Hz).</summary>
        public int BandPassHighHz = DefaultBandPassHighHz;

        /// <summary>Mains frequency (Hz): 50 or 60. Used by the notch (when on) and by the powerline quality estimate.</summary>
        public int MainsHz = DefaultMainsHz;

        /// <summary>Notch on (true) or off. The notch also removes real EMG power at the mains frequency.</summary>
        public bool NotchEnabled = true;

        /// <summary>Mains harmonics to notch: 1 = fundamental only, up to 3 (fundamental, 2nd and 3rd).</summary>
        public int NotchHarmonics = 1;

        /// <summary>RMS window length (ms); the window must hold a whole number of samples.</summary>
        public int RmsWindowMs = DefaultRmsWindowMs;

        /// <summary>Envelope output rate (Hz); the sample rate must be a whole multiple of it.</summary>
        public int EnvelopeRateHz = DefaultEnvelopeRateHz;

        /// <summary>Also produce the linear envelope (rectify + 2nd-order 6 Hz low-pass) at the envelope rate.</summary>
        public bool LinearEnvelopeEnabled;

        /// <summary>Samples in the RMS window.</summary>
        public int WindowSamples
        {
            get { return RmsWindowMs * SampleRateHz / 1000; }
        }

        /// <summary>Samples between two envelope values.</summary>
        public int HopSamples
        {
            get { return EnvelopeRateHz > 0 ? SampleRateHz / EnvelopeRateHz : 0; }
        }

        /// <summary>
        /// Returns null if the settings are usable, otherwise a one-line reason (for a command error or a CLI message).
        /// </summary>
        public string Validate()
        {
            if (SampleRateHz < 250 || SampleRateHz > 16000)
            {
                return "sample rate must be 250..16000 Hz";
            }

            if (BandPassLowHz <= 0 || BandPassHighHz <= BandPassLowHz || BandPassHighHz * 2 >= SampleRateHz)
            {
                return "band-pass edges must satisfy 0 < low < high < sample rate / 2";
            }

            if (MainsHz != 50 && MainsHz != 60)
            {
                return "mains frequency must be 50 or 60 Hz";
            }

            if (NotchHarmonics < 1 || NotchHarmonics > CoefficientTables.MaxNotchHarmonic
                || MainsHz * NotchHarmonics * 2 >= SampleRateHz)
            {
                return "notch harmonics must be 1..3 and below the Nyquist frequency";
            }

            if (EnvelopeRateHz <= 0 || SampleRateHz % EnvelopeRateHz != 0)
            {
                return "envelope rate must divide the sample rate";
            }

            if (RmsWindowMs <= 0 || (RmsWindowMs * SampleRateHz) % 1000 != 0 || WindowSamples < 1)
            {
                return "RMS window must be a whole number of samples (at least one)";
            }

            return null;
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(EmgChainSettings other)
        {
            SampleRateHz = other.SampleRateHz;
            BandPassLowHz = other.BandPassLowHz;
            BandPassHighHz = other.BandPassHighHz;
            MainsHz = other.MainsHz;
            NotchEnabled = other.NotchEnabled;
            NotchHarmonics = other.NotchHarmonics;
            RmsWindowMs = other.RmsWindowMs;
            EnvelopeRateHz = other.EnvelopeRateHz;
            LinearEnvelopeEnabled = other.LinearEnvelopeEnabled;
        }
    }
}
