using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GluteSense.Firmware.Twin.Board
{
    /// <summary>Thrown inside a twin thread when the board stops (deep sleep, reboot, power off): ends the thread.</summary>
    public sealed class TwinHaltedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public TwinHaltedException() : base("the twin board stopped") { }
    }

    /// <summary>
    /// The twin's clock and CPU, emulating nanoFramework's interpreter: one managed thread runs at a time and the next
    /// one runs only when it blocks (Thread.Sleep, NativeAfe.ReadBlock, a GATT event handler returning). Time is
    /// virtual: it moves only in <see cref="AdvanceTo"/>, and only when every twin thread is blocked, to the earliest
    /// wake-up (a sleep ending, a block of AFE samples complete). So a run is deterministic and as fast as the PC,
    /// and it cannot show what the ESP32's timing would (a 20 ms quantum preempting a thread mid-statement, an ISR
    /// late): docs in firmware/GluteSense.Firmware/README.md.
    /// </summary>
    public sealed class TwinScheduler
    {
        private readonly object _sync = new object();
        private readonly List<Waiter> _waiters = new List<Waiter>();
        private long _nowUs;
        private int _runnable;
        private bool _cpuBusy;
        private bool _halted;

        [ThreadStatic]
        private static bool t_holdsCpu;

        /// <summary>How long (wall clock) the driver waits for a twin thread to block before it reports a hang.</summary>
        public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(60);

        /// <summary>A scheduler whose clock starts at <paramref name="startUs"/> (a reboot keeps the RTC).</summary>
        public TwinScheduler(long startUs) { _nowUs = startUs; }

        /// <summary>Something that moves with time besides sleeping threads (the AFE converting, the IMU FIFO).</summary>
        public interface IHardware
        {
            /// <summary>The next time (us) something a thread may wait for happens, or long.MaxValue.</summary>
            long NextEventUs(long nowUs);

            /// <summary>Brings the hardware to <paramref name="nowUs"/> (called under the scheduler's lock).</summary>
            void AdvanceTo(long nowUs);
        }

        /// <summary>The hardware advanced with the clock.</summary>
        public IHardware Hardware { get; set; }

        /// <summary>Board time since power-on, us.</summary>
        public long NowUs { get { lock (_sync) return _nowUs; } }

        /// <summary>Unhandled exceptions that ended a twin thread (a healthy run has none).</summary>
        public List<Exception> Faults { get; } = new List<Exception>();

        /// <summary>True once <see cref="Halt"/> ran: every twin thread has ended or ends at its next block.</summary>
        public bool Halted { get { lock (_sync) return _halted; } }

        /// <summary>Starts <paramref name="body"/> as a twin thread (it waits for the CPU first).</summary>
        public void Spawn(Action body, TwinBoot boot)
        {
            lock (_sync)
            {
                if (_halted) return;
                _runnable++;
            }

            Task.Factory.StartNew(() => RunThread(body, boot), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>
        /// Runs <paramref name="handler"/> on the calling (host) thread as nanoFramework's event thread would: when the
        /// twin threads are blocked, holding the CPU, with the board as the current one. Returns false when halted.
        /// </summary>
        public bool RunEvent(Action handler, TwinBoot boot)
        {
            if (t_holdsCpu)
            {
                handler();   // raised from a twin thread itself: it already has the CPU
                return true;
            }

            try
            {
                lock (_sync)
                {
                    if (_halted) return false;
                    _runnable++;
                    AcquireCpu();
                }
            }
            catch (TwinHaltedException)
            {
                return false;
            }

            TwinBoot previous = TwinBoot.CurrentOrNull;
            TwinBoot.CurrentOrNull = boot;
            try
            {
                handler();
            }
            catch (TwinHaltedException)
            {
            }
            catch (Exception e)
            {
                lock (_sync) Faults.Add(e);
            }
            finally
            {
                TwinBoot.CurrentOrNull = previous;
                ReleaseCpu();
            }

            return true;
        }

        /// <summary>Blocks the calling twin thread until <paramref name="wakeUs"/> (board time) or until
        /// <paramref name="ready"/> (checked under the lock whenever time moves) is true.</summary>
        public void Block(long wakeUs, Func<bool> ready)
        {
            lock (_sync)
            {
                if (_halted) throw new TwinHaltedException();
                var w = new Waiter { WakeUs = wakeUs, Ready = ready };
                if (!IsDue(w))
                {
                    _waiters.Add(w);
                    _cpuBusy = false;
                    t_holdsCpu = false;
                    _runnable--;
                    Monitor.PulseAll(_sync);
                    while (!w.Woken && !_halted) Monitor.Wait(_sync);
                    if (_halted)
                    {
                        // Woken just before the halt: it was counted runnable, and it will not run.
                        if (w.Woken) _runnable--;
                        else _waiters.Remove(w);
                        Monitor.PulseAll(_sync);
                        throw new TwinHaltedException();
                    }

                    AcquireCpu();
                }
            }
        }

        /// <summary>Sleeps the calling twin thread (Thread.Sleep); <see cref="Timeout.Infinite"/> until halted.</summary>
        public void Sleep(int milliseconds)
        {
            long wake = milliseconds < 0 ? long.MaxValue : NowUs + 1000L * milliseconds;
            Block(wake, null);
        }

        /// <summary>Wakes waiters whose condition may have changed (after a host event changed the hardware).</summary>
        public void Poke()
        {
            lock (_sync)
            {
                WakeDue();
                Monitor.PulseAll(_sync);
            }
        }

        /// <summary>
        /// Moves board time to <paramref name="targetUs"/>: lets every runnable thread run until it blocks, then jumps
        /// to the next wake-up, and so on. Returns when all threads are blocked at <paramref name="targetUs"/>.
        /// </summary>
        public void AdvanceTo(long targetUs)
        {
            lock (_sync)
            {
                while (true)
                {
                    WaitRunnableZero(HangTimeout, respectHalt: true);
                    if (_nowUs >= targetUs)
                    {
                        break;
                    }

                    long next = targetUs;
                    foreach (Waiter w in _waiters)
                    {
                        if (!w.Woken && w.WakeUs < next) next = w.WakeUs;
                    }

                    if (Hardware != null && !_halted)
                    {
                        long h = Hardware.NextEventUs(_nowUs);
                        if (h < next) next = h;
                    }

                    _nowUs = next > _nowUs ? next : _nowUs + 1;
                    if (Hardware != null && !_halted) Hardware.AdvanceTo(_nowUs);
                    if (!_halted) WakeDue();
                    Monitor.PulseAll(_sync);
                }
            }
        }

        /// <summary>Stops the board: every blocked twin thread ends (TwinHaltedException), no new one starts.</summary>
        public void Halt()
        {
            lock (_sync)
            {
                _halted = true;
                Monitor.PulseAll(_sync);
            }
        }

        /// <summary>After <see cref="Halt"/>: waits (wall clock, at most <paramref name="timeout"/>) until no twin thread
        /// runs any more; false when one is still running app code.</summary>
        public bool WaitStopped(TimeSpan timeout)
        {
            lock (_sync)
            {
                try
                {
                    WaitRunnableZero(timeout, respectHalt: false);
                    return true;
                }
                catch (TimeoutException)
                {
                    return false;
                }
            }
        }

        // Under _sync: until no twin thread is runnable (or halted, when respected); a thread that never blocks is a hang.
        private void WaitRunnableZero(TimeSpan timeout, bool respectHalt)
        {
            long until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (_runnable > 0 && !(respectHalt && _halted))
            {
                long left = until - Environment.TickCount64;
                if (left <= 0) throw new TimeoutException("a twin thread ran " + timeout.TotalSeconds + " s without blocking");
                Monitor.Wait(_sync, (int)Math.Min(left, int.MaxValue));
            }
        }

        private void RunThread(Action body, TwinBoot boot)
        {
            TwinBoot.CurrentOrNull = boot;
            try
            {
                lock (_sync) AcquireCpu();
                body();
            }
            catch (TwinHaltedException)
            {
            }
            catch (Exception e)
            {
                lock (_sync) Faults.Add(e);
            }
            finally
            {
                ReleaseCpu();
            }
        }

        // A thread that holds the CPU gives it back and stops counting as runnable (it ends or returns to the host).
        private void ReleaseCpu()
        {
            if (!t_holdsCpu) return;
            lock (_sync)
            {
                t_holdsCpu = false;
                _cpuBusy = false;
                _runnable--;
                Monitor.PulseAll(_sync);
            }
        }

        // Under _sync: waits until no other thread holds the CPU, then takes it.
        private void AcquireCpu()
        {
            while (_cpuBusy && !_halted) Monitor.Wait(_sync);
            if (_halted)
            {
                // Still counted as runnable by the caller's bookkeeping: give the slot back before leaving.
                _runnable--;
                Monitor.PulseAll(_sync);
                throw new TwinHaltedException();
            }

            _cpuBusy = true;
            t_holdsCpu = true;
        }

        private void WakeDue()
        {
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                Waiter w = _waiters[i];
                if (IsDue(w))
                {
                    w.Woken = true;
                    _runnable++;
                    _waiters.RemoveAt(i);
                }
            }
        }

        private bool IsDue(Waiter w) => w.WakeUs <= _nowUs || (w.Ready != null && w.Ready());

        private sealed class Waiter
        {
            public long WakeUs;
            public Func<bool> Ready;
            public bool Woken;
        }
    }
}
