using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Transport;

/// <summary>
/// A connected board as procedures see it (board calibration, MVC capture): commands, a capture of a given length,
/// and the decoded blocks it produced. <see cref="BoardSession"/> implements it for real boards; the simulation
/// assembly implements it for the virtual board, so the procedures never depend on the simulator.
/// </summary>
public interface IBoardClient
{
    /// <summary>How the board is identified: its serial number where known (virtual board), else the transport's
    /// address (the wire protocol carries no serial number).</summary>
    string BoardSerial { get; }

    /// <summary>The board's configuration as last read (channel count, rates, calibration).</summary>
    DeviceConfiguration Configuration { get; }

    /// <summary>Sends <paramref name="build"/>'s command and returns the response; throws when the board refused it.</summary>
    Frame Command(Func<Command, int, Command> build);

    /// <summary>Starts streaming, streams for <paramref name="durationUs"/> of board time, stops and drains the link,
    /// so every sample sent has arrived or is reported as a gap.</summary>
    void Capture(long durationUs);

    /// <summary>Envelope blocks received since the last call, in order.</summary>
    IReadOnlyList<EnvelopeBlock> TakeEnvelope();

    /// <summary>IMU blocks received since the last call, in order.</summary>
    IReadOnlyList<ImuBlock> TakeImu();

    /// <summary>Raw EMG blocks received since the last call, in order.</summary>
    IReadOnlyList<RawBlock> TakeRaw();
}
