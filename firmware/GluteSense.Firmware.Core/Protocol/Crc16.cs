namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
    /// Check value of ASCII "123456789" is 0x29B1 (same as Python's binascii.crc_hqx(data, 0xFFFF)).
    /// </summary>
    /// <remarks>
    /// Why 16 and not 32 bits: BLE already protects every link-layer packet with a CRC-24 (and a MIC when
    /// encrypted), so this check guards the reassembly and firmware paths, not the radio. CRC-16/CCITT detects every
    /// 1-, 2- and 3-bit error and every burst up to 16 bits in frames far longer than our 494-byte maximum, and at the
    /// default MTU every byte counts (2 bytes instead of 4 per frame). The 512-byte table is cheap on the ESP32.
    /// </remarks>
    public static class Crc16
    {
        /// <summary>Initial register value.</summary>
        public const ushort Initial = 0xFFFF;

        private const int Polynomial = 0x1021;

        private static readonly ushort[] Table = BuildTable();

        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] data, int offset, int count)
        {
            return Update(Initial, data, offset, count);
        }

        /// <summary>Continues a CRC over more bytes (start with <see cref="Initial"/>).</summary>
        public static ushort Update(ushort crc, byte[] data, int offset, int count)
        {
            int c = crc;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                c = ((c << 8) ^ Table[((c >> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
            }

            return (ushort)c;
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int n = 0; n < 256; n++)
            {
                int c = n << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    c = (c & 0x8000) != 0 ? ((c << 1) ^ Polynomial) : (c << 1);
                }

                table[n] = (ushort)(c & 0xFFFF);
            }

            return table;
        }
    }
}
