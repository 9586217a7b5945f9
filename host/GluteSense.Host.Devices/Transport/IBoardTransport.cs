using System;
using System.Collections.Generic;

namespace GluteSense.Host.Transport;

/// <summary>
/// One connection to a board, whatever carries it (BLE through BlueZ, serial, the virtual board): command packets out,
/// response frames back, data-characteristic notifications in. The session above it (<see cref="BoardSession"/>)
/// does not know which transport it has.
/// </summary>
public interface IBoardTransport : IDisposable
{
    /// <summary>What the connection is, for messages ("serial /dev/ttyACM0", "virtual GS-VIRTUAL-0001").</summary>
    string Description { get; }

    /// <summary>How the board is identified: its serial number where the link knows it (the virtual board), else the
    /// connection (the wire protocol carries no serial number).</summary>
    string BoardId => Description;

    /// <summary>False after the link dropped (the session reconnects).</summary>
    bool Connected { get; }

    /// <summary>
    /// Sends one command packet and returns the response frame whose token matches, within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="BoardTimeoutException">No response within the timeout.</exception>
    /// <exception cref="BoardResponseException">Only malformed or mismatched responses arrived.</exception>
    /// <exception cref="BoardDisconnectedException">The link is down or dropped while waiting.</exception>
    /// <exception cref="GluteSense.Host.Streaming.ProtocolVersionException">The response is in another major protocol version.</exception>
    byte[] Execute(byte[] packet, int length, TimeSpan timeout);

    /// <summary>Notifications received since the last call, in arrival order.</summary>
    IReadOnlyList<byte[]> DrainNotifications();
}
