namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// Scaling, calibration and rates of the IMU path. Scale factors come from the chip's configured full-scale
    /// ranges (the driver knows them); the calibration from the board's calibration command.
    /// </summary>
    public sealed class ImuSettings
    {
        /// <summary>Default stream rate (Hz) of IMU blocks to the host.</summary>
        public const int DefaultStreamRateHz = 100;

        /// <summary>Highest stream rate (Hz) the protocol budget allows.</summary>
        public const int MaxStreamRateHz = 400;

        /// <summary>Gyro axes + accel axes per sample (no magnetometer).</summary>
        public const int AxesWithoutMag = 6;

        /// <summary>Gyro, accel and magnetometer axes per sample.</summary>
        public const int AxesWithMag = 9;

        /// <summary>Chip output data rate (Hz): a whole multiple of <see cref="StreamRateHz"/>.</summary>
        public int OutputDataRateHz = DefaultStreamRateHz;

        /// <summary>Rate (Hz) of the samples delivered to the host; samples are averaged down to it.</summary>
        public int StreamRateHz = DefaultStreamRateHz;

        /// <summary>Counts of a 16-bit axis at full scale (datasheets: full scale = +-32768 counts).</summary>
        public const float FullScaleCounts = 32768f;

        /// <summary>Radians per degree.</summary>
        public const float RadiansPerDegree = 0.017453292f;

        /// <summary>Standard gravity (m/s^2), the unit "g" of accelerometer ranges.</summary>
        public const float StandardGravity = 9.80665f;

        /// <summary>rad/s per gyro LSB (default: 2000 dps range).</summary>
        public float GyroRadPerSecondPerLsb = GyroLsbRadPerSecond(2000);

        /// <summary>m/s^2 per accel LSB (default: 8 g range).</summary>
        public float AccelMetersPerSecond2PerLsb = AccelLsbMetersPerSecond2(8);

        /// <summary>rad/s per LSB of a 16-bit gyro at a full scale of +-<paramref name="fullScaleDps"/> deg/s.</summary>
        public static float GyroLsbRadPerSecond(int fullScaleDps)
        {
            return fullScaleDps / FullScaleCounts * RadiansPerDegree;
        }

        /// <summary>m/s^2 per LSB of a 16-bit accelerometer at a full scale of +-<paramref name="fullScaleG"/> g.</summary>
        public static float AccelLsbMetersPerSecond2(int fullScaleG)
        {
            return fullScaleG * StandardGravity / FullScaleCounts;
        }

        /// <summary>uT per magnetometer LSB (0 = no magnetometer).</summary>
        public float MagMicroteslaPerLsb;

        /// <summary>Gyro bias (rad/s) subtracted per axis x, y, z (from the calibration command).</summary>
        public readonly float[] GyroBiasRadPerSecond = new float[3];

        /// <summary>Accelerometer offset (m/s^2) subtracted per axis before scaling.</summary>
        public readonly float[] AccelOffsetMetersPerSecond2 = new float[3];

        /// <summary>Accelerometer scale correction per axis (1 = none), from a 6-position calibration.</summary>
        public readonly float[] AccelScale = { 1f, 1f, 1f };

        /// <summary>Magnetometer hard-iron offset (uT) subtracted per axis.</summary>
        public readonly float[] MagOffsetMicrotesla = new float[3];

        /// <summary>True when a magnetometer is present (<see cref="MagMicroteslaPerLsb"/> &gt; 0).</summary>
        public bool HasMagnetometer { get { return MagMicroteslaPerLsb > 0f; } }

        /// <summary>Axes per sample in raw input and output (6 or 9).</summary>
        public int AxesPerSample { get { return HasMagnetometer ? AxesWithMag : AxesWithoutMag; } }

        /// <summary>Returns null if usable, otherwise a one-line reason.</summary>
        public string Validate()
        {
            if (StreamRateHz < 1 || StreamRateHz > MaxStreamRateHz)
            {
                return "IMU stream rate must be 1..400 Hz";
            }

            if (OutputDataRateHz < StreamRateHz || OutputDataRateHz % StreamRateHz != 0)
            {
                return "IMU output data rate must be a whole multiple of the stream rate";
            }

            if (!(GyroRadPerSecondPerLsb > 0f) || !(AccelMetersPerSecond2PerLsb > 0f) || MagMicroteslaPerLsb < 0f)
            {
                return "IMU scale factors must be positive";
            }

            return null;
        }
    }
}
