namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// The wire protocol over a serial line (USB-CDC, UART; PROTOCOL.md section 9): every packet is one kind byte
    /// (<see cref="KindNotification"/>, <see cref="KindCommand"/>, <see cref="KindResponse"/>) followed by exactly the
    /// bytes BLE would carry (a data-characteristic notification, a command packet, a response frame), COBS-encoded
    /// (Cheshire and Baker 1999) and terminated by one 0x00. COBS removes every zero from the packet, so a 0x00 always
    /// marks a packet end and a receiver that starts mid-stream resynchronises at the next one. Zero allocation.
    /// </summary>
    public static class SerialFraming
    {
        /// <summary>Packet kinds (first byte before encoding).</summary>
        public const byte KindNotification = 1, KindCommand = 2, KindResponse = 3;

        /// <summary>Packet delimiter.</summary>
        public const byte Delimiter = 0x00;

        /// <summary>Largest decoded packet: kind + the largest response frame.</summary>
        public const int MaxPacketLength = 1 + ProtocolSpec.MaxFrameLength;

        /// <summary>Largest encoded length of <paramref name="length"/> bytes, delimiter included: one overhead byte per
        /// 254 bytes (rounded up, at least one) plus the delimiter.</summary>
        public static int MaxEncodedLength(int length) { return length + length / 254 + 2; }

        /// <summary>
        /// COBS-encodes kind + data[offset..offset+length) into destination[destinationOffset..] and appends the
        /// delimiter; returns the bytes written.
        /// </summary>
        public static int Encode(byte kind, byte[] data, int offset, int length, byte[] destination, int destinationOffset)
        {
            int codeIndex = destinationOffset;
            int write = destinationOffset + 1;
            byte code = 1;
            for (int i = -1; i < length; i++)
            {
                byte b = i < 0 ? kind : data[offset + i];
                if (b == 0)
                {
                    destination[codeIndex] = code;
                    codeIndex = write++;
                    code = 1;
                    continue;
                }

                destination[write++] = b;
                code++;
                if (code == 0xFF && i < length - 1)   // a full block ends here; start another only if bytes follow
                {
                    destination[codeIndex] = code;
                    codeIndex = write++;
                    code = 1;
                }
            }

            destination[codeIndex] = code;
            destination[write++] = Delimiter;
            return write - destinationOffset;
        }

        /// <summary>
        /// Decodes one COBS packet (without its delimiter) from source[offset..offset+length) into destination[0..];
        /// returns the decoded length, or -1 when the packet is malformed (a zero inside, or a code running past the end).
        /// </summary>
        public static int Decode(byte[] source, int offset, int length, byte[] destination)
        {
            int read = offset, end = offset + length, write = 0;
            while (read < end)
            {
                int code = source[read++];
                if (code == 0 || read + code - 1 > end)
                {
                    return -1;
                }

                for (int i = 1; i < code; i++)
                {
                    byte b = source[read++];
                    if (b == 0 || write >= destination.Length)
                    {
                        return -1;
                    }

                    destination[write++] = b;
                }

                if (code < 0xFF && read < end)
                {
                    if (write >= destination.Length)
                    {
                        return -1;
                    }

                    destination[write++] = 0;
                }
            }

            return write;
        }
    }
}
