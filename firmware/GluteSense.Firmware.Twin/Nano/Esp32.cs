using GluteSense.Firmware.Twin.Board;

// nanoFramework.Hardware.Esp32 1.6.37 and nanoFramework.Runtime.Native 1.7.11: pin functions, deep sleep and reboot,
// as the device app uses them, on the twin (TwinBoard: deep sleep stops every thread; the button wakes the board into
// a new boot; a reboot is a new boot at once).
namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Device function kinds (high bits of <see cref="DeviceFunction"/>).</summary>
    public enum DeviceTypes
    {
        /// <summary>GPIO.</summary>
        GPIO = 0 * 0x00010000,
        /// <summary>SPI.</summary>
        SPI = 1 * 0x00010000,
        /// <summary>I2C.</summary>
        I2C = 2 * 0x00010000,
        /// <summary>UART.</summary>
        SERIAL = 3 * 0x00010000,
        /// <summary>PWM.</summary>
        PWM = 4 * 0x00010000,
        /// <summary>ADC.</summary>
        ADC = 5 * 0x00010000,
        /// <summary>I2S.</summary>
        I2S = 6 * 0x00010000,
        /// <summary>SD/MMC.</summary>
        SDMMC = 8 * 0x00010000,
    }

    /// <summary>The pin functions the app routes through the GPIO matrix (values as upstream: type + device x 0x100 + index).</summary>
    public enum DeviceFunction
    {
        /// <summary>SPI1 MOSI.</summary>
        SPI1_MOSI = DeviceTypes.SPI + (1 * 0x100) + 0,
        /// <summary>SPI1 MISO.</summary>
        SPI1_MISO = DeviceTypes.SPI + (1 * 0x100) + 1,
        /// <summary>SPI1 clock.</summary>
        SPI1_CLOCK = DeviceTypes.SPI + (1 * 0x100) + 2,
        /// <summary>I2C1 data.</summary>
        I2C1_DATA = DeviceTypes.I2C + (1 * 0x100) + 0,
        /// <summary>I2C1 clock.</summary>
        I2C1_CLOCK = DeviceTypes.I2C + (1 * 0x100) + 1,
    }

    /// <summary>ESP-IDF error codes (subset).</summary>
    public enum EspNativeError : int
    {
        /// <summary>No error.</summary>
        OK = 0,
    }

    /// <summary>Pin function configuration (GPIO matrix).</summary>
    public class Configuration
    {
        /// <summary>Routes <paramref name="value"/> to <paramref name="pin"/>.</summary>
        public static void SetPinFunction(int pin, DeviceFunction value) => TwinBoard.Current.Hardware.SetPinFunction(pin, (int)value);

        /// <summary>The pin <paramref name="function"/> is routed to (-1 when none).</summary>
        public static int GetFunctionPin(DeviceFunction function) => TwinBoard.Current.Hardware.GetFunctionPin((int)function);
    }

    /// <summary>Sleep modes and wake-up sources.</summary>
    public class Sleep
    {
        /// <summary>RTC GPIOs that can wake the chip (subset the board uses).</summary>
        [System.Flags]
        public enum WakeupGpioPin : ulong
        {
            /// <summary>None.</summary>
            None = 0,
            /// <summary>GPIO39 (the board's button).</summary>
            Pin39 = (ulong)1 << 39,
        }

        /// <summary>Wake when <paramref name="pin"/> is at <paramref name="level"/>.</summary>
        public static EspNativeError EnableWakeupByPin(WakeupGpioPin pin, int level)
        {
            TwinBoard.Current.EnableWakeupByPin((ulong)pin, level);
            return EspNativeError.OK;
        }

        /// <summary>Deep sleep: never returns (the board restarts when a wake-up source fires).</summary>
        public static void StartDeepSleep()
        {
            TwinBoard.Current.EnterDeepSleep();
            System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
        }
    }
}

namespace nanoFramework.Runtime.Native
{
    /// <summary>Reboot kinds.</summary>
    public enum RebootOption
    {
        /// <summary>Full reboot.</summary>
        NormalReboot = 0,
        /// <summary>Into nanoBooter.</summary>
        EnterNanoBooter = 1,
        /// <summary>CLR only.</summary>
        ClrOnly = 2,
        /// <summary>Into the bootloader.</summary>
        EnterProprietaryBooter = 8,
    }

    /// <summary>Power control.</summary>
    public class Power
    {
        /// <summary>Reboots the board (never returns).</summary>
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot)
        {
            TwinBoard.Current.Reboot();
            System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
        }
    }
}
