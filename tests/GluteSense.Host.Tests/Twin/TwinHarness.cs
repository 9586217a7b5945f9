extern alias twin;
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Simulation;
using GluteSense.Host.Transport;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Host.Tests.Twin;

/// <summary>
/// The device-app twin behind the host's real transports: a board that sees a simulated bridge session, reached over
/// an in-memory serial line (<see cref="TwinSerialBridge"/>) with the host's <see cref="SerialTransport"/> and
/// <see cref="BoardSession"/>, its clock paced to the wall clock (BoardSession's timeouts are real time).
/// </summary>
internal sealed class TwinHarness : IDisposable
{
    private readonly TwinPacer _pacer;
    private readonly int _attMtu;

    public TwinHarness(int attMtu = ProtocolSpec.AttMtu247, double speed = 1, int reps = 3)
    {
        _attMtu = attMtu;
        Board = PoweredBoard(reps);
        _pacer = new TwinPacer(Board, speed);
        Session = new BoardSession(Connect);
    }

    public TwinBoard Board { get; }

    public BoardSession Session { get; }

    /// <summary>The serial bridge of the current connection.</summary>
    public TwinSerialBridge Bridge { get; private set; } = null!;

    /// <summary>Connections made (the first, then reconnections).</summary>
    public int Connections { get; private set; }

    /// <summary>A powered board, advertising, whose electrodes and IMU see <paramref name="reps"/> simulated bridges.</summary>
    public static TwinBoard PoweredBoard(int reps = 3)
    {
        var source = new SimulatedSignalSource(Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = reps, Seed = 5 }));
        var board = new TwinBoard(source);
        board.PowerOnAndWaitAdvertising();
        return board;
    }

    private IBoardTransport Connect()
    {
        try
        {
            (Stream host, Stream boardEnd) = TwinSerialLine.Create();
            Bridge = new TwinSerialBridge(Board, boardEnd, _attMtu, TwinBoard.DefaultPasskey);
            Connections++;
            return new SerialTransport(host, "twin serial");
        }
        catch (TwinLinkException e)
        {
            throw new BoardException("twin: " + e.Message);
        }
    }

    /// <summary>Streams for <paramref name="duration"/> (wall clock), stops and drains; returns the envelope samples.</summary>
    public int Stream(TimeSpan duration)
    {
        Session.Start();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            Session.Pump();
            Thread.Sleep(10);
        }

        Session.Stop(TimeSpan.FromSeconds(3));
        return Session.TakeEnvelope().Sum(b => b.SampleCount);
    }

    public void Dispose()
    {
        _pacer.Dispose();
        Session.Dispose();
        Bridge?.Dispose();
        Board.Dispose();
    }
}
