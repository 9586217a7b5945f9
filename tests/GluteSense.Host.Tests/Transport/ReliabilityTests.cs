using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Link;
using GluteSense.Host.Simulation;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Transport;

/// <summary>
/// Issue 10's reliability figures on the virtual board: 10 % random notification loss, a 500 ms outage and a 1 s
/// disconnect lose nothing while the board's retransmit ring still holds the frames; a disconnect longer than the ring
/// loses exactly what fell out of it, and every lost sample is reported as a gap at its exact index.
/// </summary>
public class ReliabilityTests
{
    private const double Seconds = 12;

    private static (BoardSession Session, VirtualBoard Board, long[] EnvelopeIndices, long[] ImuIndices) Stream(SimulatedLinkSettings link)
    {
        var board = new VirtualBoard(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 2, Seed = 5 })), link);
        BoardSession session = VirtualTransport.Session(board);
        session.Start();
        session.PumpFor(TimeSpan.FromSeconds(Seconds));
        session.Stop();
        long[] env = session.TakeEnvelope().SelectMany(b => Enumerable.Range(0, b.SampleCount).Select(i => b.FirstSampleIndex + i)).ToArray();
        long[] imu = session.TakeImu().SelectMany(b => Enumerable.Range(0, b.Values.Length / 6).Select(i => b.FirstSampleIndex + i)).ToArray();
        return (session, board, env, imu);
    }

    [Fact]
    public void LossOutageAndDisconnect_AllSamplesRecovered()
    {
        var link = new SimulatedLinkSettings
        {
            LossProbability = 0.1,
            Seed = 11,
            Outages = new[] { new LinkOutage(3_000_000, 500_000) },
            Disconnects = new[] { new LinkOutage(6_000_000, 1_000_000) },
        };
        (BoardSession session, VirtualBoard board, long[] env, long[] imu) = Stream(link);
        Assert.Empty(session.Gaps);
        Assert.True(board.Link.Statistics.LostRandom > 50, "the link really lost notifications");
        Assert.True(board.Link.Statistics.LostDisconnect > 0, "the disconnect really dropped notifications");
        Assert.Equal(1, session.Reconnects);   // the session saw the link drop and reconnected through its factory
        Assert.Equal(Enumerable.Range(0, env.Length).Select(i => (long)i), env);     // every envelope sample, in order
        Assert.Equal(Enumerable.Range(0, imu.Length).Select(i => (long)i), imu);
        Assert.InRange(imu.Length, (int)(Seconds * 100) - 20, (int)(Seconds * 100));
    }

    [Fact]
    public void ADisconnectLongerThanTheRing_LosesExactlyWhatTheRingNoLongerHeld_AndSaysWhere()
    {
        var link = new SimulatedLinkSettings { Seed = 12, Disconnects = new[] { new LinkOutage(1_000_000, 9_000_000) } };
        (BoardSession session, _, long[] env, _) = Stream(link);
        SampleGap[] envGaps = session.Gaps.Where(g => g.FrameType == ProtocolSpec.FrameTypeEnvelope).ToArray();
        Assert.NotEmpty(envGaps);
        // Delivered samples and reported gaps tile the stream exactly: nothing missing, nothing twice.
        var covered = new SortedSet<long>(env);
        foreach (SampleGap g in envGaps)
        {
            for (long i = g.FirstSampleIndex; i < g.FirstSampleIndex + g.SampleCount; i++) Assert.True(covered.Add(i), $"sample {i} both delivered and reported lost");
        }

        Assert.Equal(covered.Max + 1, covered.Count);
        // The gap sits inside the disconnect (1 s to 10 s at 100 Hz); the session reconnects at its next backoff attempt
        // or, at the latest, for the stop command (12 s), and the ring gives back its last ~6.7 s.
        Assert.All(envGaps, g => Assert.InRange(g.FirstSampleIndex, 90, 1000));
        Assert.InRange(envGaps.Sum(g => g.SampleCount), 100, 500);
    }
}
