using System;
using CsCheck;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// Property tests with CsCheck: round trips of random frames and commands, robustness of the decoders on random and
/// mutated bytes (no exception, no allocation, an error status), and detection of every single-bit flip.
/// GLUTESENSE_FUZZ_ITERATIONS sets the case count (default 10,000).
/// </summary>
public class ProtocolFuzzTests
{
    private static readonly long Iterations = FuzzSettings.Iterations;

    [Fact]
    public void RandomFramesRoundTrip()
    {
        FrameGen.Any.Sample(frame =>
        {
            byte[] bytes = FrameGen.Encode(frame);
            var decoded = new Frame();
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(bytes, 0, bytes.Length, decoded));
            GoldenVectors.AssertSameContent(frame, decoded);
        }, iter: Iterations);
    }

    [Fact]
    public void DecoderReturnsAnErrorWithoutThrowingOrAllocatingOnRandomBytes()
    {
        FrameGen.WarmUp();
        Gen.Byte.Array[0, ProtocolSpec.MaxFrameLength + 20].Sample(bytes =>
        {
            var into = new Frame();
            long before = GC.GetAllocatedBytesForCurrentThread();
            DecodeStatus status = FrameDecoder.Decode(bytes, 0, bytes.Length, into);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.True(Enum.IsDefined(status));

            // Random bytes almost never carry a valid CRC; when they do, the frame must also be self-consistent.
            if (status == DecodeStatus.Ok)
            {
                Assert.Equal(bytes, FrameGen.Encode(into));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void DecoderSurvivesMutatedFrames()
    {
        FrameGen.WarmUp();
        Gen.Select(FrameGen.Any, Gen.Int[0, 1000], Gen.Byte, Gen.Int[-3, 3]).Sample((frame, position, value, cut) =>
        {
            byte[] bytes = FrameGen.Encode(frame);
            int p = position % bytes.Length;
            bool changed = bytes[p] != value;
            bytes[p] = value;
            int length = Math.Clamp(bytes.Length + cut, 0, bytes.Length);
            var into = new Frame();
            long before = GC.GetAllocatedBytesForCurrentThread();
            DecodeStatus status = FrameDecoder.Decode(bytes, 0, length, into);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            if (changed || length != bytes.Length)
            {
                Assert.NotEqual(DecodeStatus.Ok, status);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void EverySingleBitFlipIsDetected()
    {
        // Each case flips every bit of one random frame in turn (hundreds to thousands of flips per case).
        long cases = Math.Max(1000, Iterations / 10);
        FrameGen.Any.Sample(frame =>
        {
            byte[] bytes = FrameGen.Encode(frame);
            var into = new Frame();
            for (int bit = 0; bit < bytes.Length * 8; bit++)
            {
                bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
                DecodeStatus status = FrameDecoder.Decode(bytes, 0, bytes.Length, into);
                bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.True(status != DecodeStatus.Ok, "bit " + bit + " flip went undetected");
            }
        }, iter: cases);
    }

    [Fact]
    public void RandomCommandsRoundTripAndEveryBitFlipIsDetected()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte.Array[0, ProtocolSpec.MaxCommandPayloadLength]).Sample((opcode, token, payload) =>
        {
            var c = new Command { Opcode = opcode, Token = token, PayloadLength = payload.Length };
            payload.CopyTo(c.Payload, 0);
            byte[] bytes = new byte[ProtocolSpec.MaxCommandLength];
            int n = CommandCodec.Encode(c, bytes, 0);
            var d = new Command();
            Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(bytes, 0, n, d));
            Assert.Equal(opcode, d.Opcode);
            Assert.Equal(token, d.Token);
            Assert.Equal(payload, d.Payload[..d.PayloadLength]);
            for (int bit = 0; bit < n * 8; bit++)
            {
                bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.NotEqual(DecodeStatus.Ok, CommandCodec.Decode(bytes, 0, n, d));
                bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
        }, iter: Math.Max(1000, Iterations / 10));
    }

    [Fact]
    public void ReassemblerNeverThrowsAndNeverOverrunsOnRandomNotifications()
    {
        var reassembler = new FragmentReassembler(4);
        Gen.Byte.Array[0, 600].Array[1, 20].Sample(notifications =>
        {
            foreach (byte[] n in notifications)
            {
                if (reassembler.Add(n, 0, n.Length))
                {
                    Assert.InRange(reassembler.CompletedLength, 1, ProtocolSpec.MaxFrameLength);
                }
            }
        }, iter: Iterations, threads: 1);
    }
}
