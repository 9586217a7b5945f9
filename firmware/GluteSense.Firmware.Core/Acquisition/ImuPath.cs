namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// Turns IMU FIFO bursts (16-bit counts, interleaved gx gy gz ax ay az [mx my mz] per sample, as the driver
    /// reads them) into calibrated SI samples at the stream rate: rad/s, m/s^2, uT. When the chip runs faster
    /// than the stream, consecutive samples are averaged (a boxcar that also lowers noise), carried across bursts.
    /// Nothing is allocated after construction.
    /// </summary>
    public sealed class ImuPath
    {
        private readonly ImuSettings _settings;
        private readonly float[] _sum = new float[ImuSettings.AxesWithMag];
        private readonly float[] _scale = new float[ImuSettings.AxesWithMag];
        private readonly float[] _offset = new float[ImuSettings.AxesWithMag];
        private int _axes;
        private int _decimation;
        private int _accumulated;

        /// <summary>Creates the path; <paramref name="settings"/> is read now and again by <see cref="Reconfigure"/>.</summary>
        public ImuPath(ImuSettings settings)
        {
            if (settings == null)
            {
                throw new System.ArgumentNullException("settings");
            }

            _settings = settings;
            Reconfigure();
        }

        /// <summary>Axes per sample (6 or 9).</summary>
        public int AxesPerSample { get { return _axes; } }

        /// <summary>Chip samples averaged into one output sample.</summary>
        public int Decimation { get { return _decimation; } }

        /// <summary>Re-reads the settings (after a calibration or range change) and drops a partial average.</summary>
        public void Reconfigure()
        {
            string error = _settings.Validate();
            if (error != null)
            {
                throw new System.ArgumentException(error, "settings");
            }

            _axes = _settings.AxesPerSample;
            _decimation = _settings.OutputDataRateHz / _settings.StreamRateHz;

            // Output = (count * lsb - offset) * axisScale, folded into one multiply-add per axis:
            // out = count * (lsb * axisScale) - offset * axisScale. The 1/decimation of the average is folded in too.
            float inverse = 1f / _decimation;
            for (int a = 0; a < 3; a++)
            {
                _scale[a] = _settings.GyroRadPerSecondPerLsb * inverse;
                _offset[a] = _settings.GyroBiasRadPerSecond[a];
                _scale[3 + a] = _settings.AccelMetersPerSecond2PerLsb * _settings.AccelScale[a] * inverse;
                _offset[3 + a] = _settings.AccelOffsetMetersPerSecond2[a] * _settings.AccelScale[a];
                _scale[6 + a] = _settings.MagMicroteslaPerLsb * inverse;
                _offset[6 + a] = _settings.MagOffsetMicrotesla[a];
            }

            Reset();
        }

        /// <summary>Drops a partially accumulated average.</summary>
        public void Reset()
        {
            System.Array.Clear(_sum, 0, _sum.Length);
            _accumulated = 0;
        }

        /// <summary>
        /// Consumes <paramref name="sampleCount"/> raw samples from <paramref name="raw"/> at <paramref name="offset"/>
        /// and writes completed output samples (<see cref="AxesPerSample"/> floats each) to <paramref name="output"/>
        /// from <paramref name="outputOffset"/>. Returns the number of output samples written.
        /// </summary>
        public int Process(short[] raw, int offset, int sampleCount, float[] output, int outputOffset)
        {
            int axes = _axes;
            if (raw == null || output == null)
            {
                throw new System.ArgumentNullException(raw == null ? "raw" : "output");
            }

            int maxOut = (_accumulated + sampleCount) / _decimation;
            if (sampleCount < 0 || offset < 0 || offset + sampleCount * axes > raw.Length
                || outputOffset < 0 || outputOffset + maxOut * axes > output.Length)
            {
                throw new System.ArgumentOutOfRangeException("sampleCount");
            }

            int written = 0;
            int r = offset;
            for (int s = 0; s < sampleCount; s++)
            {
                for (int a = 0; a < axes; a++)
                {
                    _sum[a] += raw[r + a];
                }

                r += axes;
                _accumulated++;
                if (_accumulated == _decimation)
                {
                    int o = outputOffset + written * axes;
                    for (int a = 0; a < axes; a++)
                    {
                        output[o + a] = _sum[a] * _scale[a] - _offset[a];
                        _sum[a] = 0f;
                    }

                    _accumulated = 0;
                    written++;
                }
            }

            return written;
        }
    }
}
