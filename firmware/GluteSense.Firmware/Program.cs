using System.Device.Adc;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.Threading;
using GluteSense.Firmware.Adapters;
using GluteSense.Firmware.Board;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Board;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Native;
using GluteSense.Firmware.Services;
using GluteSense.Native;
using nanoFramework.Hardware.Esp32;

namespace GluteSense.Firmware
{
    /// <summary>Wiring only: pins, buses, drivers, services, runtime, threads. Everything else lives in the core.</summary>
    public static class Program
    {
        /// <summary>SPI bus of the AFE: nanoFramework SPI1, the ESP32's HSPI controller, its pins set through the GPIO
        /// matrix by Configuration.SetPinFunction (BoardPins).</summary>
        private const int AfeSpiBus = 1;

        /// <summary>AFE SPI clock, Hz: 4 MHz reads a 27-byte frame in 54 us, well inside the 1 ms sample period
        /// (SBAS459 allows up to 20 MHz).</summary>
        private const int AfeSpiClockHz = 4000000;

        /// <summary>I2C bus and address of the lumbar IMU (AD0 low).</summary>
        private const int ImuI2cBus = 1, LumbarImuAddress = 0x68;

        /// <summary>GPIO36 (BoardPins.BatteryAdc) is ADC1 channel 0.</summary>
        private const int BatteryAdcChannel = 0;

        /// <summary>AFE gain (PGA 6: +-400 mV input range, room for a 300 mV electrode offset).</summary>
        private const int AfeGain = 6;

        /// <summary>IMU: +-16 g, +-2000 dps, ODR code 8 (100 Hz, DS-000347 GYRO_CONFIG0: the ProtocolSpec.DefaultImuRateHz that
        /// get_config reports and the IMU frames are stamped with; code 7 would be 200 Hz), FIFO watermark 4 packets.</summary>
        private const int ImuAccelRangeG = 16, ImuGyroRangeDps = 2000, ImuOdrCode = 8, ImuWatermark = 4;

        private const string DeviceName = "GluteSense";
        private const int FirmwareMajor = 1, FirmwareMinor = 0;

        public static void Main()
        {
            Configuration.SetPinFunction(BoardPins.AfeSclk, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(BoardPins.AfeMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(BoardPins.AfeMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(BoardPins.ImuSda, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(BoardPins.ImuScl, DeviceFunction.I2C1_CLOCK);

            var gpio = new NanoGpio(new GpioController());
            foreach (int pin in new[] { BoardPins.AfeStart, BoardPins.AfeReset, BoardPins.AfePwdn, BoardPins.StatusLed }) gpio.OpenOutput(pin);
            gpio.OpenInput(BoardPins.AfeDrdy, pullUp: false, watchEdges: true);
            gpio.OpenInput(BoardPins.ImuInt, pullUp: false, watchEdges: true);
            gpio.OpenInput(BoardPins.Button, pullUp: false, watchEdges: false);

            var spi = new NanoSpiBus(SpiDevice.Create(new SpiConnectionSettings(AfeSpiBus, BoardPins.AfeCs) { ClockFrequency = AfeSpiClockHz, Mode = SpiMode.Mode1, DataBitLength = 8 }));
            var i2c = new NanoI2cBus(I2cDevice.Create(new I2cConnectionSettings(ImuI2cBus, LumbarImuAddress, I2cBusSpeed.FastMode)), LumbarImuAddress);
            var delay = new NanoDelay();
            var clock = new NanoClock();

            var config = new DeviceConfiguration();
            var afe = new Ads1298(spi, gpio, delay, BoardPins.AfeStart, BoardPins.AfeReset, BoardPins.AfePwdn, BoardPins.AfeDrdy);
            afe.PowerUpAndReset();
            if (!afe.IdVerified)
            {
                // The board still advertises, so the host learns why it cannot stream (start_streaming: hardware_fault).
                config.HardwareFaults |= ProtocolSpec.FaultAfeId;
            }

            // The AFE runs at the rate the runtime assumes, with RLD and lead-off on the four EMG channels.
            afe.ConfigureEmg(AfeGain, config.EmgRateHz, (byte)((1 << AcquisitionLoop.Channels) - 1));
            var imu = new Icm42688(i2c, delay);
            imu.Configure(ImuAccelRangeG, ImuGyroRangeDps, ImuOdrCode, ImuWatermark);

            config.NativeSelfTestHash = NativeAcquisitionLoop.SelfTest();   // checked by glutesense flash
            var info = new byte[ProtocolSpec.DeviceInfoLength];
            config.WriteDeviceInfo(info, 0, FirmwareMajor, FirmwareMinor);
            var ble = new GluteSenseService(info);
            var battery = new BatteryService();
            // Before advertising: only a host that types the passkey from the board's label can bond (docs/security.md).
            new BoardPairing(NativeBoardStore.ReadPasskey(), clock);
            var publisher = new FramePublisher(ble.Data, ProtocolSpec.AttMtuDefault);
            var runtime = new BoardRuntime(config, publisher, ble.Response, clock, AcquisitionLoop.Channels);
            // DRDY capture and the EMG chain run in the native module (custom nanoCLR image, docs/flashing.md).
            var acquisition = new NativeAcquisitionLoop(afe, imu, runtime, clock, AfeSpiClockHz, on => gpio.Write(BoardPins.AfeStart, on));
            ble.SetCommandHandler((packet, offset, length) =>
            {
                runtime.HandleCommand(packet, offset, length);   // the response leaves on the response characteristic
                acquisition.AfterCommand(config.EmgRateHz);   // set_emg_rate or a stream start: the AFE and the native chain follow
            });
            // Data and responses are fragmented to the MTU the server's session learnt in the exchange.
            ble.LinkChanged += (sender, e) =>
            {
                publisher.Fragmenter.AttMtu = ble.AttMtu;
                runtime.Responses.Fragmenter.AttMtu = ble.AttMtu;
            };

            new PowerAndStatus(new AdcController(), BatteryAdcChannel, battery, runtime, acquisition, ble, gpio, clock).Start();
            if (afe.IdVerified)
            {
                acquisition.Start();
            }

            ble.StartAdvertising(DeviceName);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
