using System;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Transport;

/// <summary>
/// Receive side of the serial framing (PROTOCOL.md section 12), for both ends of a line: splits the byte stream at
/// delimiters and decodes each COBS packet. A packet that does not decode, or is longer than any valid one, is counted
/// and skipped; the next delimiter resynchronises.
/// </summary>
public sealed class SerialPacketReader
{
    private readonly byte[] _packet = new byte[SerialFraming.MaxEncodedLength(SerialFraming.MaxPacketLength)];
    private readonly byte[] _decoded = new byte[SerialFraming.MaxPacketLength];
    private int _fill;

    /// <summary>Packets that failed to decode.</summary>
    public int Malformed { get; private set; }

    /// <summary>Feeds <paramref name="count"/> received bytes; <paramref name="onPacket"/> gets each complete packet's
    /// kind and payload (a fresh array).</summary>
    public void Feed(byte[] chunk, int count, Action<byte, byte[]> onPacket)
    {
        for (int i = 0; i < count; i++)
        {
            if (chunk[i] != SerialFraming.Delimiter)
            {
                if (_fill < _packet.Length) _packet[_fill] = chunk[i];
                _fill++;
                continue;
            }

            int length = _fill <= _packet.Length ? SerialFraming.Decode(_packet, 0, _fill, _decoded) : -1;
            bool empty = _fill == 0;
            _fill = 0;
            if (length < 1)
            {
                if (!empty) Malformed++;
                continue;
            }

            onPacket(_decoded[0], _decoded.AsSpan(1, length - 1).ToArray());
        }
    }
}
