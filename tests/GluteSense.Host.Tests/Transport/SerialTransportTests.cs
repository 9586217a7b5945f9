extern alias twin;
using System;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Linq;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Link;
using GluteSense.Host.Simulation;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;
using twin::GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Host.Tests.Transport;

/// <summary>The serial transport against the virtual board's serial bridge: in memory, and over a real pseudo-terminal
/// pair made by socat (installed by scripts/setup.sh).</summary>
[Collection(RealTimeCollection.Name)]
public sealed class SerialTransportTests
{
    // An in-memory serial line (the same one the device-app twin's serial tests and demo use).
    private static (Stream Host, Stream Board) Pipe() => TwinSerialLine.Create();

    private static VirtualBoard Board() => new(new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 2 })),
        new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 });

    private static int Stream(BoardSession session, TimeSpan duration)
    {
        session.Start();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            session.Pump();
            Thread.Sleep(20);
        }

        session.Stop(TimeSpan.FromSeconds(3));
        return session.Collector.TakeEnvelope().Sum(b => b.SampleCount);
    }

    [Fact]
    public void StreamsEnvelopeWithoutGaps_OverAnInMemoryLine()
    {
        (Stream host, Stream boardEnd) = Pipe();
        using var bridge = new SerialBoardBridge(Board(), boardEnd, speed: 4);
        using var session = new BoardSession(() => new SerialTransport(host, "serial (memory)"));
        int samples = Stream(session, TimeSpan.FromSeconds(1));
        // 4x real time for about 1 s: roughly 4 s of board time at 100 Hz (the exact count depends on scheduling).
        Assert.InRange(samples, 250, 600);
        Assert.Empty(session.Reassembler.Gaps);
        Assert.Equal(1000, session.Configuration.EmgRateHz);   // read by get_config at connect (the virtual board runs at the simulation's 1 kHz)
        Assert.True(session.Clock.Count > BoardSession.SyncExchangesAtConnect, "the session keeps syncing the clock while streaming");
    }

    [Fact]
    public void ARealBoardSessionFeedsTheLiveView_AndItsMarkersComeBack()
    {
        (Stream host, Stream boardEnd) = Pipe();
        using var bridge = new SerialBoardBridge(Board(), boardEnd, speed: 4);
        var live = new GluteSense.Host.Live.SessionLiveSource(new BoardSession(() => new SerialTransport(host, "serial (memory)")), new[] { "gmax_l", "gmax_r", "es_l", "es_r" });
        live.Start();
        live.Marker();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(1)) { live.Tick(); Thread.Sleep(20); }
        live.Stop();
        GluteSense.Host.Live.LiveSnapshot s = live.Tick();
        Assert.Equal(1, s.Markers);
        Assert.True(s.FramesDelivered > 20);
        Assert.Equal(0, s.SamplesMissing);
        Assert.Equal(4, s.Envelope.Count);
        Assert.Equal("serial (memory)", live.Description);
    }

    [Fact]
    public void TimeoutsAndCorruptResponsesGiveClearErrors_AndTheSessionStaysUsable()
    {
        (Stream host, Stream boardEnd) = Pipe();
        using var bridge = new SerialBoardBridge(Board(), boardEnd);
        using var session = new BoardSession(() => new SerialTransport(host, "serial (memory)"), commandTimeout: TimeSpan.FromMilliseconds(300));

        bridge.Mute = true;
        var timeout = Assert.Throws<BoardTimeoutException>(() => session.Identify(1));
        Assert.Contains("no response within 300 ms", timeout.Message);

        bridge.Mute = false;
        bridge.CorruptResponses = true;
        var corrupt = Assert.Throws<BoardResponseException>(() => session.Identify(1));
        Assert.Contains("malformed or mismatched response", corrupt.Message);

        bridge.CorruptResponses = false;
        bridge.WrongToken = true;
        var wrong = Assert.Throws<BoardResponseException>(() => session.Identify(1));
        Assert.Contains("malformed or mismatched response", wrong.Message);

        bridge.WrongToken = false;
        var refused = Assert.Throws<BoardRefusedException>(() => session.Identify(200));
        Assert.Contains("the board refused identify: bad_value", refused.Message);
        Assert.Equal(ProtocolSpec.ErrBadValue, refused.ErrorCode);
        session.Identify(2);   // consistent state afterwards
    }

    [Fact]
    public void StreamsOverARealPseudoTerminalPairFromSocat()
    {
        using var pty = new GluteSense.Tests.Common.PseudoTerminalPair();
        var boardPort = new SerialPort(pty.BoardPath, SerialTransport.DefaultBaudRate);
        boardPort.Open();
        using var bridge = new SerialBoardBridge(Board(), boardPort.BaseStream, speed: 4);
        using var session = new BoardSession(() => SerialTransport.Open(pty.HostPath));
        Assert.StartsWith("serial " + pty.HostPath, session.Description);
        int samples = Stream(session, TimeSpan.FromSeconds(1));
        Assert.InRange(samples, 250, 600);
        Assert.Empty(session.Reassembler.Gaps);
        Assert.Contains("cannot open serial port", Assert.Throws<BoardException>(() => SerialTransport.Open(Path.Combine(pty.Folder, "none"))).Message);
    }
}
