using System;

namespace GluteSense.Host.Analysis.Orientation;

/// <summary>
/// Attitude and heading reference system: a complementary filter on the unit sphere (gyro integration corrected by
/// the accelerometer's vertical and, optionally, the magnetometer's horizontal east direction), with gyro-bias
/// tracking while still and explicit rejection of linear accelerations and magnetic disturbances.
/// Output: the sensor-to-earth rotation, earth z up; with magnetometer the earth frame is ENU (x east, y north).
/// Usage (x-io Fusion style): construct once, call <see cref="Update(Vec3, Vec3)"/> per sample, read the getters. No allocation
/// per sample.
/// </summary>
public sealed class Ahrs
{
    private readonly AhrsSettings _settings;
    private readonly double _sampleRateHz;
    private readonly double _dtS;
    private QuaternionD _q = QuaternionD.Identity;
    private Vec3 _bias;
    private bool _initialised;
    private double _stillS;
    private double _accRejectedS;
    private double _magRejectedS;
    private double _magReferenceUt;
    private Vec3 _accEarth;   // the earth-frame mean of the accelerometer (AhrsSettings.AccelerationMeanS)

    /// <summary>Creates an AHRS for samples at <paramref name="sampleRateHz"/>.</summary>
    public Ahrs(double sampleRateHz, AhrsSettings settings)
    {
        if (!(sampleRateHz > 0 && sampleRateHz <= MaxSampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), "sample rate must be in (0, " + MaxSampleRateHz + "] Hz");
        settings.Validate();
        _settings = settings;
        _sampleRateHz = sampleRateHz;
        _dtS = 1 / sampleRateHz;
    }

    /// <summary>Creates an AHRS with <see cref="AhrsSettings.Default"/>.</summary>
    public Ahrs(double sampleRateHz) : this(sampleRateHz, AhrsSettings.Default) { }

    /// <summary>Highest accepted sample rate, Hz.</summary>
    public const double MaxSampleRateHz = 10000;

    /// <summary>Sample rate, Hz.</summary>
    public double SampleRateHz => _sampleRateHz;

    /// <summary>Settings in use.</summary>
    public AhrsSettings Settings => _settings;

    /// <summary>Current sensor-to-earth rotation (rotates sensor-frame vectors into the earth frame, z up).</summary>
    public QuaternionD Quaternion => _q;

    /// <summary>Current gyro-bias estimate in the sensor frame, rad/s.</summary>
    public Vec3 GyroBiasRadPerS => _bias;

    /// <summary>True when the last accelerometer sample was rejected as linear acceleration.</summary>
    public bool AccelerationRejected { get; private set; }

    /// <summary>True when the last magnetometer sample was rejected as a magnetic disturbance.</summary>
    public bool MagneticRejected { get; private set; }

    /// <summary>True once the first usable sample has set the initial attitude.</summary>
    public bool Initialised => _initialised;

    /// <summary>Starts again from no estimate (the bias estimate is kept).</summary>
    public void Reset()
    {
        _q = QuaternionD.Identity;
        _initialised = false;
        _stillS = _accRejectedS = _magRejectedS = 0;
        _magReferenceUt = 0;
    }

    /// <summary>Sets the gyro-bias estimate (for example from a calibration), rad/s.</summary>
    public void SetGyroBias(Vec3 biasRadPerS) => _bias = biasRadPerS;

    /// <summary>One 6-axis sample: gyro rad/s, accelerometer m/s^2 (sensor frame).</summary>
    public void Update(Vec3 gyroRadPerS, Vec3 accMPerS2) => Update(gyroRadPerS, accMPerS2, default, false);

    /// <summary>One 9-axis sample: gyro rad/s, accelerometer m/s^2, magnetometer uT (sensor frame).</summary>
    public void Update(Vec3 gyroRadPerS, Vec3 accMPerS2, Vec3 magUt) => Update(gyroRadPerS, accMPerS2, magUt, true);

    private void Update(Vec3 gyro, Vec3 acc, Vec3 mag, bool hasMag)
    {
        bool useMag = hasMag && _settings.UseMagnetometer && mag.Norm > 0;
        if (!_initialised)
        {
            if (acc.Norm == 0) return;
            Initialise(acc, mag, useMag);
            return;
        }

        UpdateBias(gyro);
        Vec3 w = gyro - _bias;

        // Predict with the gyro first, so the accelerometer and magnetometer of this sample are compared with the
        // attitude at this sample's time (comparing with the previous attitude would lag by one sample).
        _q = (_q * QuaternionD.FromRotationVector(w.X * _dtS, w.Y * _dtS, w.Z * _dtS)).Normalized();

        // Accelerometer: measured and estimated vertical (up) in the sensor frame.
        Vec3 feedback = default;
        Vec3 up = _q.Conjugate().Rotate(0, 0, 1);
        if (_settings.AccelerationMeanS > 0)
        {
            // Gravity is constant in the earth frame and a bounded movement's linear acceleration averages out there:
            // correct with the earth-frame mean, seen from this sample's attitude.
            _accEarth = _accEarth + _dtS / (_settings.AccelerationMeanS + _dtS) * (_q.Rotate(acc) - _accEarth);
            acc = _q.Conjugate().Rotate(_accEarth);
        }

        Vec3 accUnit = acc.Normalized();
        double accNorm = acc.Norm;
        bool gatesPass = accNorm > 0
            && Math.Abs(accNorm / AhrsSettings.GravityMPerS2 - 1) <= _settings.AccelerationMagnitudeTolerance
            && Vec3.AngleDeg(accUnit, up) <= _settings.AccelerationRejectionDeg;
        // Recovery: after RecoveryPeriodS of rejection every sample is used until one passes the gates again (the
        // estimate is back within them); accepting a single sample per period would never pull a large error back.
        bool accOk = gatesPass || (accNorm > 0 && _accRejectedS >= _settings.RecoveryPeriodS);
        AccelerationRejected = !accOk;
        _accRejectedS = gatesPass ? 0 : _accRejectedS + _dtS;
        if (accOk) feedback = Vec3.Cross(accUnit, up);

        // Magnetometer: east = m × up (field points north and down); compare with the estimated east.
        MagneticRejected = false;
        if (useMag)
        {
            Vec3 eastMeasured = Vec3.Cross(mag, up);
            Vec3 eastEstimated = _q.Conjugate().Rotate(1, 0, 0);
            double magNorm = mag.Norm;
            bool magOk = eastMeasured.Norm > 0
                && Math.Abs(magNorm / _magReferenceUt - 1) <= _settings.MagneticMagnitudeTolerance
                && Vec3.AngleDeg(eastMeasured, eastEstimated) <= _settings.MagneticRejectionDeg;
            if (!magOk && eastMeasured.Norm > 0 && _magRejectedS >= _settings.RecoveryPeriodS)
            {
                magOk = true;
                _magReferenceUt = magNorm; // the field changed for good: adopt the new magnitude
            }
            MagneticRejected = !magOk;
            _magRejectedS = magOk ? 0 : _magRejectedS + _dtS;
            if (magOk)
            {
                // Only the heading part: project the correction onto the vertical so the magnetometer never tilts.
                Vec3 c = Vec3.Cross(eastMeasured.Normalized(), eastEstimated);
                feedback = feedback + Vec3.Dot(c, up) * up;
            }
        }

        // Correction: rotate by gain·e·dt (e: small-angle error vector, sensor frame), exact exponential map.
        double k = _settings.Gain * _dtS;
        _q = (_q * QuaternionD.FromRotationVector(k * feedback.X, k * feedback.Y, k * feedback.Z)).Normalized();
    }

    private void Initialise(Vec3 acc, Vec3 mag, bool useMag)
    {
        Vec3 up = acc.Normalized();
        Vec3 east, north;
        Vec3 e = useMag ? Vec3.Cross(mag, up) : default;
        if (useMag && e.Norm > 1e-9)
        {
            east = e.Normalized();
            _magReferenceUt = mag.Norm;
        }
        else
        {
            // No heading reference: choose the earth x axis as the sensor x axis projected on the horizontal.
            Vec3 x = new(1, 0, 0);
            if (Math.Abs(Vec3.Dot(x, up)) > 0.9) x = new Vec3(0, 1, 0);
            east = (x - Vec3.Dot(x, up) * up).Normalized();
        }
        north = Vec3.Cross(up, east);
        _q = FromEarthAxesInSensor(east, north, up);
        _accEarth = _q.Rotate(acc);
        _initialised = true;
    }

    /// <summary>Rotation whose matrix has rows = earth axes expressed in the sensor frame (sensor → earth).</summary>
    internal static QuaternionD FromEarthAxesInSensor(Vec3 ex, Vec3 ey, Vec3 ez)
    {
        // R (sensor→earth) rows are ex, ey, ez.
        double m00 = ex.X, m01 = ex.Y, m02 = ex.Z, m10 = ey.X, m11 = ey.Y, m12 = ey.Z, m20 = ez.X, m21 = ez.Y, m22 = ez.Z;
        double tr = m00 + m11 + m22;
        QuaternionD q;
        if (tr > 0)
        {
            double s = Math.Sqrt(tr + 1) * 2;
            q = new QuaternionD(0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s);
        }
        else if (m00 > m11 && m00 > m22)
        {
            double s = Math.Sqrt(1 + m00 - m11 - m22) * 2;
            q = new QuaternionD((m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s);
        }
        else if (m11 > m22)
        {
            double s = Math.Sqrt(1 + m11 - m00 - m22) * 2;
            q = new QuaternionD((m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s);
        }
        else
        {
            double s = Math.Sqrt(1 + m22 - m00 - m11) * 2;
            q = new QuaternionD((m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s);
        }
        return q.Normalized();
    }

    private void UpdateBias(Vec3 gyro)
    {
        // Fusion-offset idea: only when the corrected rate has stayed small for a while, let the bias follow the gyro.
        if ((gyro - _bias).Norm > _settings.StationaryThresholdRadPerS)
        {
            _stillS = 0;
            return;
        }
        _stillS += _dtS;
        if (_stillS < _settings.StationaryTimeoutS) return;
        double alpha = _dtS / (_settings.BiasTimeConstantS + _dtS);
        _bias = _bias + alpha * (gyro - _bias);
    }
}
