using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Link;
using GluteSense.Host.Simulation;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;
using GluteSense.Host.Transport.BlueZ;
using GluteSense.Host.Virtual;
using Tmds.DBus;

namespace GluteSense.Host.Tests.Transport;

/// <summary>The BLE transport against a mock BlueZ on a private D-Bus bus with the virtual board behind it.</summary>
[Collection(RealTimeCollection.Name)]
public sealed class BlueZTransportTests
{
    /// <summary>A virtual board doing 3 glute bridges (shared with the security tests).</summary>
    internal static VirtualBoard Board(SimulatedLinkSettings link) =>
        new(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 3, Seed = 4 })), link);

    // The board's clock runs at wall-clock pace. Its retransmit ring holds 6.1 s of envelope mode (PROTOCOL.md 5), so
    // this checks "an outage the ring covers loses nothing". A fresh-clone CI run under load once lost three frames
    // after the drop, declared lost while streaming. Two budgets can do that, each a true loss rather than a transport
    // bug: at 4x pace the ring held only 1.5 s of wall time, and the default retry budget (20 requests 100 ms apart)
    // gives up after 2 s without the frame, which a starved thread pool delaying the mock's D-Bus signals can exceed.
    // So the board runs at 1x, and the budget here is 10 s, beyond the ring's, so the ring is what limits recovery.
    private const double BoardSpeed = 1;
    private static readonly StreamReassemblerOptions PatientRetries = new() { MaxRetries = 100 };

    [Fact]
    public void ScansConnectsAndStreams_ThroughLossAndADisconnect_WithoutLosingASample()
    {
        using var bluez = new MockBlueZ(Board(new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247, LossProbability = 0.1, Seed = 6 }), BoardSpeed);
        using Connection bus = bluez.Client();
        BoardAdvert board = Assert.Single(BlueZTransport.Scan(bus, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(("C0:FF:EE:00:00:01", "GluteSense", (short)-58), (board.Address, board.Name, board.RssiDbm));

        using var session = new BoardSession(() => BlueZTransport.Connect(bus, board.Path, TimeSpan.FromSeconds(5)));
        Assert.StartsWith("BLE /org/bluez/hci0/dev_C0_FF_EE_00_00_01", session.Description);
        session.Start(PatientRetries);
        var watch = Stopwatch.StartNew();
        TimeSpan droppedAt = TimeSpan.Zero, reconnectedAt = TimeSpan.Zero;
        // At least 2 s, and on a loaded machine until the reconnection has happened (bounded at 20 s).
        while (watch.Elapsed < TimeSpan.FromSeconds(2) || (session.Reconnects == 0 && watch.Elapsed < TimeSpan.FromSeconds(20)))
        {
            if (droppedAt == TimeSpan.Zero && watch.Elapsed > TimeSpan.FromSeconds(0.7))
            {
                bluez.Device.Drop();   // the radio link drops; the session reconnects
                droppedAt = watch.Elapsed;
            }

            session.Pump();
            if (reconnectedAt == TimeSpan.Zero && session.Reconnects > 0) reconnectedAt = watch.Elapsed;
            Thread.Sleep(20);
        }

        double streamedS = watch.Elapsed.TotalSeconds;
        session.Stop(TimeSpan.FromSeconds(3));
        int samples = session.Collector.TakeEnvelope().Sum(b => b.SampleCount);
        Assert.Equal(1, session.Reconnects);
        StreamCounters c = session.Reassembler.Counters;
        Assert.True(session.Reassembler.Gaps.Count == 0,
            $"gaps {string.Join(", ", session.Reassembler.Gaps.Select(g => $"{g.StreamName} {g.FirstSampleIndex}+{g.SampleCount}"))}; "
            + $"dropped at {droppedAt.TotalSeconds:0.00} s, reconnected at {reconnectedAt.TotalSeconds:0.00} s (wall); "
            + $"{c.FramesRequested} frames requested, {c.Recovered} recovered, {c.Late} late");
        // About BoardSpeed x streamedS of board time at 100 Hz, all of it (the stop's drain adds up to its own 3 s).
        Assert.InRange(samples, (int)(100 * BoardSpeed * 1.5), (int)(100 * BoardSpeed * (streamedS + 3)));
    }

    [Fact]
    public void CommandTimeoutAndUnreachableBoardGiveOneLineErrors()
    {
        using var bluez = new MockBlueZ(Board(new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 }), speed: 1);
        using Connection bus = bluez.Client();
        using var session = new BoardSession(() => BlueZTransport.Connect(bus, new ObjectPath(MockBlueZ.DevicePath), TimeSpan.FromSeconds(5)), commandTimeout: TimeSpan.FromMilliseconds(300));
        bluez.Mute = true;
        Assert.Contains("no response within 300 ms", Assert.Throws<BoardTimeoutException>(() => session.Identify(1)).Message);
        bluez.Mute = false;
        session.Identify(1);   // answered again

        bluez.Device.Unreachable = true;
        var e = Assert.Throws<BoardException>(() => BlueZTransport.Connect(bus, new ObjectPath(MockBlueZ.DevicePath), TimeSpan.FromSeconds(1)));
        Assert.Contains("le-connection-abort-by-local", e.Message);
    }
}
