using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Twin.Board;

namespace GluteSense.Firmware.Twin.Radio
{
    /// <summary>
    /// The twin's serial port (PROTOCOL.md section 12). The device app has no serial transport of its own (its only
    /// link is its GATT server), so this bridge plays a USB-serial-to-BLE dongle bonded to the board: it connects as a
    /// central, exchanges the MTU, pairs with the board's passkey, subscribes, writes every command packet (kind 2) to
    /// the control characteristic, sends data notifications as they come (kind 1) and response frames reassembled from
    /// the response characteristic's fragments (kind 3). Everything the board does still goes through its GATT server.
    /// </summary>
    public sealed class TwinSerialBridge : IDisposable
    {
        /// <summary>The bridge's Bluetooth address (a bond is keyed on it).</summary>
        public const ulong BridgeAddress = 0x0000_C0FF_EE00_0002;

        private readonly TwinBoard _board;
        private readonly Stream _stream;
        private readonly object _writeGate = new object();
        private readonly FragmentReassembler _responses = new FragmentReassembler();
        private readonly byte[] _encoded = new byte[SerialFraming.MaxEncodedLength(SerialFraming.MaxPacketLength)];
        private readonly Task _reader;
        private volatile bool _running = true;

        /// <summary>Connects to <paramref name="board"/> (which must advertise) with MTU <paramref name="attMtu"/>,
        /// pairs with <paramref name="passkey"/> and serves <paramref name="stream"/> (the board's end of the line).</summary>
        public TwinSerialBridge(TwinBoard board, Stream stream, int attMtu, int passkey)
        {
            _board = board;
            _stream = stream;
            Link = new TwinCentral(BridgeAddress, attMtu).Connect(board);
            Link.Received += OnReceived;
            Link.ExchangeMtu(attMtu);
            if (!Link.Authenticated) Link.Pair(passkey);
            Check(Link.Subscribe(new Guid(ProtocolSpec.DataCharacteristicUuid), true), "subscribe to data");
            Check(Link.Subscribe(new Guid(ProtocolSpec.ResponseCharacteristicUuid), true), "subscribe to responses");
            _reader = Task.Factory.StartNew(ReadLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>The bridge's BLE link to the board (fault injection, MTU).</summary>
        public TwinLink Link { get; }

        /// <summary>Command writes the board refused at the ATT layer (protection level, unknown characteristic).</summary>
        public int RefusedWrites { get; private set; }

        private static void Check(byte attError, string what)
        {
            if (attError != 0) throw new TwinLinkException($"{what}: ATT error 0x{attError:x2}");
        }

        private void OnReceived(Guid characteristic, byte[] value)
        {
            if (characteristic == new Guid(ProtocolSpec.DataCharacteristicUuid))
            {
                Send(SerialFraming.KindNotification, value, value.Length);
            }
            else if (characteristic == new Guid(ProtocolSpec.ResponseCharacteristicUuid))
            {
                lock (_responses)
                {
                    if (_responses.Add(value, 0, value.Length)) Send(SerialFraming.KindResponse, _responses.CompletedFrame, _responses.CompletedLength);
                }
            }
        }

        private void Send(byte kind, byte[] data, int length)
        {
            lock (_writeGate)
            {
                if (!_running) return;
                try
                {
                    int n = SerialFraming.Encode(kind, data, 0, length, _encoded, 0);
                    _stream.Write(_encoded, 0, n);
                    _stream.Flush();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    _running = false;
                }
            }
        }

        private void ReadLoop()
        {
            var chunk = new byte[1024];
            var packet = new List<byte>();
            var decoded = new byte[SerialFraming.MaxPacketLength + 1];
            try
            {
                while (_running)
                {
                    int n = _stream.Read(chunk, 0, chunk.Length);
                    if (n <= 0) break;
                    for (int i = 0; i < n; i++)
                    {
                        if (chunk[i] != SerialFraming.Delimiter)
                        {
                            packet.Add(chunk[i]);
                            continue;
                        }

                        byte[] encoded = packet.ToArray();
                        packet.Clear();
                        int length = encoded.Length > decoded.Length ? -1 : SerialFraming.Decode(encoded, 0, encoded.Length, decoded);
                        if (length > 1 && decoded[0] == SerialFraming.KindCommand) Execute(decoded, length);
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or TwinLinkException)
            {
            }
        }

        private void Execute(byte[] decoded, int length)
        {
            byte[] command = new byte[length - 1];
            Array.Copy(decoded, 1, command, 0, command.Length);
            if (Link.Write(new Guid(ProtocolSpec.ControlCharacteristicUuid), command) != 0) RefusedWrites++;
        }

        /// <summary>Disconnects from the board and stops serving the line.</summary>
        public void Dispose()
        {
            _running = false;
            Link.Disconnect();
            _stream.Dispose();
        }
    }

    /// <summary>Runs a twin board's clock at wall-clock pace x <paramref name="speed"/> on a background thread (for
    /// hosts whose own timing is real: BoardSession's timeouts, the mock BlueZ).</summary>
    public sealed class TwinPacer : IDisposable
    {
        private const int StepMs = 5;
        private readonly Task _task;
        private volatile bool _running = true;

        /// <summary>Starts pacing <paramref name="board"/>.</summary>
        public TwinPacer(TwinBoard board, double speed = 1)
        {
            _task = Task.Factory.StartNew(() =>
            {
                var wall = System.Diagnostics.Stopwatch.StartNew();
                long startUs = board.NowUs;
                while (_running)
                {
                    try
                    {
                        board.AdvanceTo(startUs + (long)(wall.Elapsed.Ticks / 10 * speed));
                    }
                    catch (Exception e) when (e is ObjectDisposedException or TimeoutException)
                    {
                        Failure = e;
                        return;
                    }

                    Task.Delay(StepMs).Wait();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>Why pacing stopped early (a hang), or null.</summary>
        public Exception Failure { get; private set; }

        /// <summary>Stops pacing (the board keeps its state).</summary>
        public void Dispose()
        {
            _running = false;
            _task.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
