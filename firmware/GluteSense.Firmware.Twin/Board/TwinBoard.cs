using System;
using GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Firmware.Twin.Board
{
    /// <summary>One run of the device app from reset: its threads, its clock, its RAM state (the BLE stack).</summary>
    public sealed class TwinBoot
    {
        [ThreadStatic]
        private static TwinBoot t_current;

        internal TwinBoot(TwinBoard board, long startUs)
        {
            Board = board;
            Scheduler = new TwinScheduler(startUs) { Hardware = board.Hardware };
            Ble = new TwinBleStack(this);
        }

        /// <summary>The board.</summary>
        public TwinBoard Board { get; }

        /// <summary>This boot's threads and clock.</summary>
        public TwinScheduler Scheduler { get; }

        /// <summary>This boot's Bluetooth stack.</summary>
        public TwinBleStack Ble { get; }

        /// <summary>The boot the calling twin thread (or event) belongs to.</summary>
        public static TwinBoot Current => t_current ?? throw new InvalidOperationException("not on a twin board's thread");

        internal static TwinBoot CurrentOrNull { get => t_current; set => t_current = value; }
    }

    /// <summary>What the board is doing.</summary>
    public enum TwinPowerState
    {
        /// <summary>Running the app.</summary>
        Running,
        /// <summary>Deep sleep until the wake-up pin.</summary>
        DeepSleep,
        /// <summary>Powered off (disposed).</summary>
        Off,
    }

    /// <summary>
    /// The device app's twin: <c>GluteSense.Firmware.Program.Main</c> (the app's own code, unchanged) running on
    /// emulated nanoFramework APIs over <see cref="TwinHardware"/>, with a virtual clock (<see cref="TwinScheduler"/>)
    /// that moves only in <see cref="AdvanceTo"/>/<see cref="RunFor"/>. Reached from a host through
    /// <see cref="TwinCentral"/>/<see cref="TwinLink"/> (what a Bluetooth adapter does) or <see cref="TwinSerialBridge"/>.
    /// Bonds and the stored passkey survive reboots and deep sleep; RAM state does not.
    /// </summary>
    public sealed class TwinBoard : IDisposable
    {
        /// <summary>Boot time budget the tests give the app before it advertises: AFE power-up and reset waits, IMU
        /// start-up, generous (board time, not wall time).</summary>
        public const long StartUpUs = 2_000_000;

        /// <summary>The wake-up GPIO the app may arm (the button, GPIO39; pressed pulls it low).</summary>
        private const int WakeButtonGpio = 39;

        private readonly object _gate = new object();
        private TwinBoot _boot;
        private ulong _wakePin;
        private int _wakeLevel;

        /// <summary>A board with <paramref name="sensors"/> (null: all zero) and the passkey set at flashing.</summary>
        public TwinBoard(GluteSense.Host.Virtual.IVirtualSignalSource sensors = null, int passkey = DefaultPasskey)
        {
            Hardware = new TwinHardware(sensors);
            StoredPasskey = passkey;
            _boot = new TwinBoot(this, 0);
        }

        /// <summary>The passkey the factory flashes when none is given (tests; a real board gets its own).</summary>
        public const int DefaultPasskey = 428571;

        /// <summary>The board the calling twin thread belongs to.</summary>
        public static TwinBoard Current => TwinBoot.Current.Board;

        /// <summary>The hardware (chips, pins, battery).</summary>
        public TwinHardware Hardware { get; }

        /// <summary>Bonds in the controller's non-volatile store.</summary>
        public TwinBondStore Bonds { get; } = new TwinBondStore();

        /// <summary>The passkey in the board's non-volatile store (written at flashing, printed on the label); negative: no
        /// entry. A value above 999999 models a bad provisioning the app must refuse.</summary>
        public int StoredPasskey { get; set; }

        /// <summary>Boots so far (1 after <see cref="PowerOn"/>; more after reboots and wake-ups).</summary>
        public int Boots { get; private set; }

        /// <summary>Running, asleep or off.</summary>
        public TwinPowerState State { get; private set; } = TwinPowerState.Off;

        /// <summary>The current boot.</summary>
        public TwinBoot Boot { get { lock (_gate) return _boot; } }

        /// <summary>The current boot's scheduler.</summary>
        public TwinScheduler Scheduler => Boot.Scheduler;

        /// <summary>The current boot's Bluetooth stack.</summary>
        public TwinBleStack Ble => Boot.Ble;

        /// <summary>Board time, us.</summary>
        public long NowUs => Scheduler.NowUs;

        /// <summary>Starts the app (Program.Main on the main thread).</summary>
        public void PowerOn()
        {
            lock (_gate)
            {
                if (State == TwinPowerState.Running) return;
                if (Boots > 0)
                {
                    _boot = new TwinBoot(this, _boot.Scheduler.NowUs);
                    Hardware.Native.ChipReset();   // a reboot or wake-up resets the ESP32: the module's RAM is gone
                }

                Boots++;
                State = TwinPowerState.Running;
                TwinBoot boot = _boot;
                boot.Scheduler.Spawn(GluteSense.Firmware.Program.Main, boot);
            }
        }

        /// <summary>Powers on and runs until the app advertises (at most <see cref="StartUpUs"/> of board time).</summary>
        public void PowerOnAndWaitAdvertising()
        {
            PowerOn();
            long until = NowUs + StartUpUs;
            while (!Ble.Advertising && NowUs < until) RunFor(10_000);
            if (!Ble.Advertising) throw new InvalidOperationException("the twin did not advertise within " + StartUpUs / 1000 + " ms: " + FaultText());
        }

        /// <summary>Runs board time forward by <paramref name="us"/>.</summary>
        public void RunFor(long us) => AdvanceTo(NowUs + us);

        /// <summary>Runs board time to <paramref name="targetUs"/> (through reboots and wake-ups).</summary>
        public void AdvanceTo(long targetUs)
        {
            while (true)
            {
                if (State == TwinPowerState.DeepSleep && (_wakePin & (1UL << WakeButtonGpio)) != 0 && Hardware.ButtonPressed == (_wakeLevel == 0))
                {
                    PowerOn();   // the wake-up pin restarts the chip
                }

                TwinBoot boot = Boot;
                boot.Scheduler.AdvanceTo(targetUs);
                if (ReferenceEquals(boot, Boot) && boot.Scheduler.NowUs >= targetUs) return;
            }
        }

        /// <summary>Unhandled exceptions of the app's threads, one per line ("" when none).</summary>
        public string FaultText()
        {
            var text = new System.Text.StringBuilder();
            foreach (Exception e in Scheduler.Faults) text.AppendLine(e.GetType().Name + ": " + e.Message);
            return text.ToString();
        }

        internal void EnableWakeupByPin(ulong pinMask, int level)
        {
            _wakePin = pinMask;
            _wakeLevel = level;
        }

        // Called on a twin thread: every thread of this boot ends, the radio goes quiet; the RTC keeps counting.
        // The next boot is in place before the old one halts: the driver, which waits for this thread to block,
        // never sees the halted boot as the current one.
        internal void EnterDeepSleep()
        {
            TwinBoot old = Boot;
            lock (_gate)
            {
                State = TwinPowerState.DeepSleep;
                _boot = new TwinBoot(this, old.Scheduler.NowUs);
            }

            old.Ble.DropAll();
            old.Scheduler.Halt();
        }

        internal void Reboot()
        {
            TwinBoot old = Boot;
            lock (_gate) State = TwinPowerState.Off;
            PowerOn();
            old.Ble.DropAll();
            old.Scheduler.Halt();
        }

        /// <summary>Stops every thread and releases the native module.</summary>
        public void Dispose()
        {
            TwinBoot boot = Boot;
            lock (_gate) State = TwinPowerState.Off;
            boot.Ble.DropAll();
            boot.Scheduler.Halt();
            // The native ring and chain are C memory: free them only when no app thread can still be inside them.
            if (boot.Scheduler.WaitStopped(TimeSpan.FromSeconds(10))) Hardware.Native.Dispose();
        }
    }
}
