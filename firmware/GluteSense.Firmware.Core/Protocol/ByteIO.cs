namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>Little-endian reads and writes into caller arrays (no BitConverter: it allocates when writing).</summary>
    public static class ByteIO
    {
        /// <summary>Writes a uint16.</summary>
        public static void WriteUInt16(byte[] b, int offset, int value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
        }

        /// <summary>Writes a uint32 (or int32 bit pattern).</summary>
        public static void WriteUInt32(byte[] b, int offset, uint value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)(value >> 16);
            b[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>Writes a 64-bit value.</summary>
        public static void WriteUInt64(byte[] b, int offset, ulong value)
        {
            WriteUInt32(b, offset, (uint)value);
            WriteUInt32(b, offset + 4, (uint)(value >> 32));
        }

        /// <summary>Writes the low 24 bits of a two's complement value.</summary>
        public static void WriteInt24(byte[] b, int offset, int value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)(value >> 16);
        }

        /// <summary>Reads a uint16.</summary>
        public static int ReadUInt16(byte[] b, int offset)
        {
            return b[offset] | (b[offset + 1] << 8);
        }

        /// <summary>Reads an int16.</summary>
        public static int ReadInt16(byte[] b, int offset)
        {
            return (short)(b[offset] | (b[offset + 1] << 8));
        }

        /// <summary>Reads a uint32.</summary>
        public static uint ReadUInt32(byte[] b, int offset)
        {
            return (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));
        }

        /// <summary>Reads a 64-bit value.</summary>
        public static ulong ReadUInt64(byte[] b, int offset)
        {
            return ReadUInt32(b, offset) | ((ulong)ReadUInt32(b, offset + 4) << 32);
        }

        /// <summary>Reads a sign-extended int24.</summary>
        public static int ReadInt24(byte[] b, int offset)
        {
            int v = b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16);
            return (v << 8) >> 8;
        }

        /// <summary>Writes an IEEE-754 float32 (rare: commands and config, never per sample).</summary>
        public static void WriteFloat(byte[] b, int offset, float value)
        {
            // BitConverter uses the CPU's byte order; the ESP32 and every supported host are little-endian.
            byte[] bytes = System.BitConverter.GetBytes(value);
            System.Array.Copy(bytes, 0, b, offset, 4);
        }

        /// <summary>Reads an IEEE-754 float32.</summary>
        public static float ReadFloat(byte[] b, int offset)
        {
            return System.BitConverter.ToSingle(b, offset);
        }
    }
}
