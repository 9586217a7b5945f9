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

    /// <summary>False after the link dropped (the session reconnects).</summary>
    bool Connected { get; }

    /// <summary>
    /// Sends one command packet and returns the response frame whose token matches, within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="TransportException">Timeout, disconnect, or only malformed/mismatched responses arrived.</exception>
    /// <exception cref="GluteSense.Host.Streaming.ProtocolVersionException">The response is in another major protocol version.</exception>
    byte[] Execute(byte[] packet, int length, TimeSpan timeout);

    /// <summary>Notifications received since the last call, in arrival order.</summary>
    IReadOnlyList<byte[]> DrainNotifications();
}

/// <summary>A transport failure, one line, saying what and where.</summary>
public class TransportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The board answered, with an error code (ProtocolSpec.Err*): the link works, the command was refused.</summary>
public sealed class BoardRefusedException(int errorCode, string message) : TransportException(message)
{
    /// <summary>The board's error code (ProtocolSpec.Err*).</summary>
    public int ErrorCode { get; } = errorCode;
}
