using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// The reassembler's limits and slot bookkeeping against docs/PROTOCOL.md section 4, with notifications written by
/// hand from the section's layout (byte 0 the sequence low byte; byte 1 the index in bits 0-5, 0x40 retransmitted,
/// 0x80 last; then MTU - 5 frame bytes per fragment, 18 at MTU 23) rather than by the board's Fragmenter. The
/// reassembler does not read frame contents (the frame CRC is checked later), so the "frames" here are numbered bytes.
/// </summary>
public class ReassemblerLimitsTests
{
    private const int Chunk = 18;   // MTU 23 - 3 (ATT) - 2 (fragment header)

    private static byte[] Bytes(int length, int seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    private static List<byte[]> Notes(byte[] frame, int seqLow, bool retransmitted = false, int chunk = Chunk)
    {
        int count = (frame.Length + chunk - 1) / chunk;
        var notes = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            int flags = i | (retransmitted ? 0x40 : 0) | (i == count - 1 ? 0x80 : 0);
            notes.Add(new[] { (byte)seqLow, (byte)flags }.Concat(frame.Skip(i * chunk).Take(chunk)).ToArray());
        }

        return notes;
    }

    private static List<byte[]> Completed(FragmentReassembler r, IEnumerable<byte[]> notes)
    {
        var completed = new List<byte[]>();
        foreach (byte[] n in notes)
        {
            if (r.Add(n, 0, n.Length)) completed.Add(r.CompletedFrame[..r.CompletedLength]);
        }

        return completed;
    }

    [Fact]
    public void OneSlotIsEnoughAndZeroSlotsAreRefusedNamingTheArgument()
    {
        byte[] frame = Bytes(60, 1);   // 4 fragments of 18, 18, 18, 6
        Assert.Equal(new[] { frame }, Completed(new FragmentReassembler(1), Notes(frame, 3)));
        Assert.Equal("slots", Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentReassembler(0)).ParamName);
    }

    [Fact]
    public void ANotificationReachingPastItsBufferIsRefusedWithoutThrowing()
    {
        var r = new FragmentReassembler();
        byte[] note = { 9, 7, 0x80, 42 };
        Assert.False(r.Add(note, 2, 3));   // bytes 2..4 of a 4-byte buffer
        Assert.False(r.Add(note, 4, 1));
        Assert.Equal(2, r.MalformedFragments);
        Assert.True(r.Add(note, 1, 3));    // bytes 1..3 end exactly at the buffer's end: sequence 7, last, one byte
        Assert.Equal((1, 42, 2), (r.CompletedLength, (int)r.CompletedFrame[0], r.MalformedFragments));
    }

    [Fact]
    public void FragmentDataUpTo512BytesIsAcceptedAndCountedMalformedOnlyWhenItCannotBePlaced()
    {
        // MTU 517 carries 512 frame bytes a fragment: within the fragment layer's limit, so a last fragment that size
        // waits (nothing is known yet about the frame's chunk length) and is not counted.
        var r = new FragmentReassembler();
        byte[] big = new[] { (byte)4, (byte)(0x80 | 1) }.Concat(Bytes(512, 9)).ToArray();
        Assert.False(r.Add(big, 0, big.Length));
        Assert.Equal(0, r.MalformedFragments);
        byte[] tooBig = new[] { (byte)4, (byte)(0x80 | 1) }.Concat(Bytes(513, 9)).ToArray();
        Assert.False(r.Add(tooBig, 0, tooBig.Length));
        Assert.Equal(1, r.MalformedFragments);

        // Fragment 0 then says the chunk is 18: the waiting last fragment would end at 18 + 512 > 494 and is refused.
        byte[] first = Notes(Bytes(40, 2), 4)[0];
        Assert.False(r.Add(first, 0, first.Length));
        Assert.Equal(2, r.MalformedFragments);
    }

    [Fact]
    public void TheLargestFrameEndsExactlyAtByte494AndOneFragmentPastItDropsThePartialFrame()
    {
        byte[] largest = Bytes(ProtocolSpec.MaxFrameLength, 5);   // 494 bytes: 27 x 18 + 8, 28 fragments
        List<byte[]> notes = Notes(largest, 6);
        Assert.Equal(28, notes.Count);
        Assert.Equal(new[] { largest }, Completed(new FragmentReassembler(), notes));

        // A fragment 27 of a full 18 bytes would end at byte 504. Arriving after fragment 0 it drops the partial
        // frame: fragments 1..26 and a proper last fragment then never complete it (fragment 0 went with the slot).
        var r = new FragmentReassembler();
        byte[] far = new[] { (byte)6, (byte)(0x80 | 27) }.Concat(Bytes(Chunk, 0)).ToArray();
        Assert.False(r.Add(notes[0], 0, notes[0].Length));
        Assert.False(r.Add(far, 0, far.Length));
        Assert.Equal(1, r.MalformedFragments);
        Assert.Empty(Completed(r, notes.Skip(1)));

        // The same last fragment before the chunk length is known waits, and is refused once fragment 1 gives it.
        r = new FragmentReassembler();
        Assert.False(r.Add(far, 0, far.Length));
        Assert.Equal(0, r.MalformedFragments);             // waits for the chunk length
        Assert.False(r.Add(notes[1], 0, notes[1].Length)); // chunk 18: 27 x 18 + 18 = 504 > 494
        Assert.Equal(1, r.MalformedFragments);
    }

    [Fact]
    public void ALastFragmentThatArrivedFirstCompletesTheFrameWithTheOtherFragment()
    {
        byte[] frame = Bytes(30, 3);   // fragments of 18 and 12 bytes
        List<byte[]> notes = Notes(frame, 9);
        var r = new FragmentReassembler();
        Assert.False(r.Add(notes[1], 0, notes[1].Length));
        Assert.True(r.Add(notes[0], 0, notes[0].Length));
        Assert.Equal(frame, r.CompletedFrame[..r.CompletedLength]);
    }

    [Fact]
    public void RetransmittedBitKeepsAnOriginalApartFromACopyWhoseLowByteDiffersIn0x10()
    {
        // Keyed by the low byte and bit 6 (section 4): a retransmitted frame with low byte 0x00 and an original with
        // low byte 0x10 are two partial frames, whatever bits the key is built from.
        byte[] copy = Bytes(50, 11), original = Bytes(50, 77);
        List<byte[]> a = Notes(copy, 0x00, retransmitted: true), b = Notes(original, 0x10);
        var interleaved = a.Zip(b, (x, y) => new[] { x, y }).SelectMany(p => p);
        Assert.Equal(new[] { copy, original }, Completed(new FragmentReassembler(), interleaved));
    }

    [Fact]
    public void AStalePartialFrameIsDroppedOnceAndItsSequenceStartsAfresh()
    {
        var r = new FragmentReassembler();
        byte[] old = Bytes(90, 1), fresh = Bytes(90, 200);
        Assert.Empty(Completed(r, Notes(old, 5).Take(3)));
        byte[] single = { 6, 0x80, 1 };
        for (int i = 0; i <= FragmentReassembler.StaleAfterNotifications; i++) Assert.True(r.Add(single, 0, single.Length));

        // Sequence 261 (low byte 5) more than 128 notifications later: the old partial frame goes once, the new frame completes.
        Assert.Equal(new[] { fresh }, Completed(r, Notes(fresh, 5)));
        Assert.Equal(1, r.EvictedPartialFrames);
    }

    [Fact]
    public void AnEvictedPartialFrameLeavesNothingInTheSlotItsSuccessorGets()
    {
        // One slot: frame B has everything but its last fragment when frame C's last fragment arrives. B is evicted;
        // C must not complete from B's fragments 0..2 and its own last one.
        var r = new FragmentReassembler(1);
        byte[] b = Bytes(60, 30), c = Bytes(60, 90);
        List<byte[]> nb = Notes(b, 1), nc = Notes(c, 2);
        Assert.Empty(Completed(r, nb.Take(3)));
        Assert.False(r.Add(nc[3], 0, nc[3].Length));
        Assert.Equal(1, r.EvictedPartialFrames);
        Assert.Equal(new[] { c }, Completed(r, nc.Take(3).Append(nc[3])));
    }
}
