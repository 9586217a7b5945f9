using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Ports;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Transport;

/// <summary>
/// The protocol over a serial line (USB-CDC or UART) with COBS framing (<see cref="SerialFraming"/>, PROTOCOL.md
/// section 9). A reader thread splits the byte stream at delimiters: notifications are queued, responses matched to
/// the waiting command by token. Malformed packets are counted and skipped (the next delimiter resynchronises).
/// </summary>
public sealed class SerialTransport : IBoardTransport
{
    /// <summary>Baud rate of the board's UART (USB-CDC ignores it): 921600 carries raw mode at 2 kHz x 4 channels.</summary>
    public const int DefaultBaudRate = 921_600;

    private readonly Stream _stream;
    private readonly IDisposable? _owner;
    private readonly Thread _reader;
    private readonly TransportInbox _inbox = new();
    private readonly Queue<byte[]> _responses = new();
    private readonly byte[] _encoded = new byte[SerialFraming.MaxEncodedLength(SerialFraming.MaxPacketLength)];
    private volatile bool _connected = true;
    private int _unknownKinds;

    /// <summary>Runs over any byte stream (a serial port's, a pipe's in tests).</summary>
    public SerialTransport(Stream stream, string description, IDisposable? owner = null)
    {
        _stream = stream;
        _owner = owner;
        Description = description;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "serial reader" };
        _reader.Start();
    }

    /// <summary>Opens a serial port (8N1, no flow control).</summary>
    public static SerialTransport Open(string portName, int baudRate = DefaultBaudRate)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None, ReadTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            port.Dispose();
            throw new BoardException($"cannot open serial port {portName}: {e.Message}", e);
        }

        return new SerialTransport(port.BaseStream, "serial " + portName, port);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool Connected => _connected;

    /// <summary>Packets that failed COBS decoding or had an unknown kind.</summary>
    public int MalformedPackets { get; private set; }

    /// <inheritdoc />
    public byte[] Execute(byte[] packet, int length, TimeSpan timeout)
    {
        if (!_connected) throw new BoardDisconnectedException(Description + ": not connected");
        int token = packet[2];
        _inbox.Update(_responses.Clear);
        int n = SerialFraming.Encode(SerialFraming.KindCommand, packet, 0, length, _encoded, 0);
        try
        {
            _stream.Write(_encoded, 0, n);
            _stream.Flush();
        }
        catch (IOException e)
        {
            _connected = false;
            throw new BoardDisconnectedException(Description + ": write failed: " + e.Message, e);
        }

        int mismatched = 0;
        return _inbox.WaitFor(() =>
        {
            while (_responses.Count > 0)
            {
                byte[] response = _responses.Dequeue();
                var frame = new Frame();
                DecodeStatus status = FrameDecoder.Decode(response, 0, response.Length, frame);
                if (status == DecodeStatus.UnsupportedMajorVersion)
                {
                    // Not a corrupt packet: the board speaks another major version and nothing it says can be read.
                    throw new ProtocolVersionException(frame.VersionMajor, frame.VersionMinor);
                }

                if (status == DecodeStatus.Ok
                    && frame.FrameType == ProtocolSpec.FrameTypeCommandResponse && frame.CommandToken == token)
                {
                    return response;
                }

                mismatched++;
            }

            return null;
        }, timeout, () => _connected, () => mismatched > 0 ? $"only {mismatched} malformed or mismatched response(s) arrived" : null,
            $"{Description}: command 0x{packet[1]:x2} token {token}");
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> DrainNotifications() => _inbox.Drain();

    private void ReadLoop()
    {
        var chunk = new byte[4096];
        var reader = new SerialPacketReader();
        try
        {
            while (true)
            {
                int n = _stream.Read(chunk, 0, chunk.Length);
                if (n <= 0) break;
                reader.Feed(chunk, n, Deliver);
                MalformedPackets = reader.Malformed + _unknownKinds;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The port went away: the session sees Connected == false and reconnects.
        }

        _connected = false;
        _inbox.Update();
    }

    private void Deliver(byte kind, byte[] payload)
    {
        if (kind == SerialFraming.KindNotification) _inbox.AddNotification(payload);
        else if (kind == SerialFraming.KindResponse) _inbox.Update(() => _responses.Enqueue(payload));
        else _unknownKinds++;
    }

    /// <summary>Closes the port; the reader thread ends with it.</summary>
    public void Dispose()
    {
        _connected = false;
        _owner?.Dispose();
        _stream.Dispose();
    }
}
