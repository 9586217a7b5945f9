using System;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) with Python's <c>zlib.crc32(data, value)</c> semantics: the
/// running value is <paramref name="value"/>, 0 for a fresh CRC. ESP-IDF's NVS CRCs are <c>zlib.crc32(data,
/// 0xFFFFFFFF)</c> (what nvs_partition_gen computes); the interop checksum rule is <c>zlib.crc32(data)</c>.
/// </summary>
internal static class ZlibCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data, uint value = 0)
    {
        uint crc = ~value;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
