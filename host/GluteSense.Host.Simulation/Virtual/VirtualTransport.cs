using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Virtual;

/// <summary>
/// The virtual board behind <see cref="IBoardTransport"/>, so a <see cref="BoardSession"/> runs on it exactly as on
/// a real board. The board and its <see cref="Link.SimulatedLink"/> run on the session's <see cref="SessionClock"/>:
/// every call first advances the board to the clock's time (acquisition blocks, IMU bursts, status frames), then
/// drains what the link delivered by then. Commands go the way the device app answers them, through the runtime's
/// response publisher in fragments at the link's MTU, reassembled here; control writes are acknowledged by the ATT
/// layer, so commands and responses are not lost. While one of the link's disconnections lasts the transport is not
/// connected and <see cref="Connect"/> fails, so the session's reconnect path runs too.
/// </summary>
public sealed class VirtualTransport : IBoardTransport
{
    private readonly SessionClock _clock;
    private readonly long _originUs;
    private readonly FragmentReassembler _responses = new();
    private bool _closed;

    private VirtualTransport(VirtualBoard board, SessionClock clock)
    {
        Board = board;
        _clock = clock;
        // The board's clock keeps running across connections: it continues from where it stands.
        _originUs = board.NowUs - clock.ElapsedUs;
    }

    /// <summary>Connects to <paramref name="board"/> at the time of <paramref name="clock"/>.</summary>
    /// <exception cref="BoardDisconnectedException">The link is in one of its disconnections.</exception>
    public static VirtualTransport Connect(VirtualBoard board, SessionClock clock)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(clock);
        var transport = new VirtualTransport(board, clock);
        if (!transport.Connected) throw new BoardDisconnectedException($"virtual {board.Serial}: out of range (simulated disconnection)");
        return transport;
    }

    /// <summary>A session on <paramref name="board"/> over this transport, on <paramref name="clock"/> (default: a
    /// new <see cref="SimulatedClock"/>, as fast as the machine allows).</summary>
    public static BoardSession Session(VirtualBoard board, SessionClock? clock = null)
    {
        SessionClock time = clock ?? new SimulatedClock();
        return new BoardSession(() => Connect(board, time), clock: time);
    }

    /// <summary>The board.</summary>
    public VirtualBoard Board { get; }

    /// <summary>When set, commands reach the board but no response comes back (to test timeouts).</summary>
    public bool Mute { get; set; }

    /// <summary>When set, every response arrives corrupted (one byte flipped, so its CRC fails).</summary>
    public bool CorruptResponses { get; set; }

    /// <inheritdoc />
    public string Description => "virtual " + Board.Serial;

    /// <inheritdoc />
    public string BoardId => Board.Serial;

    /// <inheritdoc />
    public bool Connected
    {
        get
        {
            Advance();
            return !_closed && !Board.Link.IsDisconnected(NowUs);
        }
    }

    private long NowUs => _originUs + _clock.ElapsedUs;

    /// <inheritdoc />
    public byte[] Execute(byte[] packet, int length, TimeSpan timeout)
    {
        string what = $"{Description}: command 0x{packet[1]:x2} token {packet[2]}";
        if (!Connected) throw new BoardDisconnectedException(what + ": not connected");
        IReadOnlyList<byte[]> fragments = Board.ExecuteAsNotifications(packet, length);
        byte[]? response = null;
        foreach (byte[] fragment in fragments)
        {
            if (!_responses.Add(fragment, 0, fragment.Length)) continue;
            response = _responses.CompletedFrame.AsSpan(0, _responses.CompletedLength).ToArray();
        }

        if (response != null && CorruptResponses) response[^1] ^= 0xFF;
        var frame = new Frame();
        bool valid = response != null && !Mute && FrameDecoder.Decode(response, 0, response.Length, frame) == DecodeStatus.Ok
            && frame.FrameType == ProtocolSpec.FrameTypeCommandResponse && frame.CommandToken == packet[2];
        if (valid) return response!;

        // What a real link does with no valid answer: the host waits out the timeout.
        _clock.Wait(timeout);
        string within = $"within {timeout.TotalMilliseconds:0} ms";
        if (Mute || response == null) throw new BoardTimeoutException($"{what}: no response {within}");
        throw new BoardResponseException($"{what}: only 1 malformed or mismatched response(s) arrived {within}");
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> DrainNotifications()
    {
        Advance();
        return Board.Link.Drain();
    }

    // Runs the board (and its link) up to the clock's time; during a disconnection what the link had queued is lost.
    private void Advance()
    {
        if (NowUs > Board.NowUs) Board.AdvanceTo(NowUs);
        if (Board.Link.IsDisconnected(NowUs)) Board.Link.Drain();
    }

    /// <summary>Closes the connection (the board keeps running).</summary>
    public void Dispose() => _closed = true;
}
