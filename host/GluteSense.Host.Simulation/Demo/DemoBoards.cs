using System;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Host.Simulation;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Demo;

/// <summary>One trial's board as the demo records it: the session it streams through and the EMG chain it runs (for
/// the stored stream's signal-chain description).</summary>
/// <param name="Session">Connected, not streaming.</param>
/// <param name="Pipeline">The board's EMG chain (settings and sections) for the configuration it reported.</param>
/// <param name="Owner">What else to dispose with the session (a twin board), or null.</param>
public sealed record DemoBoard(BoardSession Session, EmgPipeline Pipeline, IDisposable? Owner = null) : IDisposable
{
    /// <summary>Closes the session, then the owner.</summary>
    public void Dispose()
    {
        Session.Dispose();
        Owner?.Dispose();
    }
}

/// <summary>Where the demo's boards come from: the virtual board (<see cref="Virtual"/>) or the device-app twin (the
/// CLI's <c>--board twin</c>). Each trial gets a fresh board whose electrodes see that trial's simulated recording.</summary>
public abstract class DemoBoards
{
    /// <summary>The virtual board over the demo's lossy simulated link, on simulated time.</summary>
    public static DemoBoards Virtual { get; } = new VirtualDemoBoards();

    /// <summary>The board's serial as the store records it.</summary>
    public abstract string Serial { get; }

    /// <summary>The session note in the store (says the data are simulated, and on what).</summary>
    public abstract string SessionNote { get; }

    /// <summary>A connected board for one trial.</summary>
    public abstract DemoBoard Open(SimulatedRecording recording);

    private sealed class VirtualDemoBoards : DemoBoards
    {
        // The serial every trial's virtual board gets (VirtualBoard's default).
        private const string BoardSerial = "GS-VIRTUAL-0001";

        public override string Serial => BoardSerial;

        public override string SessionNote => "glutesense demo (simulated)";

        public override DemoBoard Open(SimulatedRecording recording)
        {
            var board = new VirtualBoard(new SimulatedSignalSource(recording), ClinicDemo.Link, BoardSerial);
            return new DemoBoard(VirtualTransport.Session(board), board.Runtime.Pipeline);
        }
    }
}
