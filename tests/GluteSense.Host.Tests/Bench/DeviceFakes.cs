using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.Device.Spi;

namespace GluteSense.Host.Tests.Bench;

/// <summary>System.Device fakes: an SPI device answering with a function, an I2C register file, a GPIO chip whose
/// edge callbacks the test fires, and a delay that does not wait.</summary>
internal static class DeviceFakes
{
    internal sealed class FakeSpi : SpiDevice
    {
        public List<byte[]> Frames { get; } = new();
        public Func<byte[], byte[]> Respond { get; set; } = w => new byte[w.Length];
        public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 0);
        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            byte[] w = writeBuffer.ToArray();
            Frames.Add(w);
            Respond(w).CopyTo(readBuffer);
        }
        public override byte ReadByte() => throw new NotSupportedException();
        public override void Read(Span<byte> buffer) => throw new NotSupportedException();
        public override void WriteByte(byte value) => throw new NotSupportedException();
        public override void Write(ReadOnlySpan<byte> buffer) => throw new NotSupportedException();
    }

    internal sealed class FakeI2c : I2cDevice
    {
        public List<byte[]> Writes { get; } = new();
        public byte[] Registers { get; } = new byte[128];
        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x68);
        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(buffer.ToArray());
        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            for (int i = 0; i < readBuffer.Length; i++) readBuffer[i] = Registers[writeBuffer[0] + i];
        }
        public override byte ReadByte() => throw new NotSupportedException();
        public override void Read(Span<byte> buffer) => throw new NotSupportedException();
        public override void WriteByte(byte value) => throw new NotSupportedException();
    }

    /// <summary>A GPIO chip in memory: pin modes and levels, and edge callbacks the test can fire.</summary>
    internal sealed class FakeGpioDriver : System.Device.Gpio.GpioDriver
    {
        public readonly Dictionary<int, System.Device.Gpio.PinMode> Modes = new();
        public readonly Dictionary<int, System.Device.Gpio.PinValue> Levels = new();
        public readonly Dictionary<int, System.Device.Gpio.PinChangeEventHandler> Callbacks = new();

        protected override int PinCount => 40;
        protected override void OpenPin(int pinNumber) => Modes[pinNumber] = System.Device.Gpio.PinMode.Input;
        protected override void ClosePin(int pinNumber) => Modes.Remove(pinNumber);
        protected override void SetPinMode(int pinNumber, System.Device.Gpio.PinMode mode) => Modes[pinNumber] = mode;
        protected override System.Device.Gpio.PinMode GetPinMode(int pinNumber) => Modes[pinNumber];
        protected override bool IsPinModeSupported(int pinNumber, System.Device.Gpio.PinMode mode) => true;
        protected override System.Device.Gpio.PinValue Read(int pinNumber) => Levels.GetValueOrDefault(pinNumber, System.Device.Gpio.PinValue.Low);
        protected override void Write(int pinNumber, System.Device.Gpio.PinValue value) => Levels[pinNumber] = value;
        protected override System.Device.Gpio.WaitForEventResult WaitForEvent(int pinNumber, System.Device.Gpio.PinEventTypes eventTypes, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();
        protected override void AddCallbackForPinValueChangedEvent(int pinNumber, System.Device.Gpio.PinEventTypes eventTypes, System.Device.Gpio.PinChangeEventHandler callback) => Callbacks[pinNumber] = callback;
        protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, System.Device.Gpio.PinChangeEventHandler callback) => Callbacks.Remove(pinNumber);

        public void Fire(int pin, System.Device.Gpio.PinEventTypes edge) => Callbacks[pin](this, new System.Device.Gpio.PinValueChangedEventArgs(edge, pin));
    }

    internal sealed class NoDelay : GluteSense.Firmware.Core.Bus.IDelay
    {
        public void WaitMicroseconds(int microseconds) { }
    }
}
