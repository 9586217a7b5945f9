namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Filter settings as carried by the SetFilter command and reported by GetConfig, in plain fields. Either
    /// parametric (band-pass edges + notch, designed on the board from tables) or explicit biquad sections designed
    /// in double on the host and sent as float32 (b0, b1, b2, a1, a2 per section, a0 = 1). The acquisition pipeline
    /// maps these onto its DSP chain.
    /// </summary>
    public sealed class FilterCommandSettings
    {
        /// <summary>ProtocolSpec.FilterKindParametric or FilterKindBiquads.</summary>
        public int Kind = ProtocolSpec.FilterKindParametric;

        /// <summary>RMS window length (ms).</summary>
        public int RmsWindowMs = Dsp.EmgChainSettings.DefaultRmsWindowMs;

        /// <summary>Envelope output rate (Hz).</summary>
        public int EnvelopeRateHz = ProtocolSpec.DefaultEnvelopeRateHz;

        /// <summary>Band-pass lower edge (Hz), parametric kind.</summary>
        public int BandLowHz = Dsp.EmgChainSettings.DefaultBandPassLowHz;

        /// <summary>Band-pass upper edge (Hz), parametric kind.</summary>
        public int BandHighHz = Dsp.EmgChainSettings.DefaultBandPassHighHz;

        /// <summary>Power-line notch (Hz): 0 = off, 50 or 60.</summary>
        public int NotchHz = Dsp.EmgChainSettings.DefaultMainsHz;

        /// <summary>Biquad sections in <see cref="Biquads"/> (biquad kind).</summary>
        public int BiquadSectionCount;

        /// <summary>Coefficients, section-major: b0, b1, b2, a1, a2 for each section.</summary>
        public readonly float[] Biquads = new float[ProtocolSpec.MaxBiquadSections * ProtocolSpec.BiquadCoefficients];

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(FilterCommandSettings other)
        {
            Kind = other.Kind;
            RmsWindowMs = other.RmsWindowMs;
            EnvelopeRateHz = other.EnvelopeRateHz;
            BandLowHz = other.BandLowHz;
            BandHighHz = other.BandHighHz;
            NotchHz = other.NotchHz;
            BiquadSectionCount = other.BiquadSectionCount;
            System.Array.Copy(other.Biquads, Biquads, Biquads.Length);
        }

        /// <summary>
        /// Returns ProtocolSpec.ErrOk if these settings are usable at <paramref name="emgRateHz"/>, otherwise
        /// ErrBadValue: window and rate in range, band edges ordered and below Nyquist, notch 0/50/60, every biquad
        /// finite and stable (poles inside the unit circle: |a2| &lt; 1 and |a1| &lt; 1 + a2).
        /// </summary>
        public int Validate(int emgRateHz)
        {
            if (RmsWindowMs < ProtocolSpec.MinRmsWindowMs || RmsWindowMs > ProtocolSpec.MaxRmsWindowMs
                || EnvelopeRateHz < ProtocolSpec.MinEnvelopeRateHz || EnvelopeRateHz > ProtocolSpec.MaxEnvelopeRateHz)
            {
                return ProtocolSpec.ErrBadValue;
            }

            if (Kind == ProtocolSpec.FilterKindParametric)
            {
                bool notchOk = NotchHz == 0 || NotchHz == 50 || NotchHz == 60;
                return notchOk && BandLowHz >= 1 && BandLowHz < BandHighHz && 2 * BandHighHz < emgRateHz
                    ? ProtocolSpec.ErrOk
                    : ProtocolSpec.ErrBadValue;
            }

            if (Kind != ProtocolSpec.FilterKindBiquads || BiquadSectionCount < 1 || BiquadSectionCount > ProtocolSpec.MaxBiquadSections)
            {
                return ProtocolSpec.ErrBadValue;
            }

            for (int s = 0; s < BiquadSectionCount; s++)
            {
                int o = s * ProtocolSpec.BiquadCoefficients;
                for (int k = 0; k < ProtocolSpec.BiquadCoefficients; k++)
                {
                    float c = Biquads[o + k];
                    if (!(c > -1e6f && c < 1e6f))
                    {
                        return ProtocolSpec.ErrBadValue; // NaN, infinity or absurd magnitude
                    }
                }

                float a1 = Biquads[o + 3];
                float a2 = Biquads[o + 4];
                float absA1 = a1 < 0f ? -a1 : a1;
                float absA2 = a2 < 0f ? -a2 : a2;
                if (!(absA2 < 1f && absA1 < 1f + a2))
                {
                    return ProtocolSpec.ErrBadValue;
                }
            }

            return ProtocolSpec.ErrOk;
        }

        /// <summary>Writes the SetFilter payload; returns its length.</summary>
        public int WritePayload(byte[] b, int offset)
        {
            b[offset] = (byte)Kind;
            ByteIO.WriteUInt16(b, offset + 1, RmsWindowMs);
            ByteIO.WriteUInt16(b, offset + 3, EnvelopeRateHz);
            int p = offset + ProtocolSpec.FilterPrefixLength;
            if (Kind == ProtocolSpec.FilterKindParametric)
            {
                ByteIO.WriteUInt16(b, p, BandLowHz);
                ByteIO.WriteUInt16(b, p + 2, BandHighHz);
                b[p + 4] = (byte)NotchHz;
                return ProtocolSpec.FilterParametricLength;
            }

            b[p] = (byte)BiquadSectionCount;
            p++;
            for (int i = 0; i < BiquadSectionCount * ProtocolSpec.BiquadCoefficients; i++, p += 4)
            {
                ByteIO.WriteFloat(b, p, Biquads[i]);
            }

            return p - offset;
        }

        /// <summary>
        /// Reads a SetFilter payload into this object. Returns ErrOk or ErrBadLength / ErrBadValue (kind unknown);
        /// on failure the object may be partly written, so decode into a scratch instance.
        /// </summary>
        public int ReadPayload(byte[] b, int offset, int length)
        {
            if (length < ProtocolSpec.FilterPrefixLength + 1)
            {
                return ProtocolSpec.ErrBadLength;
            }

            Kind = b[offset];
            RmsWindowMs = ByteIO.ReadUInt16(b, offset + 1);
            EnvelopeRateHz = ByteIO.ReadUInt16(b, offset + 3);
            int p = offset + ProtocolSpec.FilterPrefixLength;
            if (Kind == ProtocolSpec.FilterKindParametric)
            {
                if (length != ProtocolSpec.FilterParametricLength) return ProtocolSpec.ErrBadLength;
                BandLowHz = ByteIO.ReadUInt16(b, p);
                BandHighHz = ByteIO.ReadUInt16(b, p + 2);
                NotchHz = b[p + 4];
                BiquadSectionCount = 0;
                return ProtocolSpec.ErrOk;
            }

            if (Kind != ProtocolSpec.FilterKindBiquads) return ProtocolSpec.ErrBadValue;
            int sections = b[p];
            if (sections < 1 || sections > ProtocolSpec.MaxBiquadSections)
            {
                return ProtocolSpec.ErrBadValue;
            }

            if (length != ProtocolSpec.FilterPrefixLength + 1 + sections * ProtocolSpec.BiquadSectionLength)
            {
                return ProtocolSpec.ErrBadLength;
            }

            BiquadSectionCount = sections;
            p++;
            for (int i = 0; i < sections * ProtocolSpec.BiquadCoefficients; i++, p += 4)
            {
                Biquads[i] = ByteIO.ReadFloat(b, p);
            }

            return ProtocolSpec.ErrOk;
        }
    }
}
