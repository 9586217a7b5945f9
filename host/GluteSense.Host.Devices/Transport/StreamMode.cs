using System;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Transport;

/// <summary>What the board streams (set_mode); the values are the wire codes of ProtocolSpec.</summary>
public enum StreamMode
{
    /// <summary>RMS envelopes (and IMU), the default.</summary>
    Envelope = ProtocolSpec.ModeEnvelope,

    /// <summary>Raw EMG codes (and IMU).</summary>
    Raw = ProtocolSpec.ModeRaw,

    /// <summary>Raw EMG and envelopes.</summary>
    Both = ProtocolSpec.ModeBoth,
}

/// <summary>What capture_calibration measures on the next stream; the values are the wire bits of ProtocolSpec.</summary>
[Flags]
public enum CalibrationCapture
{
    /// <summary>Electrode (AFE input) offsets.</summary>
    ElectrodeOffsets = ProtocolSpec.CalibrateElectrodeOffsets,

    /// <summary>Gyro bias (board still).</summary>
    GyroBias = ProtocolSpec.CalibrateGyroBias,
}
