using GluteSense.Firmware.Twin.Board;

// nanoFramework's mscorlib members the device app uses and the BCL lacks or implements on the PC's clock: SpanByte
// (a byte-array view), Thread (the twin's CPU and virtual clock, TwinScheduler) and DateTime.UtcNow (the board's
// clock, virtual). Signatures as mscorlib 1.17.11 (its mscorlib.xml lists them); TwinApiTests checks the public ones.
namespace System
{
    /// <summary>nanoFramework's byte span: a view of part of an array (no copy).</summary>
    public readonly struct SpanByte
    {
        private readonly byte[] _array;
        private readonly int _start;
        private readonly int _length;

        /// <summary>A view of the whole array.</summary>
        public SpanByte(byte[] array) : this(array, 0, array == null ? 0 : array.Length) { }

        /// <summary>A view of <paramref name="length"/> bytes from <paramref name="start"/>.</summary>
        public SpanByte(byte[] array, int start, int length)
        {
            if (array == null)
            {
                if (start != 0 || length != 0) throw new ArgumentOutOfRangeException(nameof(start));
            }
            else if (start < 0 || length < 0 || start + length > array.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(start));
            }

            _array = array;
            _start = start;
            _length = length;
        }

        /// <summary>Byte <paramref name="index"/> of the view.</summary>
        public byte this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_length) throw new IndexOutOfRangeException();
                return _array[_start + index];
            }

            set
            {
                if ((uint)index >= (uint)_length) throw new IndexOutOfRangeException();
                _array[_start + index] = value;
            }
        }

        /// <summary>An empty view.</summary>
        public static SpanByte Empty => new SpanByte(null);

        /// <summary>Bytes in the view.</summary>
        public int Length => _length;

        /// <summary>True for an empty view.</summary>
        public bool IsEmpty => _length == 0;

        /// <summary>Copies the view into <paramref name="destination"/> (at least as long).</summary>
        public void CopyTo(SpanByte destination)
        {
            if (destination._length < _length) throw new ArgumentException("destination too short");
            if (_length > 0) Array.Copy(_array, _start, destination._array, destination._start, _length);
        }

        /// <summary>The view from <paramref name="start"/> on.</summary>
        public SpanByte Slice(int start) => new SpanByte(_array, _start + start, _length - start);

        /// <summary><paramref name="length"/> bytes from <paramref name="start"/>.</summary>
        public SpanByte Slice(int start, int length)
        {
            if (start < 0 || length < 0 || start + length > _length) throw new ArgumentOutOfRangeException(nameof(start));
            return new SpanByte(_array, _start + start, length);
        }

        /// <summary>A copy of the viewed bytes.</summary>
        public byte[] ToArray()
        {
            var copy = new byte[_length];
            if (_length > 0) Array.Copy(_array, _start, copy, 0, _length);
            return copy;
        }

        /// <summary>A view of the whole array.</summary>
        public static implicit operator SpanByte(byte[] array) => new SpanByte(array);
    }

    /// <summary>The board's clock as nanoFramework's DateTime gives it: UtcNow follows the twin's virtual time. Only
    /// what the app reads (UtcNow.Ticks); internal, so the rest of the process keeps the BCL's DateTime.</summary>
    internal readonly struct DateTime
    {
        /// <summary>Ticks (100 ns) of 2026-01-01 00:00 UTC: the twin's RTC starts there at power-on.</summary>
        private const long EpochTicks = 639_028_224_000_000_000;

        private DateTime(long ticks) { Ticks = ticks; }

        /// <summary>Now, on the current twin board's clock.</summary>
        public static DateTime UtcNow => new DateTime(EpochTicks + TwinBoot.Current.Scheduler.NowUs * 10);

        /// <summary>100 ns ticks.</summary>
        public long Ticks { get; }
    }
}

namespace System.Threading
{
    /// <summary>
    /// nanoFramework's Thread on the twin: a twin thread runs on its own OS thread but only while it holds the twin's
    /// CPU (one at a time, as the interpreter runs them), and Sleep waits in virtual time (TwinScheduler). Internal: the
    /// device app's sources bind to it, the rest of the process keeps the BCL's Thread.
    /// </summary>
    internal sealed class Thread
    {
        private readonly ThreadStart _start;
        private readonly TwinBoot _boot;

        /// <summary>A thread that will run <paramref name="start"/> on the current twin board.</summary>
        public Thread(ThreadStart start)
        {
            _start = start ?? throw new ArgumentNullException(nameof(start));
            _boot = TwinBoot.Current;
        }

        /// <summary>Scheduling priority (the twin runs threads in wake-up order; kept for the app's code).</summary>
        public ThreadPriority Priority { get; set; } = ThreadPriority.Normal;

        /// <summary>Starts the thread.</summary>
        public void Start() => _boot.Scheduler.Spawn(() => _start(), _boot);

        /// <summary>Blocks the calling twin thread for <paramref name="millisecondsTimeout"/> ms of board time
        /// (Timeout.Infinite: until the board stops).</summary>
        public static void Sleep(int millisecondsTimeout) => TwinBoot.Current.Scheduler.Sleep(millisecondsTimeout);
    }
}
