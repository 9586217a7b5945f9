using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

public class FragmentationTests
{
    private static byte[] RawFrame(ushort seq, int samples)
    {
        var f = new Frame
        {
            FrameType = ProtocolSpec.FrameTypeRawEmg, ChannelsOrSensors = 4, SampleRateHz = 2000,
            SampleCount = samples, Sequence = seq,
        };
        for (int i = 0; i < samples * 4; i++) f.Values[i] = (i * 104729 + seq) % 8388607;
        return FrameGen.Encode(f);
    }

    private static List<byte[]> Fragments(byte[] frame, int mtu)
    {
        var fragmenter = new Fragmenter(mtu);
        var list = new List<byte[]>();
        for (int i = 0; i < fragmenter.FragmentCount(frame.Length); i++)
        {
            byte[] note = new byte[fragmenter.MaxNotificationLength];
            int n = fragmenter.WriteFragment(frame, 0, frame.Length, i, note, 0);
            Assert.True(n <= ProtocolSpec.NotificationPayloadLength(mtu), "notification longer than MTU - 3");
            list.Add(note[..n]);
        }

        return list;
    }

    [Theory]
    [InlineData(ProtocolSpec.AttMtuDefault, 28)]
    [InlineData(ProtocolSpec.AttMtu185, 3)]
    [InlineData(ProtocolSpec.AttMtu247, 3)]
    public void LargestFrameFitsTheMtuInTheExpectedNumberOfNotifications(int mtu, int expectedFragments)
    {
        // 39 sample sets x 4 channels x 3 bytes + 21 bytes of overhead = 489 bytes.
        byte[] frame = RawFrame(77, 39);
        Assert.Equal(489, frame.Length);
        Assert.Equal(expectedFragments, Fragments(frame, mtu).Count);
    }

    [Fact]
    public void InterleavedReorderedAndDuplicatedFragmentsOfTwoFramesReassemble()
    {
        byte[] a = RawFrame(1, 10), b = RawFrame(2, 12);
        List<byte[]> fa = Fragments(a, 23), fb = Fragments(b, 23);
        var order = new List<byte[]>();
        // b's last fragment first, then a reversed, interleaved with b, with duplicates.
        order.Add(fb[^1]);
        for (int i = Math.Max(fa.Count, fb.Count) - 1; i >= 0; i--)
        {
            if (i < fa.Count) order.Add(fa[i]);
            if (i < fb.Count - 1) order.Add(fb[i]);
            if (i % 3 == 0 && i < fa.Count) order.Add(fa[i]);
        }

        var reassembler = new FragmentReassembler();
        var completed = new List<byte[]>();
        foreach (byte[] n in order)
        {
            if (reassembler.Add(n, 0, n.Length)) completed.Add(reassembler.CompletedFrame[..reassembler.CompletedLength]);
        }

        Assert.Contains(completed, c => c.SequenceEqual(a));
        Assert.Contains(completed, c => c.SequenceEqual(b));
        var d = new Frame();
        Assert.All(completed, c => Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(c, 0, c.Length, d)));
    }

    [Fact]
    public void AFrameMissingOneFragmentNeverCompletes()
    {
        byte[] a = RawFrame(5, 10);
        List<byte[]> fa = Fragments(a, 23);
        fa.RemoveAt(2);
        var reassembler = new FragmentReassembler();
        Assert.DoesNotContain(fa, n => reassembler.Add(n, 0, n.Length));
    }

    [Fact]
    public void FragmentsOfAnOriginalAndItsRetransmittedCopyAreNeverSpliced()
    {
        byte[] original = RawFrame(9, 10);
        byte[] copy = (byte[])original.Clone();
        copy[ProtocolSpec.HeaderOffsetFlags] |= ProtocolSpec.FlagRetransmitted;
        ByteIO.WriteUInt16(copy, copy.Length - 2, Crc16.Compute(copy, 0, copy.Length - 2));
        List<byte[]> fo = Fragments(original, 23), fc = Fragments(copy, 23);
        var reassembler = new FragmentReassembler();
        var completed = new List<byte[]>();
        foreach (byte[] n in fo.Where((_, i) => i != 3).Concat(fc))  // original lost fragment 3, then the copy arrives
        {
            if (reassembler.Add(n, 0, n.Length)) completed.Add(reassembler.CompletedFrame[..reassembler.CompletedLength]);
        }

        Assert.Equal(new[] { copy }, completed);
    }

    [Fact]
    public void LeftoversOfALostFrameDoNotSpoilTheFrame256SequencesLater()
    {
        var reassembler = new FragmentReassembler();
        List<byte[]> old = Fragments(RawFrame(3, 10), 23);
        foreach (byte[] n in old.Where((_, i) => i != 2)) reassembler.Add(n, 0, n.Length);

        // 255 small frames later (one notification each), sequence 259 has the same low byte as 3.
        for (int seq = 4; seq < 259; seq++)
        {
            byte[] small = Fragments(FrameGen.Encode(new Frame { FrameType = ProtocolSpec.FrameTypeEvent, EventKind = 1, Sequence = (ushort)seq }), 23)[0];
            Assert.True(reassembler.Add(small, 0, small.Length)); // 17-byte event frames fit one notification
        }

        byte[] fresh = RawFrame(259, 10);
        List<byte[]> fn = Fragments(fresh, 23);
        var completed = new List<byte[]>();
        foreach (byte[] n in fn)
        {
            if (reassembler.Add(n, 0, n.Length)) completed.Add(reassembler.CompletedFrame[..reassembler.CompletedLength]);
        }

        Assert.Equal(new[] { fresh }, completed);
    }
}
