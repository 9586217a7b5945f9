using System;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>The first thing a host does after connecting: read the info characteristic and refuse an unknown major version.</summary>
public static class DeviceInfoCheck
{
    /// <summary>
    /// Checks the bytes of the info characteristic (layout in docs/PROTOCOL.md section 7.3). Throws
    /// <see cref="ProtocolVersionException"/> for another major version and <see cref="FormatException"/> for a
    /// value that is too short. Returns the device's minor version (newer minors are fine: they only add).
    /// </summary>
    public static int EnsureSupported(byte[] info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Length < ProtocolSpec.DeviceInfoLength)
        {
            throw new FormatException("device info has " + info.Length + " bytes, expected " + ProtocolSpec.DeviceInfoLength);
        }

        if (info[0] != ProtocolSpec.VersionMajor)
        {
            throw new ProtocolVersionException(info[0], info[1]);
        }

        return info[1];
    }
}
