using System;
using System.Linq;
using CsCheck;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>COBS against the worked examples of Cheshire and Baker's paper (as listed in its encyclopaedia entry).</summary>
public class SerialFramingTests
{
    // Published examples: data -> encoded (without the trailing delimiter). Here the first data byte plays the kind.
    public static TheoryData<string, string> Examples => new()
    {
        { "00", "01 01" },
        { "00 00", "01 01 01" },
        { "00 11 00", "01 02 11 01" },
        { "11 22 00 33", "03 11 22 02 33" },
        { "11 22 33 44", "05 11 22 33 44" },
        { "11 00 00 00", "02 11 01 01 01" },
    };

    private static byte[] Hex(string s) => s.Split(' ').Select(h => Convert.ToByte(h, 16)).ToArray();

    [Theory]
    [MemberData(nameof(Examples))]
    public void EncodesThePublishedExamples(string data, string encoded)
    {
        byte[] d = Hex(data), expected = Hex(encoded).Append((byte)0).ToArray();
        var buffer = new byte[SerialFraming.MaxEncodedLength(d.Length)];
        int n = SerialFraming.Encode(d[0], d, 1, d.Length - 1, buffer, 0);
        Assert.Equal(expected, buffer[..n]);
        var back = new byte[d.Length];
        Assert.Equal(d.Length, SerialFraming.Decode(buffer, 0, n - 1, back));
        Assert.Equal(d, back);
    }

    [Fact]
    public void LongRunsSplitEvery254Bytes()
    {
        // 01..FE (254 non-zero bytes) -> FF 01..FE; 01..FF (255 bytes) -> FF 01..FE 02 FF (published examples).
        byte[] d254 = Enumerable.Range(1, 254).Select(i => (byte)i).ToArray();
        byte[] d255 = Enumerable.Range(1, 255).Select(i => (byte)i).ToArray();
        var buffer = new byte[300];
        int n = SerialFraming.Encode(d254[0], d254, 1, 253, buffer, 0);
        Assert.Equal(new byte[] { 0xFF }.Concat(d254).Append((byte)0), buffer[..n]);
        n = SerialFraming.Encode(d255[0], d255, 1, 254, buffer, 0);
        Assert.Equal(new byte[] { 0xFF }.Concat(d254).Concat(new byte[] { 0x02, 0xFF, 0x00 }), buffer[..n]);
    }

    [Fact]
    public void RoundTripsAnyPacketAndNeverEmitsZeroInside()
    {
        Gen.Byte.Array[0, 600].Sample(data =>
        {
            var buffer = new byte[SerialFraming.MaxEncodedLength(data.Length + 1)];
            int n = SerialFraming.Encode(SerialFraming.KindNotification, data, 0, data.Length, buffer, 0);
            Assert.True(n <= buffer.Length);
            Assert.DoesNotContain((byte)0, buffer[..(n - 1)]);
            var back = new byte[data.Length + 1];
            Assert.Equal(data.Length + 1, SerialFraming.Decode(buffer, 0, n - 1, back));
            Assert.Equal(SerialFraming.KindNotification, back[0]);
            Assert.Equal(data, back[1..]);
        }, iter: 2000);
    }

    [Fact]
    public void MalformedPacketsAreRejected()
    {
        var d = new byte[16];
        Assert.Equal(-1, SerialFraming.Decode(new byte[] { 0x05, 0x11, 0x22 }, 0, 3, d));   // code runs past the end
        Assert.Equal(-1, SerialFraming.Decode(new byte[] { 0x03, 0x00, 0x22 }, 0, 3, d));   // zero inside
        Assert.Equal(-1, SerialFraming.Decode(new byte[] { 0x00 }, 0, 1, d));
        Assert.Equal(-1, SerialFraming.Decode(new byte[] { 0x05, 1, 2, 3, 4 }, 0, 5, new byte[2]));   // too long for the buffer
    }

    [Fact]
    public void DecodeRefusesABufferOneByteShortAndEncodeWritesAtAnOffset()
    {
        // "11 00" encodes as 02 11 01: two bytes out, the second an implied zero.
        byte[] encoded = { 0x02, 0x11, 0x01 };
        Assert.Equal(2, SerialFraming.Decode(encoded, 0, 3, new byte[2]));
        Assert.Equal(-1, SerialFraming.Decode(encoded, 0, 3, new byte[1]));   // no room for the implied zero
        Assert.Equal(-1, SerialFraming.Decode(encoded, 0, 3, new byte[0]));
        Assert.Equal(1, SerialFraming.Decode(new byte[] { 0x7F, 0x02, 0x11 }, 1, 2, new byte[1]));   // from an offset, exact fit

        var buffer = new byte[8];
        Assert.Equal(5, SerialFraming.Encode(0x11, new byte[] { 0x22, 0x00 }, 0, 2, buffer, 3));
        Assert.Equal(new byte[] { 0, 0, 0, 0x03, 0x11, 0x22, 0x01, 0x00 }, buffer);
        // The bound holds for the worst case (no zero at all: a code byte per 254 bytes, plus the delimiter) and is
        // at most one byte loose.
        for (int n = 1; n <= 600; n++)
        {
            byte[] data = Enumerable.Repeat((byte)0x5A, n).ToArray();
            var output = new byte[n + n / 254 + 8];
            int used = SerialFraming.Encode(data[0], data, 1, n - 1, output, 0);
            Assert.Equal(n + (n + 253) / 254 + 1, used);
            Assert.InRange(SerialFraming.MaxEncodedLength(n), used, used + 1);
        }
    }
}
