using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Virtual;

/// <summary>
/// The board side of a serial link for the virtual board: what the firmware does over USB-CDC. Commands arrive as
/// COBS packets and are answered with response packets; the board runs in real time (times <paramref name="speed"/>)
/// and its notifications go out as notification packets. For integration tests over a pseudo-terminal pair and for
/// trying the serial transport without hardware.
/// </summary>
public sealed class SerialBoardBridge : IDisposable
{
    /// <summary>Board step (ms): the acquisition block cadence.</summary>
    public const int StepMs = 10;

    private readonly VirtualBoard _board;
    private readonly Stream _stream;
    private readonly double _speed;
    private readonly object _gate = new();
    private readonly Thread _commands, _clock;
    private readonly byte[] _out = new byte[SerialFraming.MaxEncodedLength(SerialFraming.MaxPacketLength)];
    private volatile bool _running = true;

    public SerialBoardBridge(VirtualBoard board, Stream stream, double speed = 1)
    {
        _board = board;
        _stream = stream;
        _speed = speed;
        _commands = new Thread(CommandLoop) { IsBackground = true, Name = "bridge commands" };
        _clock = new Thread(ClockLoop) { IsBackground = true, Name = "bridge clock" };
        _commands.Start();
        _clock.Start();
    }

    /// <summary>When set, commands are read but not answered (to test host timeouts).</summary>
    public bool Mute { get; set; }

    /// <summary>When set, every response is sent corrupted (one byte flipped, so its CRC fails).</summary>
    public bool CorruptResponses { get; set; }

    /// <summary>When set, every response is a valid frame answering another token (a stale or wrong response).</summary>
    public bool WrongToken { get; set; }

    private void CommandLoop()
    {
        var chunk = new byte[1024];
        var reader = new Transport.SerialPacketReader();
        try
        {
            while (_running)
            {
                int n = _stream.Read(chunk, 0, chunk.Length);
                if (n <= 0) break;
                reader.Feed(chunk, n, OnPacket);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    private void OnPacket(byte kind, byte[] command)
    {
        if (kind != SerialFraming.KindCommand || command.Length < 1 || Mute) return;
        byte[] response;
        lock (_gate) response = _board.Execute(command, command.Length);
        if (CorruptResponses) response[^1] ^= 0xFF;
        if (WrongToken) response = Retokened(response);
        Send(SerialFraming.KindResponse, response);
    }

    private static byte[] Retokened(byte[] response)
    {
        var frame = new Frame();
        FrameDecoder.Decode(response, 0, response.Length, frame);
        frame.CommandToken = (frame.CommandToken + 1) & 0xFF;
        var bytes = new byte[ProtocolSpec.MaxFrameLength];
        return bytes[..FrameEncoder.Encode(frame, bytes, 0)];
    }

    private void ClockLoop()
    {
        var wall = Stopwatch.StartNew();
        long startUs = _board.NowUs;
        try
        {
            while (_running)
            {
                Thread.Sleep(StepMs);
                System.Collections.Generic.IReadOnlyList<byte[]> notifications;
                lock (_gate)
                {
                    _board.AdvanceTo(startUs + (long)(wall.Elapsed.Ticks / 10 * _speed));
                    notifications = _board.Link.Drain();
                }

                foreach (byte[] notification in notifications) Send(SerialFraming.KindNotification, notification);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    private void Send(byte kind, byte[] payload)
    {
        lock (_out)
        {
            int n = SerialFraming.Encode(kind, payload, 0, payload.Length, _out, 0);
            _stream.Write(_out, 0, n);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        _running = false;
        _stream.Dispose();
    }
}
