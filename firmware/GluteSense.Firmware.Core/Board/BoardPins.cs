namespace GluteSense.Firmware.Core.Board
{
    /// <summary>
    /// ESP32 GPIO numbers of the GluteSense board. The ONE place pin numbers live; wiring.md mirrors this table and a
    /// test (WiringTableTests) fails if they differ. The AFE bus is nanoFramework's SPI1, which is the ESP32's HSPI
    /// controller (SPI2) routed through the GPIO matrix to GPIO 18/19/23 (the VSPI IOMUX pins, used here as ordinary
    /// GPIOs); through the matrix a full-duplex bus runs up to about 26 MHz, above the ADS1298's 20 MHz and far above
    /// the 4 MHz the app uses. GPIO 34-39 are input-only, so they carry DRDY, IMU INT, button and battery sense.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>AFE SPI clock (nanoFramework SPI1 = HSPI, through the GPIO matrix).</summary>
        public const int AfeSclk = 18;
        /// <summary>AFE SPI data in (ESP32 MOSI -> ADS1298 DIN).</summary>
        public const int AfeMosi = 23;
        /// <summary>AFE SPI data out (ADS1298 DOUT -> ESP32 MISO).</summary>
        public const int AfeMiso = 19;
        /// <summary>AFE chip select, active low.</summary>
        public const int AfeCs = 5;
        /// <summary>AFE DRDY, active low, falling edge = new sample (input-only pin).</summary>
        public const int AfeDrdy = 34;
        /// <summary>AFE START, high = convert.</summary>
        public const int AfeStart = 16;
        /// <summary>AFE RESET, active low.</summary>
        public const int AfeReset = 17;
        /// <summary>AFE PWDN, active low.</summary>
        public const int AfePwdn = 4;
        /// <summary>IMU I2C data (shared by the lumbar, sacrum and head IMUs).</summary>
        public const int ImuSda = 21;
        /// <summary>IMU I2C clock.</summary>
        public const int ImuScl = 22;
        /// <summary>IMU INT (FIFO watermark), input-only pin.</summary>
        public const int ImuInt = 35;
        /// <summary>Status LED, active high through 1 kOhm.</summary>
        public const int StatusLed = 2;
        /// <summary>User button to GND, external 10 kOhm pull-up (input-only pin).</summary>
        public const int Button = 39;
        /// <summary>Battery sense: 100k/100k divider on ADC1_CH0 (SENSOR_VP) (ADC1 works while the radio is on).</summary>
        public const int BatteryAdc = 36;
    }
}
