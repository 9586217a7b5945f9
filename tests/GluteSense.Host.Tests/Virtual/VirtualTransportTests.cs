using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Link;
using GluteSense.Host.Simulation;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Virtual;

/// <summary>
/// <see cref="BoardSession"/> over the <see cref="VirtualTransport"/> on simulated time: the typed commands reach the
/// board's runtime, every failure is a <see cref="BoardException"/> of the kind it is, and timing is exact because
/// nothing waits on the wall clock.
/// </summary>
public class VirtualTransportTests
{
    private static VirtualBoard Board(SimulatedLinkSettings? link = null) =>
        new(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 1, Seed = 2 })),
            link ?? new SimulatedLinkSettings());

    // A session whose transport the test can reach (to mute or corrupt it).
    private static (BoardSession Session, Func<VirtualTransport> Transport, SimulatedClock Clock) Open(VirtualBoard board,
        TimeSpan? timeout = null)
    {
        var clock = new SimulatedClock();
        VirtualTransport? current = null;
        var session = new BoardSession(() => current = VirtualTransport.Connect(board, clock), timeout, clock);
        return (session, () => current!, clock);
    }

    [Fact]
    public void ConnectsAtMtu23_ReadingTheFragmentedConfiguration_WithoutTimePassing()
    {
        VirtualBoard board = Board();   // ATT MTU 23: get_config's 273-byte response arrives in 20-byte fragments
        (BoardSession session, _, SimulatedClock clock) = Open(board);
        Assert.Equal((board.Configuration.EmgRateHz, board.Configuration.ChannelCount),
            (session.Configuration.EmgRateHz, session.Configuration.ChannelCount));
        Assert.Equal(board.Configuration.Filter.BandHighHz, session.Configuration.Filter.BandHighHz);
        Assert.Equal(("GS-VIRTUAL-0001", "virtual GS-VIRTUAL-0001"), (session.BoardSerial, session.Description));
        Assert.Equal(BoardSession.SyncExchangesAtConnect, session.Clock.Count);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);   // simulated time moves only when the session waits
        session.PumpFor(TimeSpan.FromMilliseconds(1234));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), clock.Elapsed);
        Assert.Equal(1_234_000, board.NowUs);         // and the board ran exactly that far
    }

    [Fact]
    public void TypedCommandsReachTheRuntime_AndAMarkerComesBackAsAnEvent()
    {
        VirtualBoard board = Board(new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu185 });
        (BoardSession session, _, _) = Open(board);
        // 10-400 Hz is beyond what the board's chain can apply (issue 18): refused, nothing changed; 20-450 Hz is taken.
        Assert.Equal(ProtocolSpec.ErrBadValue, Assert.Throws<BoardRefusedException>(() => session.SetFilter(10, 400)).ErrorCode);
        Assert.Equal(20, board.Configuration.Filter.BandLowHz);
        session.SetFilter(20, 450);
        Assert.Equal((20, 450), (session.Configuration.Filter.BandLowHz, session.Configuration.Filter.BandHighHz));
        session.SetMode(StreamMode.Both);
        Assert.Equal(ProtocolSpec.ModeBoth, session.Configuration.Mode);
        session.StoreAfeOffsets(new[] { 1f, 2f, 3f, 4f });
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, session.Configuration.AfeOffsetMicrovolts.Take(4));
        session.Identify(3);
        Assert.Equal(3, board.Configuration.PendingIdentifySeconds);

        session.Start();
        session.Marker(4242);
        session.PumpFor(TimeSpan.FromSeconds(1));
        session.Stop();
        Assert.Contains(session.TakeEvents(), e => e.Kind == ProtocolSpec.EventHostMarker && e.MarkerId == 4242);
        Assert.NotEmpty(session.TakeRaw());
    }

    [Fact]
    public void ARefusedCommandCarriesTheBoardsCode_AndChangesNothing()
    {
        VirtualBoard board = Board();
        (BoardSession session, _, _) = Open(board);
        session.Start();
        var refused = Assert.Throws<BoardRefusedException>(() => session.SetEmgRate(ProtocolSpec.RawRateHighHz));   // only while stopped
        Assert.Equal(ProtocolSpec.ErrInvalidState, refused.ErrorCode);
        Assert.Equal("virtual GS-VIRTUAL-0001: the board refused set_emg_rate: invalid_state", refused.Message);
        Assert.Equal(ProtocolSpec.RawRateLowHz, board.Configuration.EmgRateHz);
    }

    [Fact]
    public void TimeoutCorruptAndDisconnected_AreBoardExceptionsOfTheirKind_AndTheSessionRecovers()
    {
        VirtualBoard board = Board(new SimulatedLinkSettings { Disconnects = new[] { new LinkOutage(5_000_000, 1_000_000) } });
        (BoardSession session, Func<VirtualTransport> transport, SimulatedClock clock) = Open(board, TimeSpan.FromMilliseconds(300));

        transport().Mute = true;
        BoardException timeout = Assert.Throws<BoardTimeoutException>(() => session.Identify(1));
        Assert.Equal("virtual GS-VIRTUAL-0001: command 0x0a token 10: no response within 300 ms", timeout.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(300), clock.Elapsed);   // the timeout passed in simulated time, exactly
        transport().Mute = false;

        transport().CorruptResponses = true;
        Assert.Contains("malformed or mismatched response", Assert.Throws<BoardResponseException>(() => session.Identify(1)).Message);
        transport().CorruptResponses = false;
        session.Identify(1);   // consistent state afterwards

        clock.Wait(TimeSpan.FromMilliseconds(5_000 - 600));   // into the disconnection (5 s to 6 s)
        var down = Assert.Throws<BoardDisconnectedException>(() => session.Identify(1));
        Assert.Equal("virtual GS-VIRTUAL-0001: out of range (simulated disconnection)", down.Message);
        session.PumpFor(TimeSpan.FromSeconds(2));   // the pump reconnects once the link is back, with backoff
        Assert.True(session.Reconnects >= 1);
        session.Identify(1);
    }

    [Fact]
    public void ReorderedAndDuplicatedNotifications_ArriveOnceAndInOrder_UpToTheStop()
    {
        // Nothing flushes the link at the end: what it still holds back comes out as the session's retransmission
        // requests make the board send again, as on a real radio link.
        var link = new SimulatedLinkSettings { ReorderProbability = 0.2, DuplicateProbability = 0.1, LossProbability = 0.05, Seed = 8 };
        VirtualBoard board = Board(link);
        using BoardSession session = VirtualTransport.Session(board);
        session.Start();
        session.PumpFor(TimeSpan.FromSeconds(3));
        session.Stop();
        Assert.True(board.Link.Statistics.Reordered > 10 && board.Link.Statistics.Duplicated > 5, "the link really reordered and duplicated");
        Assert.Empty(session.Gaps);
        long[] indices = session.TakeEnvelope().SelectMany(b => Enumerable.Range(0, b.SampleCount).Select(i => b.FirstSampleIndex + i)).ToArray();
        Assert.Equal(Enumerable.Range(0, (3000 - 50) / 10 + 1).Select(i => (long)i), indices);   // every value once, in order
    }
}
