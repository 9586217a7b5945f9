using System.Device.Adc;
using System.Threading;
using GluteSense.Firmware.Adapters;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Native;
using GluteSense.Firmware.Services;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace GluteSense.Firmware.Board
{
    /// <summary>LED states: blinking slowly = advertising, on = streaming to a client, fast blink = low battery.</summary>
    public enum LedState { Advertising, Connected, LowBattery }

    /// <summary>
    /// Battery, LED and watchdog, once a second on their own thread: battery percent to the Battery service and the
    /// status frame; below <see cref="ShutdownMillivolts"/> the board stops acquisition and deep-sleeps until the
    /// button is pressed (a LiPo below 3.3 V is damaged, and the AFE's supply falls out of regulation); if the
    /// acquisition thread stops processing blocks while streaming for <see cref="WatchdogSeconds"/>, the board reboots.
    /// </summary>
    public sealed class PowerAndStatus
    {
        /// <summary>Battery divider: the ADC sees half the cell voltage (hardware/README.md).</summary>
        public const int DividerRatio = 2;

        /// <summary>ADC full-scale input with 11 dB attenuation (ESP32 datasheet), mV.</summary>
        public const int AdcFullScaleMillivolts = 3300;

        /// <summary>LiPo empty / full, mV (linear percent in between: coarse but monotone).</summary>
        public const int EmptyMillivolts = 3300, FullMillivolts = 4200;

        /// <summary>Shut down below this cell voltage, mV.</summary>
        public const int ShutdownMillivolts = 3350;

        /// <summary>Reboot when no block was processed for this long while streaming, s.</summary>
        public const int WatchdogSeconds = 5;

        private const int PeriodMs = 1000;
        private const int BlinkSlowMs = 1000, BlinkFastMs = 200;
        private readonly AdcChannel _battery;
        private readonly int _adcMax;
        private readonly BatteryService _batteryService;
        private readonly BoardRuntime _runtime;
        private readonly NativeAcquisitionLoop _acquisition;
        private readonly GluteSenseService _ble;
        private readonly NanoGpio _gpio;
        private readonly IDeviceClock _clock;
        private int _lastBlocks = -1;
        private int _stalledSeconds;

        public PowerAndStatus(AdcController adc, int batteryChannel, BatteryService batteryService, BoardRuntime runtime,
            NativeAcquisitionLoop acquisition, GluteSenseService ble, NanoGpio gpio, IDeviceClock clock)
        {
            _battery = adc.OpenChannel(batteryChannel);
            _adcMax = adc.MaxValue;
            _batteryService = batteryService;
            _runtime = runtime;
            _acquisition = acquisition;
            _ble = ble;
            _gpio = gpio;
            _clock = clock;
        }

        public LedState Led { get; private set; }

        public void Start()
        {
            new Thread(Run).Start();
            new Thread(Blink).Start();
        }

        private void Run()
        {
            while (true)
            {
                int millivolts = _battery.ReadValue() * AdcFullScaleMillivolts / _adcMax * DividerRatio;
                int percent = Percent(millivolts);
                _batteryService.Update(percent);
                _runtime.PublishStatus(_clock.NowUs(), millivolts, percent, 0);
                if (millivolts < ShutdownMillivolts)
                {
                    Led = LedState.LowBattery;
                    // The AFE and the IMU draw from the cell in deep sleep unless they are powered down too.
                    _acquisition.PowerDownSensors();
                    Thread.Sleep(3 * PeriodMs);   // let the clinician see the LED and the host the status frame
                    Sleep.EnableWakeupByPin(Sleep.WakeupGpioPin.Pin39, 0);
                    Sleep.StartDeepSleep();
                }

                Led = _ble.HasSubscriber ? LedState.Connected : LedState.Advertising;
                CheckWatchdog();
                Thread.Sleep(PeriodMs);
            }
        }

        private void CheckWatchdog()
        {
            int blocks = _acquisition.BlocksProcessed;
            _stalledSeconds = _runtime.Configuration.Streaming && blocks == _lastBlocks ? _stalledSeconds + 1 : 0;
            _lastBlocks = blocks;
            if (_stalledSeconds >= WatchdogSeconds)
            {
                Power.RebootDevice();
            }
        }

        private void Blink()
        {
            bool on = false;
            while (true)
            {
                LedState state = Led;
                on = state == LedState.Connected || !on;
                _gpio.Write(Core.Board.BoardPins.StatusLed, on);
                Thread.Sleep(state == LedState.LowBattery ? BlinkFastMs : BlinkSlowMs);
            }
        }

        /// <summary>Battery percent from the cell voltage, clamped to 0..100.</summary>
        public static int Percent(int millivolts)
        {
            int p = (millivolts - EmptyMillivolts) * 100 / (FullMillivolts - EmptyMillivolts);
            return p < 0 ? 0 : p > 100 ? 100 : p;
        }
    }
}
