extern alias twin;
using System;
using System.IO;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Simulation;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Cli.Commands;

/// <summary>
/// <c>glutesense demo --board twin</c>: every trial on a fresh device-app twin (the app's own code on the emulated
/// nanoFramework APIs, firmware/GluteSense.Firmware/README.md) whose electrodes and IMU see the trial's simulated
/// recording, reached over an in-memory serial line (the twin's GATT-to-serial bridge, bonded with the board's
/// passkey, MTU as the demo's link) by SerialTransport and BoardSession. No D-Bus daemon is needed. The session's
/// clock is the twin's: waiting runs the board, so the demo runs as fast as the machine allows and the same every time.
/// </summary>
internal sealed class TwinDemoBoards : DemoBoards
{
    private const string BoardSerial = "GS-TWIN-0001";

    public override string Serial => BoardSerial;

    public override string SessionNote => "glutesense demo (simulated, device-app twin)";

    public override DemoBoard Open(SimulatedRecording recording)
    {
        var board = new TwinBoard(new SimulatedSignalSource(recording));
        board.PowerOnAndWaitAdvertising();
        var clock = new TwinClock(board);
        IBoardTransport Connect()
        {
            (Stream host, Stream boardEnd) = TwinSerialLine.Create();
            try
            {
                var bridge = new TwinSerialBridge(board, boardEnd, ClinicDemo.Link.AttMtu, TwinBoard.DefaultPasskey);
                return new TwinTransport(new SerialTransport(host, "twin serial " + BoardSerial), bridge);
            }
            catch (TwinLinkException e)
            {
                throw new BoardDisconnectedException("twin: " + e.Message, e);
            }
        }

        var session = new BoardSession(Connect, clock: clock);
        // The board samples the electrodes at the recording's rate (set_emg_rate, as a clinician's host would).
        session.SetEmgRate(recording.Settings.EmgRateHz);
        DeviceConfiguration config = session.GetConfig();
        return new DemoBoard(session, ChainOf(config), board);
    }

    // The chain the firmware core derives from the configuration the board reported (the twin runs the same core).
    private static EmgPipeline ChainOf(DeviceConfiguration reported)
    {
        var bytes = new byte[ProtocolSpec.ConfigLength];
        int n = reported.Write(bytes, 0);
        var copy = new DeviceConfiguration();
        copy.Read(bytes, 0, n);
        var nowhere = new Nowhere();
        return new BoardRuntime(copy, new FramePublisher(nowhere, ProtocolSpec.AttMtuDefault), nowhere, nowhere, reported.ChannelCount).Pipeline;
    }

    private sealed class Nowhere : INotificationSink, IDeviceClock
    {
        public void Send(byte[] buffer, int offset, int length)
        {
        }

        public uint NowUs() => 0;
    }

    /// <summary>The twin's board time as the session's clock: waiting runs the board for that long.</summary>
    private sealed class TwinClock(TwinBoard board) : SessionClock
    {
        private readonly long _startUs = board.NowUs;

        public override TimeSpan Elapsed => TimeSpan.FromTicks((board.NowUs - _startUs) * TimeSpan.TicksPerMicrosecond);

        public override void Wait(TimeSpan duration)
        {
            if (duration > TimeSpan.Zero) board.RunFor(duration.Ticks / TimeSpan.TicksPerMicrosecond);
        }
    }

    /// <summary>The serial transport, closing the bridge with it.</summary>
    private sealed class TwinTransport(SerialTransport serial, TwinSerialBridge bridge) : IBoardTransport
    {
        public string Description => serial.Description;

        public string BoardId => BoardSerial;

        public bool Connected => serial.Connected;

        public byte[] Execute(byte[] packet, int length, TimeSpan timeout) => serial.Execute(packet, length, timeout);

        public System.Collections.Generic.IReadOnlyList<byte[]> DrainNotifications() => serial.DrainNotifications();

        public void Dispose()
        {
            serial.Dispose();
            bridge.Dispose();
        }
    }
}
