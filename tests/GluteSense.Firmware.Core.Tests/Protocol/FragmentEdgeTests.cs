using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// The fragment layer at its edges, against docs/PROTOCOL.md ("Fragmentation"): a 2-byte header (sequence low byte;
/// index in bits 0-5, 0x40 retransmitted, 0x80 last) before MTU - 5 data bytes; the reassembler counts what it
/// refuses (malformed fragments, evicted partial frames) instead of throwing.
/// </summary>
public class FragmentEdgeTests
{
    private sealed class Sink : INotificationSink
    {
        public readonly List<byte[]> Sent = new();

        public void Send(byte[] buffer, int offset, int length) => Sent.Add(buffer.Skip(offset).Take(length).ToArray());
    }

    private static byte[] Frame(ushort seq, int samples, bool retransmitted = false)
    {
        var f = new Frame
        {
            FrameType = ProtocolSpec.FrameTypeRawEmg, ChannelsOrSensors = 4, SampleRateHz = 2000, SampleCount = samples,
            Sequence = seq, Flags = retransmitted ? ProtocolSpec.FlagRetransmitted : (byte)0,
        };
        for (int i = 0; i < samples * 4; i++) f.Values[i] = i * 1009 - 5000;
        return FrameGen.Encode(f);
    }

    private static List<byte[]> Fragments(byte[] frame, int mtu)
    {
        var sink = new Sink();
        int count = new Fragmenter(mtu).Send(frame, 0, frame.Length, sink);
        Assert.Equal(count, sink.Sent.Count);
        Assert.Equal(Fragmenter.FragmentCountFor(frame.Length, ProtocolSpec.FragmentDataLength(mtu)), count);
        return sink.Sent;
    }

    [Fact]
    public void MtuRangeIs23To517AndTheChunkIsMtuMinusFive()
    {
        ArgumentException mtu = Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(22));
        Assert.Equal("value", mtu.ParamName);
        Assert.StartsWith("ATT MTU must be 23..517", mtu.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(518));
        var low = new Fragmenter(23);
        Assert.Equal((23, 18, 20), (low.AttMtu, low.ChunkLength, low.MaxNotificationLength));
        var high = new Fragmenter(517);
        Assert.Equal((517, 512, 514), (high.AttMtu, high.ChunkLength, high.MaxNotificationLength));
        high.AttMtu = 185;
        Assert.Equal(180, high.ChunkLength);
    }

    [Fact]
    public void FragmentCountIsTheCeilingOfLengthOverChunk()
    {
        Assert.Equal(0, Fragmenter.FragmentCountFor(0, 18));
        Assert.Equal(0, Fragmenter.FragmentCountFor(-5, 18));
        Assert.Equal(0, Fragmenter.FragmentCountFor(-100, 18));   // not (-100 + 17) / 18 = -4
        Assert.Equal(1, Fragmenter.FragmentCountFor(1, 18));
        Assert.Equal(1, Fragmenter.FragmentCountFor(18, 18));
        Assert.Equal(2, Fragmenter.FragmentCountFor(19, 18));
        Assert.Equal(28, Fragmenter.FragmentCountFor(494, 18));   // 27 x 18 = 486 < 494 <= 504
    }

    [Fact]
    public void HeadersCarrySequenceLowByteIndexRetransmittedAndLastFlags()
    {
        byte[] frame = Frame(0x1234, 10, retransmitted: true);   // 12 + 7 + 120 + 2 = 141 bytes: 8 fragments of 18
        Assert.Equal(141, frame.Length);
        List<byte[]> fragments = Fragments(frame, 23);
        Assert.Equal(8, fragments.Count);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0x34, fragments[i][0]);
            Assert.Equal(i | 0x40 | (i == 7 ? 0x80 : 0), fragments[i][1]);
            Assert.Equal(frame.Skip(18 * i).Take(18), fragments[i].Skip(2));
        }

        Assert.Equal(2 + 141 - 7 * 18, fragments[7].Length);   // the last carries the remaining 15 bytes
        Assert.Equal(new byte[] { 0x34, 0x80 }, Fragments(Frame(0x1234, 10), 247)[0][..2]);   // one fragment: index 0, last, not retransmitted

        var fragmenter = new Fragmenter(23);
        var note = new byte[fragmenter.MaxNotificationLength + 4];
        Assert.Equal(17, fragmenter.WriteFragment(frame, 0, frame.Length, 7, note, 4));   // at an offset in the caller's buffer
        Assert.Equal(new byte[] { 0x34, 7 | 0x40 | 0x80 }, note[4..6]);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => fragmenter.WriteFragment(frame, 0, frame.Length, 8, note, 0)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => fragmenter.WriteFragment(frame, 0, frame.Length, -1, note, 0)).ParamName);
        ArgumentException e = Assert.Throws<ArgumentException>(() => fragmenter.WriteFragment(frame, 0, ProtocolSpec.FrameOverhead - 1, 0, note, 0));
        Assert.Equal("frameLength", e.ParamName);
        Assert.StartsWith("frame cannot be fragmented at this MTU", e.Message);
        Assert.Equal(2 + ProtocolSpec.FrameOverhead, fragmenter.WriteFragment(frame, 0, ProtocolSpec.FrameOverhead, 0, note, 0));   // the shortest frame
        Assert.Throws<ArgumentException>(() => fragmenter.WriteFragment(new byte[2000], 0, 65 * 18, 0, note, 0));   // 65 fragments
        Assert.Equal(20, fragmenter.WriteFragment(new byte[2000], 0, 64 * 18, 63, note, 0));   // 64 (index 0..63) is allowed
        Assert.Equal("sink", Assert.Throws<ArgumentNullException>(() => fragmenter.Send(frame, 0, frame.Length, null!)).ParamName);
    }

    [Fact]
    public void MalformedNotificationsAreCountedAndRefused()
    {
        var r = new FragmentReassembler();
        Assert.False(r.Add(null!, 0, 4));
        Assert.False(r.Add(new byte[4], 0, 2));          // header only
        Assert.False(r.Add(new byte[4], 3, 2));          // past the end
        Assert.False(r.Add(new byte[4], -1, 3));
        Assert.False(r.Add(new byte[4], 0, -1));
        Assert.False(r.Add(new byte[600], 0, 2 + FragmentReassembler.MaxChunkLength + 1));
        Assert.Equal(6, r.MalformedFragments);
        Assert.True(r.Add(new byte[] { 7, 0x80, 42 }, 0, 3));   // the smallest valid notification: one data byte
        Assert.Equal((1, 42), (r.CompletedLength, (int)r.CompletedFrame[0]));
        Assert.True(r.Add(new byte[600].Select((_, i) => i == 1 ? (byte)0x80 : (byte)1).ToArray(), 0, 2 + 494));   // a whole largest frame in one
        Assert.Equal(494, r.CompletedLength);
        Assert.Equal(6, r.MalformedFragments);
        Assert.False(r.Add(new byte[600].Select((_, i) => i == 1 ? (byte)0x80 : (byte)1).ToArray(), 0, 2 + 495));   // one byte too many
        Assert.Equal((0, 7), (r.CompletedLength, r.MalformedFragments));
    }

    [Fact]
    public void ConflictingChunkLengthsOrLastIndicesDropThePartialFrame()
    {
        byte[] frame = Frame(9, 10);
        List<byte[]> f = Fragments(frame, 23);
        var r = new FragmentReassembler();
        Assert.False(r.Add(f[0], 0, f[0].Length));
        byte[] shorter = f[1][..^1];                      // a non-last fragment of 17 data bytes after one of 18
        Assert.False(r.Add(shorter, 0, shorter.Length));
        Assert.Equal(1, r.MalformedFragments);
        foreach (byte[] n in f.Skip(1)) Assert.False(r.Add(n, 0, n.Length));   // fragment 0 was dropped with the slot
        Assert.Equal(0, r.CompletedLength);

        r = new FragmentReassembler();
        Assert.False(r.Add(f[7], 0, f[7].Length));       // last = 7
        byte[] otherLast = (byte[])f[7].Clone();
        otherLast[1] = 6 | 0x80;                          // last = 6 for the same frame
        Assert.False(r.Add(otherLast, 0, otherLast.Length));
        Assert.Equal(1, r.MalformedFragments);
        foreach (byte[] n in f.Take(7)) Assert.False(r.Add(n, 0, n.Length));   // the slot was reset: last fragment gone
        Assert.Equal(1, r.MalformedFragments);

        r = new FragmentReassembler();
        byte[] far = (byte[])f[0].Clone();
        far[1] = 27;                                      // 27 x 18 + 18 = 504 bytes > the 494-byte largest frame
        Assert.False(r.Add(f[0], 0, f[0].Length));
        Assert.False(r.Add(far, 0, far.Length));
        Assert.Equal(1, r.MalformedFragments);
    }

    [Fact]
    public void LastFragmentFirstWaitsForTheChunkLengthThenCompletes()
    {
        byte[] frame = Frame(21, 10);
        List<byte[]> f = Fragments(frame, 23);
        var r = new FragmentReassembler();
        Assert.False(r.Add(f[7], 0, f[7].Length));
        for (int i = 6; i >= 1; i--) Assert.False(r.Add(f[i], 0, f[i].Length));
        Assert.True(r.Add(f[0], 0, f[0].Length));
        Assert.Equal(frame, r.CompletedFrame[..r.CompletedLength]);
        Assert.False(r.Add(f[3], 0, f[3].Length));        // a late duplicate starts a new partial frame, completes nothing
        Assert.Equal(0, r.CompletedLength);
    }

    [Fact]
    public void WhenEverySlotIsBusyTheLeastRecentlyTouchedPartialFrameIsEvicted()
    {
        var r = new FragmentReassembler(2);
        List<byte[]> a = Fragments(Frame(1, 10), 23), b = Fragments(Frame(2, 10), 23), c = Fragments(Frame(3, 10), 23);
        r.Add(a[0], 0, a[0].Length);
        r.Add(b[0], 0, b[0].Length);
        r.Add(a[1], 0, a[1].Length);   // a touched after b: b is now the oldest
        r.Add(c[0], 0, c[0].Length);   // no free slot: b goes
        Assert.Equal(1, r.EvictedPartialFrames);
        var completed = new List<int>();
        foreach (byte[] n in a.Skip(2).Concat(b.Skip(1)).Concat(c.Skip(1)))
        {
            if (r.Add(n, 0, n.Length)) completed.Add(r.CompletedFrame[ProtocolSpec.HeaderOffsetSequence]);
        }

        Assert.Equal(new[] { 1, 3 }, completed);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentReassembler(0));
    }

    [Fact]
    public void PartialFramesOlderThan128NotificationsAreEvictedWhenTheirSequenceComesAgain()
    {
        var r = new FragmentReassembler();
        List<byte[]> old = Fragments(Frame(5, 10), 23);
        r.Add(old[0], 0, old[0].Length);
        byte[] single = Fragments(Frame(6, 1), 247)[0];
        for (int i = 0; i < FragmentReassembler.StaleAfterNotifications - 1; i++) r.Add(single, 0, single.Length);
        r.Add(old[1], 0, old[1].Length);                  // 128 notifications after fragment 0: still the same frame
        Assert.Equal(0, r.EvictedPartialFrames);
        for (int i = 0; i < FragmentReassembler.StaleAfterNotifications; i++) r.Add(single, 0, single.Length);
        r.Add(old[2], 0, old[2].Length);                  // 129 after: stale
        Assert.Equal(1, r.EvictedPartialFrames);
    }

    [Fact]
    public void ResetForgetsPartialFrames()
    {
        List<byte[]> f = Fragments(Frame(8, 10), 23);
        var r = new FragmentReassembler();
        foreach (byte[] n in f.Take(4)) r.Add(n, 0, n.Length);
        r.Reset();
        Assert.DoesNotContain(f.Skip(4), n => r.Add(n, 0, n.Length));
    }
}
