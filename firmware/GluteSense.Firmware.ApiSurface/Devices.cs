// BUILD-TIME STAND-IN (see README.md): declarations of the nanoFramework System.Device.* members the app uses.
using System;

namespace System.Device.Spi
{
    public enum SpiMode { Mode0 = 0, Mode1 = 1, Mode2 = 2, Mode3 = 3 }

    public class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine) { throw new NotImplementedException(); }
        public int ClockFrequency { get; set; }
        public SpiMode Mode { get; set; }
        public int DataBitLength { get; set; }
    }

    public class SpiDevice : IDisposable
    {
        public static SpiDevice Create(SpiConnectionSettings settings) { throw new NotImplementedException(); }
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) { throw new NotImplementedException(); }
        public void Dispose() { }
    }
}

namespace System.Device.I2c
{
    public enum I2cBusSpeed { StandardMode = 0, FastMode = 1 }

    public enum I2cTransferStatus { UnknownError = 0, FullTransfer = 1, ClockStretchTimeout = 2, PartialTransfer = 3, SlaveAddressNotAcknowledged = 4 }

    public struct I2cTransferResult
    {
        public I2cTransferStatus Status { get { throw new NotImplementedException(); } }
    }

    public class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { throw new NotImplementedException(); }
    }

    public class I2cDevice : IDisposable
    {
        public static I2cDevice Create(I2cConnectionSettings settings) { throw new NotImplementedException(); }
        public I2cTransferResult Write(SpanByte buffer) { throw new NotImplementedException(); }
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) { throw new NotImplementedException(); }
        public void Dispose() { }
    }
}

namespace System.Device.Gpio
{
    public enum PinMode { Input = 0, Output = 1, InputPullDown = 2, InputPullUp = 3 }

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public struct PinValue
    {
        public static PinValue Low { get { throw new NotImplementedException(); } }
        public static PinValue High { get { throw new NotImplementedException(); } }
        public static bool operator ==(PinValue a, PinValue b) { throw new NotImplementedException(); }
        public static bool operator !=(PinValue a, PinValue b) { throw new NotImplementedException(); }
        public override bool Equals(object obj) { throw new NotImplementedException(); }
        public override int GetHashCode() { throw new NotImplementedException(); }
    }

    public class PinValueChangedEventArgs : EventArgs
    {
        public PinEventTypes ChangeType { get { throw new NotImplementedException(); } }
        public int PinNumber { get { throw new NotImplementedException(); } }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public class GpioPin
    {
        public event PinValueChangedEventHandler ValueChanged { add { throw new NotImplementedException(); } remove { } }
    }

    public class GpioController
    {
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw new NotImplementedException(); }
        public void Write(int pinNumber, PinValue value) { throw new NotImplementedException(); }
        public PinValue Read(int pinNumber) { throw new NotImplementedException(); }
    }
}

namespace System.Device.Adc
{
    public class AdcChannel
    {
        public int ReadValue() { throw new NotImplementedException(); }
    }

    public class AdcController
    {
        public int MaxValue { get { throw new NotImplementedException(); } }
        public AdcChannel OpenChannel(int channelNumber) { throw new NotImplementedException(); }
    }
}
