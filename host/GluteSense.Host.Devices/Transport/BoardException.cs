using System;

namespace GluteSense.Host.Transport;

/// <summary>
/// Anything that went wrong between the host and a board, in one line saying what and where: the base of the board
/// errors (also thrown as is when a connection cannot be made: no port, no adapter, no bond). Catch it to handle every
/// board failure; catch a subclass to handle one kind.
/// </summary>
public class BoardException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The board answered with an error code (ProtocolSpec.Err*): the link works, the command was refused and
/// changed nothing.</summary>
public sealed class BoardRefusedException(int errorCode, string message) : BoardException(message)
{
    /// <summary>The board's error code (ProtocolSpec.Err*).</summary>
    public int ErrorCode { get; } = errorCode;
}

/// <summary>No answer to a command within the session's command timeout.</summary>
public sealed class BoardTimeoutException(string message) : BoardException(message);

/// <summary>Something arrived, but not a valid answer to the command: corrupt (CRC, framing) or answering another token
/// or command.</summary>
public sealed class BoardResponseException(string message) : BoardException(message);

/// <summary>The link is down (dropped, closed, or a write failed); the session reconnects where it can.</summary>
public sealed class BoardDisconnectedException(string message, Exception? inner = null) : BoardException(message, inner);
