using System;
using System.IO;

namespace GluteSense.Host.IO;

/// <summary>
/// Reads a text file line by line as UTF-8 bytes through one reused buffer, so memory stays the same however long the
/// file is (the readers never hold a file's text, nor a string per line). Line ends are "\n", "\r\n" or "\r", as
/// <see cref="StreamReader.ReadLine"/> takes them; a UTF-8 byte order mark is skipped.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    /// <summary>Bytes read from the file at a time (the buffer grows only for a longer line).</summary>
    internal const int ChunkBytes = 1 << 20;

    private static readonly byte[] ByteOrderMark = { 0xEF, 0xBB, 0xBF };

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start, _end;
    private bool _endOfFile, _started;

    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    public Utf8LineReader(string path, int chunkBytes = ChunkBytes)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        _buffer = new byte[Math.Max(16, chunkBytes)];
    }

    /// <summary>1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>The size of the one buffer the reader holds (for tests: it must not follow the file's length).</summary>
    public int BufferBytes => _buffer.Length;

    /// <summary>
    /// The next line without its line end, valid until the next call; false at the end of the file.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            int at = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (at >= 0 && (pending[at] == '\n' || at + 1 < pending.Length || _endOfFile))
            {
                int skip = pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? 2 : 1;
                line = pending[..at];
                _start += at + skip;
                LineNumber++;
                return true;
            }

            if (_endOfFile)
            {
                line = pending;
                _start = _end;
                if (pending.IsEmpty)
                {
                    return false;
                }

                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);   // one line longer than the buffer
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _endOfFile = read == 0;
        _end += read;
        if (!_started && _end >= ByteOrderMark.Length || _endOfFile && !_started)
        {
            _started = true;
            if (_buffer.AsSpan(0, _end).StartsWith(ByteOrderMark))
            {
                _start = ByteOrderMark.Length;
            }
        }
    }

    /// <summary>
    /// Lines in <paramref name="path"/> as <see cref="TryReadLine"/> would count them (a last line without a line end
    /// counts), counted in one pass over the bytes without decoding; used to size arrays exactly before reading.
    /// </summary>
    public static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[ChunkBytes];
        long newlines = 0, returns = 0, crlf = 0;
        byte previous = 0, last = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
            newlines += chunk.Count((byte)'\n');
            int r = chunk.Count((byte)'\r');
            returns += r;
            if (r > 0)
            {
                crlf += chunk.Count("\r\n"u8);
            }

            if (previous == '\r' && chunk[0] == '\n')
            {
                crlf++;
            }

            previous = last = chunk[^1];
        }

        long ends = newlines + returns - crlf;
        return ends + (last != '\n' && last != '\r' && stream.Length > 0 ? 1 : 0);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _stream.Dispose();
}
