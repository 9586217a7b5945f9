// BUILD-TIME STAND-IN (see README.md): declarations of nanoFramework.Hardware.Esp32 and nanoFramework.Runtime.Native
// members the app uses.
using System;

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction { SPI1_MOSI, SPI1_MISO, SPI1_CLOCK, I2C1_DATA, I2C1_CLOCK, ADC1_CH0 }

    public static class Configuration
    {
        public static void SetPinFunction(int gpioNumber, DeviceFunction function) { throw new NotImplementedException(); }
    }

    public static class Sleep
    {
        public enum WakeupGpioPin { None = 0, Pin39 = 39 }

        public static bool EnableWakeupByPin(WakeupGpioPin pin, int level) { throw new NotImplementedException(); }
        public static void StartDeepSleep() { throw new NotImplementedException(); }
    }
}

namespace nanoFramework.Runtime.Native
{
    public static class Power
    {
        public static void RebootDevice() { throw new NotImplementedException(); }
    }
}
