using System;
using System.Collections.Generic;
using System.Device.Gpio;
using GluteSense.Firmware.Core.Board;
using GluteSense.Firmware.Core.Bus;
using GluteSense.Firmware.Simulators;
using GluteSense.Host.Virtual;

namespace GluteSense.Firmware.Twin.Board
{
    /// <summary>
    /// The board's hardware around the ESP32: the ADS1298 simulator on SPI1 (CS GPIO5) with its START/RESET/PWDN pins,
    /// the ICM-42688-P simulator at 0x68 on I2C1, the battery divider on ADC1 channel 0, the status LED and the button.
    /// Time moves it (TwinScheduler.IHardware): while the native module runs and START is high the AFE converts at
    /// its configured rate (each conversion read over SPI by <see cref="TwinNativeModule"/>), and while the IMU's
    /// sensors are on the FIFO fills at its ODR. Sample k of a stream is the sensors' sample k since the native
    /// module last started, so a stream plays the sensors' signal from its start.
    /// </summary>
    public sealed class TwinHardware : TwinScheduler.IHardware
    {
        /// <summary>ESP32 ADC1 full scale (12 bit).</summary>
        public const int AdcMaxValue = 4095;

        /// <summary>ADC input at full scale with 11 dB attenuation, mV (ESP32 datasheet, nominal).</summary>
        public const int AdcFullScaleMillivolts = 3300;

        /// <summary>The battery divider halves the cell voltage (hardware/README.md: 2 x 100 kOhm).</summary>
        public const int BatteryDivider = 2;

        /// <summary>ADC1 channel of GPIO36 (the battery divider).</summary>
        public const int BatteryAdcChannel = 0;

        private const int ImuAddress = 0x68, AfeSpiBus = 1, ImuI2cBus = 1;
        private readonly Dictionary<int, int> _pinFunctions = new Dictionary<int, int>();
        private readonly Dictionary<int, GpioPin> _openPins = new Dictionary<int, GpioPin>();
        private readonly double[] _imuSample = new double[6];
        private long _imuNextUs = long.MaxValue;
        private long _imuIndex;

        /// <summary>A board whose electrodes and IMU see <paramref name="sensors"/> (the host's simulated signals; null:
        /// all zero). Its EMG channels are the board's four (gmax_l, gmax_r, es_l, es_r).</summary>
        public TwinHardware(IVirtualSignalSource sensors)
        {
            Sensors = sensors;
            Native = new TwinNativeModule(this);
        }

        /// <summary>The ADS1298.</summary>
        public Ads1298Simulator Afe { get; } = new Ads1298Simulator();

        /// <summary>The ICM-42688-P.</summary>
        public Icm42688Simulator Imu { get; } = new Icm42688Simulator();

        /// <summary>The native acquisition module of the custom nanoCLR image (managed equivalent).</summary>
        public TwinNativeModule Native { get; }

        /// <summary>What the electrodes and the IMU see.</summary>
        public IVirtualSignalSource Sensors { get; set; }

        /// <summary>Cell voltage, mV (a charged LiPo by default).</summary>
        public int BatteryMillivolts { get; set; } = 4000;

        /// <summary>The button (GPIO39, pulled up: pressed reads low).</summary>
        public bool ButtonPressed { get; set; }

        /// <summary>Status LED level.</summary>
        public bool Led { get; private set; }

        /// <summary>LED level changes so far (the blink threads run).</summary>
        public int LedChanges { get; private set; }

        /// <summary>Pins routed through the GPIO matrix (pin to function value).</summary>
        public IReadOnlyDictionary<int, int> PinFunctions => _pinFunctions;

        /// <summary>
        /// Fault injection: the ADS1298 stops raising DRDY (a stalled conversion clock, a chip that lost its
        /// configuration): no frame reaches the native ring and no block completes, while everything else runs.
        /// </summary>
        public bool AfeDrdyStopped { get; set; }

        /// <summary>True when the AFE is powered down (PWDN low).</summary>
        public bool AfePoweredDown => !Afe.Read(BoardPins.AfePwdn);

        /// <summary>True when the IMU's accelerometer and gyroscope are off (PWR_MGMT0 modes 0).</summary>
        public bool ImuPoweredDown => (Imu.Reg(0x4E) & 0x0F) == 0;

        internal void SetPinFunction(int pin, int function) => _pinFunctions[pin] = function;

        internal int GetFunctionPin(int function)
        {
            foreach (KeyValuePair<int, int> kv in _pinFunctions)
            {
                if (kv.Value == function) return kv.Key;
            }

            return -1;
        }

        internal void OpenPin(int pin, GpioPin opened) => _openPins[pin] = opened;

        internal PinValue ReadPin(int pin)
        {
            if (pin == BoardPins.Button) return ButtonPressed ? PinValue.Low : PinValue.High;
            if (pin == BoardPins.StatusLed) return Led;
            return Afe.Read(pin);
        }

        internal void WritePin(int pin, bool high)
        {
            if (pin == BoardPins.StatusLed)
            {
                if (Led != high) LedChanges++;
                Led = high;
                return;
            }

            Afe.Write(pin, high);   // START, RESET, PWDN (the simulator ignores pins it does not have)
        }

        internal int ReadAdc(int channel)
        {
            if (channel != BatteryAdcChannel) return 0;
            int code = (int)Math.Round((double)BatteryMillivolts / BatteryDivider * AdcMaxValue / AdcFullScaleMillivolts);
            return Math.Clamp(code, 0, AdcMaxValue);
        }

        internal ISpiBus SpiTarget(int bus, int chipSelect)
        {
            if (bus == AfeSpiBus && chipSelect == BoardPins.AfeCs) return Afe;
            throw new InvalidOperationException($"SPI{bus} CS {chipSelect}: no device on the twin board");
        }

        internal II2cBus I2cTarget(int bus, int address) => bus == ImuI2cBus && address == ImuAddress ? Imu : null;

        /// <inheritdoc />
        public long NextEventUs(long nowUs)
        {
            long afe = Native.NextBlockUs();
            return afe < _imuNextUs ? afe : _imuNextUs;
        }

        /// <inheritdoc />
        public void AdvanceTo(long nowUs)
        {
            Native.AdvanceTo(nowUs);
            AdvanceImu(nowUs);
        }

        /// <summary>A stream starts: the IMU's sample index restarts with the AFE's (the native module started).</summary>
        internal void RestartSensors(long nowUs)
        {
            _imuIndex = 0;
            int rate = ImuRateHz();
            _imuNextUs = rate > 0 ? nowUs + 1_000_000L / rate : long.MaxValue;
        }

        private void AdvanceImu(long nowUs)
        {
            int rate = ImuRateHz();
            if (rate <= 0 || ImuPoweredDown)
            {
                _imuNextUs = long.MaxValue;
                return;
            }

            if (_imuNextUs == long.MaxValue) _imuNextUs = nowUs + 1_000_000L / rate;
            while (_imuNextUs <= nowUs)
            {
                Array.Clear(_imuSample);
                Sensors?.ReadImu(_imuIndex, 1, rate, _imuSample);
                PushImu(_imuSample, (ushort)(_imuNextUs & 0xFFFF));
                _imuIndex++;
                _imuNextUs += 1_000_000L / rate;
            }
        }

        // Physical units to the sensor's codes at the configured full scales (DS-000347 tables 1 and 2).
        private void PushImu(double[] s, ushort timestamp)
        {
            double accelLsbPerG = 2048 << ((Imu.Reg(0x50) >> 5) & 3);        // +-16 g: 2048 LSB/g, halving range doubles it
            double gyroLsbPerDps = 16.4 * (1 << Math.Min((Imu.Reg(0x4F) >> 5) & 7, 7));
            const double Gravity = 9.80665, DegPerRad = 180 / Math.PI;
            short G(double radPerS) => (short)Math.Clamp(Math.Round(radPerS * DegPerRad * gyroLsbPerDps), short.MinValue, short.MaxValue);
            short A(double mps2) => (short)Math.Clamp(Math.Round(mps2 / Gravity * accelLsbPerG), short.MinValue, short.MaxValue);
            Imu.PushSample(A(s[3]), A(s[4]), A(s[5]), G(s[0]), G(s[1]), G(s[2]), 0, timestamp);
        }

        // GYRO_CONFIG0 ODR code to Hz (DS-000347 section 14.20); 0 while the code is none of these.
        private int ImuRateHz()
        {
            switch (Imu.Reg(0x4F) & 0x0F)
            {
                case 6: return 1000;
                case 7: return 200;
                case 8: return 100;
                case 9: return 50;
                case 15: return 500;
                default: return 0;
            }
        }
    }
}
