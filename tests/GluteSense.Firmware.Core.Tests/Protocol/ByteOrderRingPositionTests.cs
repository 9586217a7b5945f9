using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// Little-endian field access (docs/PROTOCOL.md: every multi-byte field is little-endian, raw EMG is 24-bit two's
/// complement, floats IEEE 754 single), the stream position of start/stop responses (u16 next sequence, u32 next
/// envelope, raw and IMU sample index: 14 bytes) and the retransmit ring's limits, on bytes written out by hand.
/// </summary>
public class ByteOrderRingPositionTests
{
    [Fact]
    public void FieldsAreLittleEndianAtAnyOffset()
    {
        var b = new byte[12];
        ByteIO.WriteUInt16(b, 1, 0xBEEF);
        ByteIO.WriteInt24(b, 3, -2);                       // FE FF FF
        ByteIO.WriteUInt32(b, 6, 0x89ABCDEF);
        Assert.Equal(new byte[] { 0, 0xEF, 0xBE, 0xFE, 0xFF, 0xFF, 0xEF, 0xCD, 0xAB, 0x89, 0, 0 }, b);
        Assert.Equal(0xBEEF, ByteIO.ReadUInt16(b, 1));
        Assert.Equal(-16657, ByteIO.ReadInt16(b, 1));     // 0xBEEF as int16
        Assert.Equal(-2, ByteIO.ReadInt24(b, 3));
        Assert.Equal(0x89ABCDEFu, ByteIO.ReadUInt32(b, 6));

        byte[] extremes = { 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x00, 0x80, 0xFF, 0x7F };
        Assert.Equal(-8388608, ByteIO.ReadInt24(extremes, 0));
        Assert.Equal(8388607, ByteIO.ReadInt24(extremes, 3));
        Assert.Equal(-32768, ByteIO.ReadInt16(extremes, 6));
        Assert.Equal(32767, ByteIO.ReadInt16(extremes, 8));
        Assert.Equal(0x8000, ByteIO.ReadUInt16(extremes, 6));

        var q = new byte[10];
        ByteIO.WriteUInt64(q, 1, 0x0123456789ABCDEFUL);
        Assert.Equal(new byte[] { 0, 0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01, 0 }, q);
        Assert.Equal(0x0123456789ABCDEFUL, ByteIO.ReadUInt64(q, 1));
        ByteIO.WriteUInt64(q, 1, 0xFFFFFFFF00000001UL);
        Assert.Equal(0xFFFFFFFF00000001UL, ByteIO.ReadUInt64(q, 1));

        var f = new byte[6];
        ByteIO.WriteFloat(f, 1, -0.5f);                    // IEEE 754: 0xBF000000
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0xBF, 0 }, f);
        Assert.Equal(-0.5f, ByteIO.ReadFloat(f, 1));
    }

    [Fact]
    public void StreamPositionReadsFourteenLittleEndianBytesOnly()
    {
        byte[] b = { 0xAA, 0x34, 0x12, 1, 0, 0, 0, 0x10, 0x27, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF };
        var p = new StreamPosition();
        Assert.True(p.Read(b, 1, 14));
        Assert.Equal((0x1234, 1u, 10000u, 0xFFFFFFFFu), (p.NextSequence, p.NextEnvelopeIndex, p.NextRawIndex, p.NextImuIndex));
        Assert.Equal(1u, p.NextIndexOf(ProtocolSpec.FrameTypeEnvelope));
        Assert.Equal(10000u, p.NextIndexOf(ProtocolSpec.FrameTypeRawEmg));
        Assert.Equal(0xFFFFFFFFu, p.NextIndexOf(ProtocolSpec.FrameTypeImu));

        var untouched = new StreamPosition();
        Assert.False(untouched.Read(b, 0, 13));
        Assert.False(untouched.Read(b, 0, 15));
        Assert.False(untouched.Read(b, 2, 14));            // one byte past the end
        Assert.False(untouched.Read(b, -1, 14));
        Assert.False(untouched.Read(null!, 0, 14));
        Assert.Equal(0, untouched.NextSequence);

        // Written from a publisher's counters: the same 14-byte layout.
        var publisher = new FramePublisher(new NullSink(), ProtocolSpec.AttMtu247);
        publisher.SetPosition(p);
        var written = new byte[16];
        Assert.Equal(14, StreamPosition.Write(publisher, written, 2));
        Assert.Equal(b[1..], written[2..]);
    }

    private sealed class NullSink : INotificationSink
    {
        public void Send(byte[] buffer, int offset, int length)
        {
        }
    }

    private static byte[] FakeFrame(int sequence, int length, byte fill)
    {
        // The ring reads only the sequence (u16 at header offset 3); the rest is opaque to it.
        byte[] f = Enumerable.Repeat(fill, length).ToArray();
        f[3] = (byte)sequence; f[4] = (byte)(sequence >> 8);
        return f;
    }

    [Fact]
    public void RingLimitsAreAFrameOfBytesAndADivisorOf65536Slots()
    {
        Assert.Equal("capacityBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmitRing(ProtocolSpec.MaxFrameLength - 1, 16)).ParamName);
        ArgumentException slots = Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmitRing(1000, 3));
        Assert.Equal("indexSlots", slots.ParamName);
        Assert.StartsWith("must divide 65536", slots.Message);
        Assert.Equal(-1, new RetransmitRing(1000, 16).TryGet(0, new byte[600], 0));   // a new ring holds no frame, not even sequence 0
        Assert.Equal(ProtocolSpec.MaxFrameLength, new RetransmitRing(ProtocolSpec.MaxFrameLength, 16).CapacityBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmitRing(1000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmitRing(1000, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmitRing(1000, 131072));
        Assert.Equal(1, new RetransmitRing(1000, 1).IndexSlots);
        Assert.Equal(65536, new RetransmitRing(1000, 65536).IndexSlots);
        Assert.Equal((ProtocolSpec.RingBufferBytes, ProtocolSpec.RingIndexSlots), (new RetransmitRing().CapacityBytes, new RetransmitRing().IndexSlots));

        var ring = new RetransmitRing(1000, 16);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => ring.Add(new byte[600], 0, ProtocolSpec.FrameOverhead - 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Add(new byte[600], 0, ProtocolSpec.MaxFrameLength + 1));
        ring.Add(FakeFrame(1, ProtocolSpec.FrameOverhead, 7), 0, ProtocolSpec.FrameOverhead);
        ring.Add(FakeFrame(2, ProtocolSpec.MaxFrameLength, 8), 0, ProtocolSpec.MaxFrameLength);
        var into = new byte[600];
        Assert.Equal(ProtocolSpec.FrameOverhead, ring.TryGet(1, into, 0));
        Assert.Equal(ProtocolSpec.MaxFrameLength, ring.TryGet(2 + 65536, into, 0));   // the sequence is taken mod 2^16
        Assert.Equal(-1, ring.TryGet(3, into, 0));
        Assert.Equal(-1, ring.TryGet(17, into, 0));        // same slot as 1, another sequence
        ring.Clear();
        Assert.Equal(-1, ring.TryGet(1, into, 0));
        Assert.Equal(-1, ring.TryGet(2, into, 0));
    }

    [Fact]
    public void AFrameStaysAvailableUntilItsFirstByteIsOverwrittenAndComesBackWholeAcrossTheWrap()
    {
        // 600 bytes, frames of 20 bytes: after 31 frames (620 bytes) frame 0's first byte is overwritten, frame 1's not.
        var ring = new RetransmitRing(600, 64);
        for (int i = 0; i < 31; i++) ring.Add(FakeFrame(i, 20, (byte)(i + 1)), 0, 20);
        var into = new byte[40];
        Assert.Equal(-1, ring.TryGet(0, into, 0));
        Assert.Equal(20, ring.TryGet(1, into, 5));
        Assert.Equal(FakeFrame(1, 20, 2), into[5..25]);

        // 610 bytes: frame 30 starts at byte 600 and wraps (10 bytes at the end, 10 at the start).
        ring = new RetransmitRing(610, 64);
        for (int i = 0; i < 31; i++) ring.Add(FakeFrame(i, 20, (byte)(i + 1)), 0, 20);
        Assert.Equal(20, ring.TryGet(30, into, 0));
        Assert.Equal(FakeFrame(30, 20, 31), into[..20]);
        Assert.Equal(20, ring.TryGet(1, into, 0));          // 620 - 610 = 10: frame 0 (bytes 0..19) is gone, frame 1 is whole
        Assert.Equal(-1, ring.TryGet(0, into, 0));
        Assert.Equal(FakeFrame(1, 20, 2), into[..20]);
    }
}
