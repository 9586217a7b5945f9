using System.Device.Gpio;
using GluteSense.Firmware.Twin.Board;

// System.Device.Gpio 1.1.57, System.Device.Spi 1.3.82, System.Device.I2c 1.1.29, System.Device.Adc 1.1.24: the members
// the device app uses, with upstream's signatures, on the twin's hardware (TwinHardware: the ADS1298 and ICM-42688-P
// register simulators, the battery divider, the LED and the button).
namespace System.Device.Gpio
{
    /// <summary>Pin modes (upstream order).</summary>
    public enum PinMode
    {
        /// <summary>Input.</summary>
        Input,
        /// <summary>Input with pull-down.</summary>
        InputPullDown,
        /// <summary>Input with pull-up.</summary>
        InputPullUp,
        /// <summary>Output.</summary>
        Output,
        /// <summary>Open-drain output.</summary>
        OutputOpenDrain,
        /// <summary>Open-drain output with pull-up.</summary>
        OutputOpenDrainPullUp,
        /// <summary>Open-source output.</summary>
        OutputOpenSource,
        /// <summary>Open-source output with pull-down.</summary>
        OutputOpenSourcePullDown,
    }

    /// <summary>Edge kinds.</summary>
    [Flags]
    public enum PinEventTypes
    {
        /// <summary>None.</summary>
        None = 0,
        /// <summary>Low to high.</summary>
        Rising = 1,
        /// <summary>High to low.</summary>
        Falling = 2,
    }

    /// <summary>A pin level.</summary>
    public readonly struct PinValue
    {
        private readonly byte _value;

        private PinValue(byte value) { _value = value; }

        /// <summary>High.</summary>
        public static PinValue High => new PinValue(1);

        /// <summary>Low.</summary>
        public static PinValue Low => new PinValue(0);

        /// <summary>0 is Low, anything else High.</summary>
        public static implicit operator PinValue(int value) => value == 0 ? Low : High;

        /// <summary>true is High.</summary>
        public static implicit operator PinValue(bool value) => value ? High : Low;

        /// <summary>0 or 1.</summary>
        public static explicit operator byte(PinValue value) => value._value;

        /// <summary>0 or 1.</summary>
        public static explicit operator int(PinValue value) => value._value;

        /// <summary>High is true.</summary>
        public static explicit operator bool(PinValue value) => value._value != 0;

        /// <summary>Same level.</summary>
        public bool Equals(PinValue other) => other._value == _value;

        /// <summary>Same level.</summary>
        public override bool Equals(object obj) => obj is PinValue other && Equals(other);

        /// <summary>Same level.</summary>
        public static bool operator ==(PinValue a, PinValue b) => a.Equals(b);

        /// <summary>Different levels.</summary>
        public static bool operator !=(PinValue a, PinValue b) => !a.Equals(b);

        /// <summary>Hash of the level.</summary>
        public override int GetHashCode() => _value.GetHashCode();

        /// <summary>"Low" or "High".</summary>
        public override string ToString() => _value == 0 ? "Low" : "High";
    }

    /// <summary>An edge on a pin (upstream derives from Runtime.Events' BaseEvent).</summary>
    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        /// <summary>An edge of <paramref name="changeType"/> on <paramref name="pinNumber"/>.</summary>
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber)
        {
            ChangeType = changeType;
            PinNumber = pinNumber;
        }

        /// <summary>Rising or falling.</summary>
        public PinEventTypes ChangeType { get; }

        /// <summary>The pin.</summary>
        public int PinNumber { get; }
    }

    /// <summary>Handler of a pin's edges.</summary>
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    /// <summary>The board's GPIO, on the twin's pins.</summary>
    public sealed class GpioController : IDisposable
    {
        private readonly TwinHardware _hardware = TwinBoard.Current.Hardware;

        /// <summary>The controller of the current board.</summary>
        public GpioController() { }

        /// <summary>Opens <paramref name="pinNumber"/> in <paramref name="mode"/>.</summary>
        public GpioPin OpenPin(int pinNumber, PinMode mode)
        {
            var pin = new GpioPin(_hardware, pinNumber);
            pin.SetPinMode(mode);
            _hardware.OpenPin(pinNumber, pin);
            return pin;
        }

        /// <summary>Reads a pin's level.</summary>
        public PinValue Read(int pinNumber) => _hardware.ReadPin(pinNumber);

        /// <summary>Drives an output pin.</summary>
        public void Write(int pinNumber, PinValue value) => _hardware.WritePin(pinNumber, (bool)value);

        /// <summary>Releases the controller.</summary>
        public void Dispose() { }
    }

    /// <summary>One open pin.</summary>
    public sealed class GpioPin : IDisposable
    {
        private readonly TwinHardware _hardware;
        private PinMode _mode;

        internal GpioPin(TwinHardware hardware, int pinNumber)
        {
            _hardware = hardware;
            PinNumber = pinNumber;
        }

        /// <summary>The pin number.</summary>
        public int PinNumber { get; }

        /// <summary>The pin's mode.</summary>
        public PinMode GetPinMode() => _mode;

        /// <summary>Sets the pin's mode.</summary>
        public void SetPinMode(PinMode value) { _mode = value; }

        /// <summary>The pin's level.</summary>
        public PinValue Read() => _hardware.ReadPin(PinNumber);

        /// <summary>Drives the pin.</summary>
        public void Write(PinValue value) => _hardware.WritePin(PinNumber, (bool)value);

        /// <summary>Edges of the pin (raised by the twin's hardware on the event thread).</summary>
        public event PinValueChangedEventHandler ValueChanged;

        internal void RaiseValueChanged(PinEventTypes change) => ValueChanged?.Invoke(this, new PinValueChangedEventArgs(change, PinNumber));

        /// <summary>Releases the pin.</summary>
        public void Dispose() { }
    }
}

namespace nanoFramework.Runtime.Events
{
    /// <summary>Base of native events (nanoFramework.Runtime.Events 1.11.32).</summary>
    public class BaseEvent
    {
        /// <summary>Event source.</summary>
        public ushort Source;

        /// <summary>Event message.</summary>
        public byte Message;
    }
}

namespace System.Device.Spi
{
    /// <summary>SPI clock polarity and phase.</summary>
    public enum SpiMode
    {
        /// <summary>CPOL 0, CPHA 0.</summary>
        Mode0,
        /// <summary>CPOL 0, CPHA 1.</summary>
        Mode1,
        /// <summary>CPOL 1, CPHA 0.</summary>
        Mode2,
        /// <summary>CPOL 1, CPHA 1.</summary>
        Mode3,
    }

    /// <summary>Bus, chip select and timing of one SPI device.</summary>
    public sealed class SpiConnectionSettings
    {
        /// <summary>Device on bus <paramref name="busId"/> with chip select <paramref name="chipSelectLine"/>.</summary>
        public SpiConnectionSettings(int busId, int chipSelectLine = -1)
        {
            BusId = busId;
            ChipSelectLine = chipSelectLine;
        }

        /// <summary>nanoFramework bus number (SPI1 is the ESP32's HSPI).</summary>
        public int BusId { get; set; }

        /// <summary>Chip-select GPIO.</summary>
        public int ChipSelectLine { get; set; }

        /// <summary>Clock mode.</summary>
        public SpiMode Mode { get; set; }

        /// <summary>Bits per word.</summary>
        public int DataBitLength { get; set; } = 8;

        /// <summary>Clock, Hz.</summary>
        public int ClockFrequency { get; set; }
    }

    /// <summary>One device on an SPI bus of the twin (the ADS1298 simulator on SPI1, CS GPIO5).</summary>
    public class SpiDevice : IDisposable
    {
        private readonly global::GluteSense.Firmware.Core.Bus.ISpiBus _target;

        /// <summary>Opens the device; throws when nothing is wired to that bus and chip select.</summary>
        public SpiDevice(SpiConnectionSettings settings)
        {
            ConnectionSettings = settings;
            _target = TwinBoard.Current.Hardware.SpiTarget(settings.BusId, settings.ChipSelectLine);
        }

        /// <summary>The device's settings.</summary>
        public SpiConnectionSettings ConnectionSettings { get; }

        /// <summary>Opens the device.</summary>
        public static SpiDevice Create(SpiConnectionSettings settings) => new SpiDevice(settings);

        /// <summary>Writes <paramref name="writeBuffer"/> while reading as many bytes into <paramref name="readBuffer"/>.</summary>
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer)
        {
            if (writeBuffer.Length != readBuffer.Length) throw new ArgumentException("write and read lengths differ");
            byte[] write = writeBuffer.ToArray();
            var read = new byte[readBuffer.Length];
            _target.TransferFullDuplex(write, 0, read, 0, read.Length);
            ((SpanByte)read).CopyTo(readBuffer);
        }

        /// <summary>Releases the device.</summary>
        public void Dispose() { }
    }
}

namespace System.Device.I2c
{
    /// <summary>I2C bus speeds.</summary>
    public enum I2cBusSpeed
    {
        /// <summary>100 kHz.</summary>
        StandardMode,
        /// <summary>400 kHz.</summary>
        FastMode,
        /// <summary>1 MHz.</summary>
        FastModePlus,
    }

    /// <summary>Outcome of a transfer.</summary>
    public enum I2cTransferStatus
    {
        /// <summary>Unknown error.</summary>
        UnknownError,
        /// <summary>All bytes transferred.</summary>
        FullTransfer,
        /// <summary>Clock stretching timed out.</summary>
        ClockStretchTimeout,
        /// <summary>Only part transferred.</summary>
        PartialTransfer,
        /// <summary>No device acknowledged the address.</summary>
        SlaveAddressNotAcknowledged,
    }

    /// <summary>Result of a transfer.</summary>
    public struct I2cTransferResult
    {
        private readonly uint _bytesTransferred;
        private readonly I2cTransferStatus _status;

        internal I2cTransferResult(I2cTransferStatus status, uint bytesTransferred)
        {
            _status = status;
            _bytesTransferred = bytesTransferred;
        }

        /// <summary>Bytes moved.</summary>
        public uint BytesTransferred { get => _bytesTransferred; }

        /// <summary>Outcome.</summary>
        public I2cTransferStatus Status { get => _status; }
    }

    /// <summary>Bus, address and speed of one I2C device.</summary>
    public sealed class I2cConnectionSettings
    {
        /// <summary>Device <paramref name="deviceAddress"/> on bus <paramref name="busId"/> at <paramref name="busSpeed"/>.</summary>
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed)
        {
            BusId = busId;
            DeviceAddress = deviceAddress;
            BusSpeed = busSpeed;
        }

        /// <summary>Bus number.</summary>
        public int BusId { get; }

        /// <summary>7-bit address.</summary>
        public int DeviceAddress { get; }

        /// <summary>Speed.</summary>
        public I2cBusSpeed BusSpeed { get; }
    }

    /// <summary>One device on an I2C bus of the twin (the ICM-42688-P simulator at 0x68 on I2C1).</summary>
    public class I2cDevice : IDisposable
    {
        private readonly I2cConnectionSettings _settings;

        /// <summary>Opens the device (an address nobody answers fails at the first transfer, as on the bus).</summary>
        public I2cDevice(I2cConnectionSettings settings) { _settings = settings; }

        /// <summary>The device's settings.</summary>
        public I2cConnectionSettings ConnectionSettings { get => _settings; }

        /// <summary>Opens the device.</summary>
        public static I2cDevice Create(I2cConnectionSettings settings) => new I2cDevice(settings);

        /// <summary>Writes <paramref name="buffer"/>.</summary>
        public I2cTransferResult Write(SpanByte buffer)
        {
            global::GluteSense.Firmware.Core.Bus.II2cBus chip = TwinBoard.Current.Hardware.I2cTarget(_settings.BusId, _settings.DeviceAddress);
            if (chip == null) return new I2cTransferResult(I2cTransferStatus.SlaveAddressNotAcknowledged, 0);
            chip.Write(buffer.ToArray(), 0, buffer.Length);
            return new I2cTransferResult(I2cTransferStatus.FullTransfer, (uint)buffer.Length);
        }

        /// <summary>Writes <paramref name="writeBuffer"/>, then reads <paramref name="readBuffer"/> (repeated start).</summary>
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer)
        {
            global::GluteSense.Firmware.Core.Bus.II2cBus chip = TwinBoard.Current.Hardware.I2cTarget(_settings.BusId, _settings.DeviceAddress);
            if (chip == null) return new I2cTransferResult(I2cTransferStatus.SlaveAddressNotAcknowledged, 0);
            var read = new byte[readBuffer.Length];
            chip.WriteRead(writeBuffer.ToArray(), 0, writeBuffer.Length, read, 0, read.Length);
            ((SpanByte)read).CopyTo(readBuffer);
            return new I2cTransferResult(I2cTransferStatus.FullTransfer, (uint)(writeBuffer.Length + readBuffer.Length));
        }

        /// <summary>Releases the device.</summary>
        public void Dispose() { }
    }
}

namespace System.Device.Adc
{
    /// <summary>Base of ADC controllers.</summary>
    public abstract class AdcControllerBase
    {
        /// <summary>Largest reading.</summary>
        public abstract int MaxValue { get; }

        /// <summary>Opens channel <paramref name="channelNumber"/>.</summary>
        public abstract AdcChannel OpenChannel(int channelNumber);
    }

    /// <summary>Base of ADC channels.</summary>
    public abstract class AdcChannelBase
    {
        /// <summary>One conversion.</summary>
        public abstract int ReadValue();
    }

    /// <summary>The ESP32's ADC1 (12 bit) on the twin: channel 0 (GPIO36) sees the battery divider.</summary>
    public class AdcController : AdcControllerBase
    {
        private readonly TwinHardware _hardware = TwinBoard.Current.Hardware;

        /// <summary>The board's ADC.</summary>
        public AdcController() { }

        /// <summary>4095 (12 bit).</summary>
        public override int MaxValue => TwinHardware.AdcMaxValue;

        /// <summary>Opens a channel.</summary>
        public override AdcChannel OpenChannel(int channelNumber) => new AdcChannel(_hardware, channelNumber);
    }

    /// <summary>One ADC channel.</summary>
    public class AdcChannel : AdcChannelBase, IDisposable
    {
        private readonly TwinHardware _hardware;
        private readonly int _channel;

        internal AdcChannel(TwinHardware hardware, int channel)
        {
            _hardware = hardware;
            _channel = channel;
        }

        /// <summary>One conversion of the channel's input.</summary>
        public override int ReadValue() => _hardware.ReadAdc(_channel);

        /// <summary>Releases the channel.</summary>
        public void Dispose() { }
    }
}
