namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// The board state that commands change and GetConfig reports. The command handler only writes it after a
    /// command has been validated completely, so an invalid command leaves it untouched. The acquisition pipeline
    /// reads it (and clears the pending requests once acted on).
    /// </summary>
    public sealed class DeviceConfiguration
    {
        /// <summary>Streaming on/off.</summary>
        public bool Streaming;

        /// <summary>ProtocolSpec.Fault* bits found at start-up; any of them refuses start_streaming (ErrHardwareFault).</summary>
        public int HardwareFaults;

        /// <summary>ProtocolSpec.Mode* value.</summary>
        public int Mode = ProtocolSpec.ModeEnvelope;

        /// <summary>EMG sample rate (Hz): 1000 or 2000.</summary>
        public int EmgRateHz = ProtocolSpec.RawRateHighHz;

        /// <summary>EMG channels.</summary>
        public int ChannelCount = ProtocolSpec.DefaultChannels;

        /// <summary>The native module's self-test hash (Acquisition.NativeSelfTest), 0 without a native module;
        /// reported in the info characteristic for <c>glutesense flash</c> to check.</summary>
        public uint NativeSelfTestHash;

        /// <summary>IMU output rate (Hz).</summary>
        public int ImuRateHz = ProtocolSpec.DefaultImuRateHz;

        /// <summary>IMU sensors present (ProtocolSpec.ImuSensor* bits).</summary>
        public int ImuSensors = ProtocolSpec.ImuSensorGyro | ProtocolSpec.ImuSensorAccel;

        /// <summary>Gyro full scale (deg/s): one LSB = full scale / 32768.</summary>
        public int GyroFullScaleDps = 2000;

        /// <summary>Accelerometer full scale (g): one LSB = full scale / 32768.</summary>
        public int AccelFullScaleG = 16;

        /// <summary>Magnetometer LSB (nT).</summary>
        public int MagLsbNanotesla = 150;

        /// <summary>Raw EMG scale: microvolts per ADC count (ADS1298: 2.4 V / gain 6 / 2^23).</summary>
        public float RawMicrovoltsPerCount = 0.047683716f;

        /// <summary>Filter chain settings.</summary>
        public readonly FilterCommandSettings Filter = new FilterCommandSettings();

        /// <summary>Calibrations requested and not yet done (ProtocolSpec.Calibrate* bits); the pipeline clears them.</summary>
        public int PendingCalibrationMask;

        /// <summary>IMU calibration (set_calibration): gyro bias rad/s xyz, accel offset m/s^2 xyz, accel scale xyz.</summary>
        public readonly float[] ImuCalibration = { 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f };

        /// <summary>AFE input offsets (uV) per AFE input (set_calibration), reported for raw-mode correction.</summary>
        public readonly float[] AfeOffsetMicrovolts = new float[ProtocolSpec.AfeOffsetValues];

        /// <summary>Identify blink requested (s); the LED task clears it.</summary>
        public int PendingIdentifySeconds;

        /// <summary>Writes the GetConfig layout (ProtocolSpec.ConfigLength bytes); returns its length.</summary>
        public int Write(byte[] b, int offset)
        {
            System.Array.Clear(b, offset, ProtocolSpec.ConfigLength);
            b[offset] = (byte)(Streaming ? 1 : 0);
            b[offset + 1] = (byte)Mode;
            ByteIO.WriteUInt16(b, offset + 2, EmgRateHz);
            b[offset + 4] = (byte)ChannelCount;
            ByteIO.WriteUInt16(b, offset + 5, ImuRateHz);
            b[offset + 7] = (byte)ImuSensors;
            ByteIO.WriteUInt16(b, offset + 8, GyroFullScaleDps);
            b[offset + 10] = (byte)AccelFullScaleG;
            ByteIO.WriteUInt16(b, offset + 11, MagLsbNanotesla);
            ByteIO.WriteFloat(b, offset + 13, RawMicrovoltsPerCount);
            b[offset + 17] = (byte)Filter.Kind;
            ByteIO.WriteUInt16(b, offset + 18, Filter.RmsWindowMs);
            ByteIO.WriteUInt16(b, offset + 20, Filter.EnvelopeRateHz);
            ByteIO.WriteUInt16(b, offset + 22, Filter.BandLowHz);
            ByteIO.WriteUInt16(b, offset + 24, Filter.BandHighHz);
            b[offset + 26] = (byte)Filter.NotchHz;
            b[offset + 27] = (byte)Filter.BiquadSectionCount;
            int p = offset + 28;
            for (int i = 0; i < Filter.BiquadSectionCount * ProtocolSpec.BiquadCoefficients; i++, p += 4)
            {
                ByteIO.WriteFloat(b, p, Filter.Biquads[i]);
            }

            p = offset + ProtocolSpec.ConfigCalibrationOffset;
            for (int i = 0; i < ProtocolSpec.ImuCalibrationValues; i++, p += 4) ByteIO.WriteFloat(b, p, ImuCalibration[i]);
            for (int i = 0; i < ProtocolSpec.AfeOffsetValues; i++, p += 4) ByteIO.WriteFloat(b, p, AfeOffsetMicrovolts[i]);
            return ProtocolSpec.ConfigLength;
        }

        /// <summary>Reads the GetConfig layout into this object (host side). Returns false if the length is wrong.</summary>
        public bool Read(byte[] b, int offset, int length)
        {
            if (length != ProtocolSpec.ConfigLength || b[offset + 27] > ProtocolSpec.MaxBiquadSections)
            {
                return false;
            }

            Streaming = b[offset] != 0;
            Mode = b[offset + 1];
            EmgRateHz = ByteIO.ReadUInt16(b, offset + 2);
            ChannelCount = b[offset + 4];
            ImuRateHz = ByteIO.ReadUInt16(b, offset + 5);
            ImuSensors = b[offset + 7];
            GyroFullScaleDps = ByteIO.ReadUInt16(b, offset + 8);
            AccelFullScaleG = b[offset + 10];
            MagLsbNanotesla = ByteIO.ReadUInt16(b, offset + 11);
            RawMicrovoltsPerCount = ByteIO.ReadFloat(b, offset + 13);
            Filter.Kind = b[offset + 17];
            Filter.RmsWindowMs = ByteIO.ReadUInt16(b, offset + 18);
            Filter.EnvelopeRateHz = ByteIO.ReadUInt16(b, offset + 20);
            Filter.BandLowHz = ByteIO.ReadUInt16(b, offset + 22);
            Filter.BandHighHz = ByteIO.ReadUInt16(b, offset + 24);
            Filter.NotchHz = b[offset + 26];
            Filter.BiquadSectionCount = b[offset + 27];
            int p = offset + 28;
            for (int i = 0; i < Filter.BiquadSectionCount * ProtocolSpec.BiquadCoefficients; i++, p += 4)
            {
                Filter.Biquads[i] = ByteIO.ReadFloat(b, p);
            }

            p = offset + ProtocolSpec.ConfigCalibrationOffset;
            for (int i = 0; i < ProtocolSpec.ImuCalibrationValues; i++, p += 4) ImuCalibration[i] = ByteIO.ReadFloat(b, p);
            for (int i = 0; i < ProtocolSpec.AfeOffsetValues; i++, p += 4) AfeOffsetMicrovolts[i] = ByteIO.ReadFloat(b, p);
            return true;
        }

        /// <summary>
        /// Writes the info characteristic (ProtocolSpec.DeviceInfoLength bytes): protocol major, minor, firmware
        /// major, minor, channel count, IMU sensor mask, max frame length (2), ring buffer bytes (2), native self-test
        /// hash (4; <see cref="NativeSelfTestHash"/>).
        /// </summary>
        public int WriteDeviceInfo(byte[] b, int offset, int firmwareMajor, int firmwareMinor)
        {
            b[offset] = ProtocolSpec.VersionMajor;
            b[offset + 1] = ProtocolSpec.VersionMinor;
            b[offset + 2] = (byte)firmwareMajor;
            b[offset + 3] = (byte)firmwareMinor;
            b[offset + 4] = (byte)ChannelCount;
            b[offset + 5] = (byte)ImuSensors;
            ByteIO.WriteUInt16(b, offset + 6, ProtocolSpec.MaxFrameLength);
            ByteIO.WriteUInt16(b, offset + 8, ProtocolSpec.RingBufferBytes);
            ByteIO.WriteUInt32(b, offset + ProtocolSpec.DeviceInfoNativeHashOffset, NativeSelfTestHash);
            return ProtocolSpec.DeviceInfoLength;
        }
    }
}
