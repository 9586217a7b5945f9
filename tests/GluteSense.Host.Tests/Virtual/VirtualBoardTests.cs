using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;
using GluteSense.Host.Link;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Virtual;

public class VirtualBoardTests
{
    /// <summary>Deterministic test signals: per channel a DC electrode offset, an amplitude-modulated tone and noise.</summary>
    private sealed class TestSource : IVirtualSignalSource
    {
        public int ChannelCount => 4;

        public double DurationS => 6;

        public static double Emg(long i, int c, int rate)
        {
            double t = (double)i / rate;
            double noise = Math.Sin(i * 12.9898 + c * 78.233) * 43758.5453 % 1.0;
            return 20000 * (c + 1) + (30 + 20 * c) * (1 + Math.Sin(2 * Math.PI * 0.5 * t)) * Math.Sin(2 * Math.PI * (90 + 10 * c) * t) + 5 * noise;
        }

        public static double Imu(long i, int axis, int rate) =>
            axis switch { 0 => 0.5 * Math.Sin(2 * Math.PI * 0.5 * i / rate), 5 => 9.80665, _ => 0.01 * axis };

        public void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts)
        {
            for (int s = 0; s < count; s++)
                for (int c = 0; c < ChannelCount; c++)
                    microvolts[s * ChannelCount + c] = Emg(firstSample + s, c, sampleRateHz);
        }

        public void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel)
        {
            for (int s = 0; s < count; s++)
                for (int a = 0; a < 6; a++)
                    gyroAccel[s * 6 + a] = Imu(firstSample + s, a, sampleRateHz);
        }
    }

    // A session over the virtual transport on simulated time: streams for exactly `seconds` of board time.
    private static (BoardSession Session, VirtualBoard Board, List<EnvelopeBlock> Envelope, List<ImuBlock> Imu) Stream(
        SimulatedLinkSettings link, double seconds)
    {
        var board = new VirtualBoard(new TestSource(), link);
        BoardSession session = VirtualTransport.Session(board);
        session.Start();
        session.PumpFor(TimeSpan.FromSeconds(seconds));
        session.Stop();
        return (session, board, session.TakeEnvelope().ToList(), session.TakeImu().ToList());
    }

    [Fact]
    public void StreamedEnvelopeEqualsTheCoresOfflineEnvelopeOfTheSameSignal()
    {
        (BoardSession session, VirtualBoard board, List<EnvelopeBlock> envelope, _) =
            Stream(new SimulatedLinkSettings { LossProbability = 0.1, Seed = 3, Outages = new[] { new LinkOutage(2_000_000, 500_000) } }, 5);
        Assert.Empty(session.Gaps);
        Assert.True(board.Link.Statistics.LostRandom + board.Link.Statistics.LostOutage > 20, "the link really lost notifications");
        Assert.True(session.Reassembler.Counters.Recovered > 0, "the session recovered them by retransmission");

        // Offline: the same electrode signal through the same AFE quantisation and the core's pipeline.
        const int rate = 1000, channels = 4, block = 50;
        float lsb = board.Configuration.RawMicrovoltsPerCount;
        var pipeline = new EmgPipeline(channels, block, new EmgChainSettings(), lsb);
        var output = new EmgBlockOutput(channels, block);
        var expected = new List<int[]>();
        var codes = new int[block * channels];
        for (long start = 0; start < 5 * rate; start += block)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = (int)Math.Round(TestSource.Emg(start + i / channels, i % channels, rate) / lsb);
            }

            pipeline.ProcessBlock(codes, 0, block, 0, output);
            for (int e = 0; e < output.EnvelopeCount[0]; e++)
            {
                expected.Add(Enumerable.Range(0, channels).Select(c => Math.Min(65535, (int)(output.Envelope[c][e] / BoardRuntime.EnvelopeLsbMicrovolts + 0.5f))).ToArray());
            }
        }

        float[] streamed = envelope.SelectMany(b => b.Microvolts).ToArray();
        Assert.Equal(0, envelope[0].FirstSampleIndex);
        Assert.Equal(expected.Count, streamed.Length / channels);
        for (int i = 0; i < streamed.Length; i++)
        {
            Assert.Equal(expected[i / channels][i % channels], (int)Math.Round(streamed[i] / BoardRuntime.EnvelopeLsbMicrovolts));
        }

        // And the values are the physics: channel 0 is a 90 Hz tone of mean amplitude 30 uV (RMS ~ 30/sqrt2 averaged).
        Assert.InRange(streamed.Where((_, i) => i % channels == 0).Skip(100).Average(), 15, 30);
    }

    [Fact]
    public void ImuArrivesInSiUnitsWithinOneCount()
    {
        (BoardSession session, VirtualBoard board, _, List<ImuBlock> imu) = Stream(new SimulatedLinkSettings { LossProbability = 0.05, Seed = 9 }, 3);
        Assert.Empty(session.Gaps);
        float[] values = imu.SelectMany(b => b.Values).ToArray();
        int samples = values.Length / 6;
        Assert.Equal(300, samples);
        double gyroLsb = ImuSettings.GyroLsbRadPerSecond(board.Configuration.GyroFullScaleDps);
        double accelLsb = ImuSettings.AccelLsbMetersPerSecond2(board.Configuration.AccelFullScaleG);
        for (int s = 0; s < samples; s++)
        {
            Assert.Equal(TestSource.Imu(s, 0, 100), values[s * 6], gyroLsb);
            Assert.Equal(9.80665, values[s * 6 + 5], accelLsb);
        }
    }

    [Fact]
    public void WithoutRetransmissionLostEnvelopeSamplesAreReportedAsGaps()
    {
        var board = new VirtualBoard(new TestSource(), new SimulatedLinkSettings { LossProbability = 0.1, Seed = 4 });
        using BoardSession session = VirtualTransport.Session(board);
        session.Start(new StreamReassemblerOptions { RetransmitEnabled = false });
        session.PumpFor(TimeSpan.FromSeconds(3));
        session.Stop();
        long delivered = session.TakeEnvelope().Sum(b => (long)b.SampleCount);
        long missing = session.Gaps.Where(g => g.FrameType == ProtocolSpec.FrameTypeEnvelope).Sum(g => g.SampleCount);
        Assert.True(missing > 0);
        // 3000 samples: values at samples 49, 59, ..., 2999; the stop flushes the last partly filled frame.
        Assert.Equal((3000 - 50) / 10 + 1, delivered + missing);
    }

    [Fact]
    public void RawModeStreamsTheAfeCodesExactly()
    {
        var board = new VirtualBoard(new TestSource(), new SimulatedLinkSettings { AttMtu = 247, LossProbability = 0.05, Seed = 2 });
        using BoardSession session = VirtualTransport.Session(board);
        session.SetMode(StreamMode.Both);
        Assert.Equal(ProtocolSpec.ModeBoth, session.Configuration.Mode);   // read back by get_config
        session.Start();
        session.PumpFor(TimeSpan.FromSeconds(1));
        session.Stop();
        Assert.Empty(session.Gaps);
        int[] codes = session.TakeRaw().SelectMany(b => b.Codes).ToArray();
        Assert.Equal(1000 * 4, codes.Length);
        float lsb = board.Configuration.RawMicrovoltsPerCount;
        for (int i = 0; i < codes.Length; i++)
        {
            Assert.Equal((int)Math.Round(TestSource.Emg(i / 4, i % 4, 1000) / lsb), codes[i]);
        }

        Assert.NotEmpty(session.TakeEnvelope());
    }

    [Fact]
    public void CommandsReachTheRuntimeAndInvalidOnesAreRefused()
    {
        var board = new VirtualBoard(new TestSource(), new SimulatedLinkSettings());
        using BoardSession session = VirtualTransport.Session(board);
        session.SetEmgRate(2000);
        Assert.Equal(2000, board.Runtime.Pipeline.Settings.SampleRateHz);
        Assert.Equal(2000, session.Configuration.EmgRateHz);
        var refused = Assert.Throws<BoardRefusedException>(() => session.SetEmgRate(1500));
        Assert.Equal((ProtocolSpec.ErrBadValue, "virtual GS-VIRTUAL-0001: the board refused set_emg_rate: bad_value"), (refused.ErrorCode, refused.Message));
        Assert.Equal(2000, board.Configuration.EmgRateHz);
    }

    [Fact]
    public void ResponsesLeaveThroughTheBoardsResponsePublisherInFragmentsAtTheLinkMtu()
    {
        var board = new VirtualBoard(new TestSource(), new SimulatedLinkSettings());   // MTU 23
        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(CommandCodec.Simple(new Command(), ProtocolSpec.CmdGetConfig, 9), packet, 0);

        IReadOnlyList<byte[]> fragments = board.ExecuteAsNotifications(packet, n);

        Assert.True(fragments.Count > 1);
        Assert.All(fragments, f => Assert.True(f.Length <= ProtocolSpec.AttMtuDefault - ProtocolSpec.AttNotificationHeaderLength));
        var reassembler = new FragmentReassembler();
        Assert.Equal(fragments.Count - 1, fragments.Count(f => !reassembler.Add(f, 0, f.Length)));
        var frame = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(reassembler.CompletedFrame, 0, reassembler.CompletedLength, frame));
        Assert.Equal((9, ProtocolSpec.ErrOk, 0), (frame.CommandToken, frame.ErrorCode, (int)frame.Sequence));
        Assert.Equal(1, SequenceOf(board.Execute(packet, n)));   // one response sequence for both paths
    }

    private static int SequenceOf(byte[] encoded)
    {
        var frame = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(encoded, 0, encoded.Length, frame));
        return frame.Sequence;
    }
}
