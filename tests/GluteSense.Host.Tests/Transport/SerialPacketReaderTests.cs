using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Tests.Transport;

public class SerialPacketReaderTests
{
    [Fact]
    public void ResynchronisesAfterGarbage_SplitAcrossChunks_AndCountsOnlyBadPackets()
    {
        var encoded = new byte[64];
        int n = SerialFraming.Encode(SerialFraming.KindNotification, new byte[] { 0x11, 0x00, 0x22 }, 0, 3, encoded, 0);
        // Garbage (a code running past its packet), an empty packet (two delimiters), then the real packet in two chunks.
        byte[] stream = new byte[] { 0x05, 0x01, 0x00, 0x00 }.Concat(encoded[..n]).ToArray();
        var reader = new SerialPacketReader();
        var packets = new List<(byte Kind, byte[] Payload)>();
        reader.Feed(stream[..6], 6, (k, p) => packets.Add((k, p)));
        reader.Feed(stream[6..], stream.Length - 6, (k, p) => packets.Add((k, p)));
        (byte kind, byte[] payload) = Assert.Single(packets);
        Assert.Equal(SerialFraming.KindNotification, kind);
        Assert.Equal(new byte[] { 0x11, 0x00, 0x22 }, payload);
        Assert.Equal(1, reader.Malformed);
    }
}
