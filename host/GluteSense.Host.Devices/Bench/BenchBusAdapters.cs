using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.Threading;
using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Host.Bench;

/// <summary>Linux bench mode: the core's ISpiBus over a System.Device.Spi device (chip select by the kernel driver).</summary>
public sealed class SpiDeviceBus(SpiDevice device) : ISpiBus
{
    private readonly SpiDevice _device = device ?? throw new ArgumentNullException(nameof(device));

    /// <inheritdoc />
    public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count) =>
        _device.TransferFullDuplex(write.AsSpan(writeOffset, count), read.AsSpan(readOffset, count));
}

/// <summary>Linux bench mode: the core's II2cBus over a System.Device.I2c device.</summary>
public sealed class I2cDeviceBus(I2cDevice device) : II2cBus
{
    private readonly I2cDevice _device = device ?? throw new ArgumentNullException(nameof(device));

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count) => _device.Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount) =>
        _device.WriteRead(write.AsSpan(writeOffset, writeCount), read.AsSpan(readOffset, readCount));
}

/// <summary>Linux bench mode: the core's IGpio over a GpioController (pins opened on first use).</summary>
public sealed class GpioControllerBus(GpioController controller) : IGpio, IDelay
{
    private readonly GpioController _controller = controller ?? throw new ArgumentNullException(nameof(controller));
    private readonly Dictionary<int, PinChangeEventHandler> _handlers = new();

    /// <inheritdoc />
    public void Write(int pin, bool high)
    {
        if (!_controller.IsPinOpen(pin)) _controller.OpenPin(pin, PinMode.Output);
        _controller.Write(pin, high ? PinValue.High : PinValue.Low);
    }

    /// <inheritdoc />
    public bool Read(int pin)
    {
        if (!_controller.IsPinOpen(pin)) _controller.OpenPin(pin, PinMode.Input);
        return _controller.Read(pin) == PinValue.High;
    }

    /// <inheritdoc />
    public void SetEdgeCallback(int pin, PinEdgeHandler handler)
    {
        if (_handlers.Remove(pin, out PinChangeEventHandler? old))
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(pin, old);
        }

        if (handler is null) return;
        if (!_controller.IsPinOpen(pin)) _controller.OpenPin(pin, PinMode.Input);
        PinChangeEventHandler h = (_, e) => handler(e.PinNumber, e.ChangeType == PinEventTypes.Rising);
        _handlers[pin] = h;
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, h);
    }

    /// <inheritdoc />
    public void WaitMicroseconds(int microseconds) => Thread.Sleep(TimeSpan.FromTicks(microseconds * 10L));
}
