using System;
using System.IO;
using System.Threading;

namespace GluteSense.Firmware.Twin.Radio
{
    /// <summary>An in-memory serial line: two connected stream ends (what a USB-CDC cable gives the host and the board).
    /// Closing either end ends the line: blocked reads on both ends return 0.</summary>
    public static class TwinSerialLine
    {
        /// <summary>A new line: the host's end and the board's end.</summary>
        public static (Stream Host, Stream Board) Create()
        {
            var toBoard = new ByteQueue();
            var toHost = new ByteQueue();
            return (new End(toHost, toBoard), new End(toBoard, toHost));
        }

        private sealed class ByteQueue
        {
            private readonly object _gate = new object();
            private byte[] _buffer = new byte[4096];
            private int _head, _count;
            private bool _closed;

            public void Write(byte[] data, int offset, int count)
            {
                lock (_gate)
                {
                    if (_closed) throw new IOException("the serial line is closed");
                    if (_count + count > _buffer.Length)
                    {
                        var bigger = new byte[Math.Max(_buffer.Length * 2, _count + count)];
                        for (int i = 0; i < _count; i++) bigger[i] = _buffer[(_head + i) % _buffer.Length];
                        _buffer = bigger;
                        _head = 0;
                    }

                    for (int i = 0; i < count; i++) _buffer[(_head + _count + i) % _buffer.Length] = data[offset + i];
                    _count += count;
                    Monitor.PulseAll(_gate);
                }
            }

            public int Read(byte[] data, int offset, int count)
            {
                lock (_gate)
                {
                    while (_count == 0 && !_closed) Monitor.Wait(_gate);
                    int n = Math.Min(count, _count);
                    for (int i = 0; i < n; i++) data[offset + i] = _buffer[(_head + i) % _buffer.Length];
                    _head = (_head + n) % _buffer.Length;
                    _count -= n;
                    return n;
                }
            }

            public void Close()
            {
                lock (_gate)
                {
                    _closed = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private sealed class End(ByteQueue incoming, ByteQueue outgoing) : Stream
        {
            public override int Read(byte[] buffer, int offset, int count) => incoming.Read(buffer, offset, count);
            public override void Write(byte[] buffer, int offset, int count) => outgoing.Write(buffer, offset, count);
            public override void Flush() { }
            public override bool CanRead => true;
            public override bool CanWrite => true;
            public override bool CanSeek => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                incoming.Close();
                outgoing.Close();
                base.Dispose(disposing);
            }
        }
    }
}
