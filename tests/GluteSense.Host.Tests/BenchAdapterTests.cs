using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.Device.Spi;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Host.Bench;

namespace GluteSense.Host.Tests;

/// <summary>The bench adapters pass the exact bytes and offsets through System.Device fakes.</summary>
public class BenchAdapterTests
{
    private sealed class FakeSpi : SpiDevice
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

    private sealed class FakeI2c : I2cDevice
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

    [Fact]
    public void SpiAdapterHonoursOffsetsAndCarriesAds1298RregFrame()
    {
        var spi = new FakeSpi { Respond = w => w.Length == 3 && w[0] == 0x20 ? new byte[] { 0, 0, 0x92 } : new byte[w.Length] };
        var bus = new SpiDeviceBus(spi);
        var read = new byte[5];
        bus.TransferFullDuplex(new byte[] { 9, 0x20, 0x00, 0x00 }, 1, read, 2, 3);
        Assert.Equal(new byte[] { 0x20, 0, 0 }, spi.Frames[0]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x92 }, read);
    }

    [Fact]
    public void I2cAdapterCarriesIcm42688RegisterTraffic()
    {
        var i2c = new FakeI2c();
        i2c.Registers[0x75] = Icm42688.ExpectedWhoAmI;
        var imu = new Icm42688(new I2cDeviceBus(i2c), new NoDelay());
        imu.Configure(16, 2000, 6, 1);
        Assert.Equal(new byte[] { 0x11, 0x01 }, i2c.Writes[0]); // soft reset first
        Assert.Contains(i2c.Writes, w => w[0] == 0x4E && w[1] == 0x0F);
        i2c.Registers[0x1D] = 0x05; i2c.Registers[0x1E] = 0x2D; // 1325 -> 35 degC
        Assert.Equal(35f, imu.ReadTemperatureDegC(), 2);
    }

    /// <summary>A GPIO chip in memory: pin modes and levels, and edge callbacks the test can fire.</summary>
    private sealed class FakeGpioDriver : System.Device.Gpio.GpioDriver
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

    [Fact]
    public void GpioAdapterDrivesTheAds1298OverSystemDeviceGpio_DrdyEdgesReachTheDriver()
    {
        // Pins as on the bench rig (any numbers work): START 16, RESET 17, PWDN 4, DRDY 34.
        var driver = new FakeGpioDriver();
        var gpio = new GpioControllerBus(new System.Device.Gpio.GpioController(driver));
        var frame = new byte[Ads1298.FrameBytes];
        frame[0] = 0xC0;                                   // status word 1100 ... (SBAS459 9.4.4.2)
        frame[3] = 0x00; frame[4] = 0x01; frame[5] = 0x00; // channel 1: +256 counts
        frame[6] = 0xFF; frame[7] = 0xFF; frame[8] = 0xFF; // channel 2: -1 count
        var spi = new FakeSpi { Respond = w => w.Length == Ads1298.FrameBytes ? frame : w.Length == 3 && w[0] == 0x20 ? new byte[] { 0, 0, Ads1298.ExpectedId } : new byte[w.Length] };
        var afe = new Ads1298(new SpiDeviceBus(spi), gpio, new NoDelay(), startPin: 16, resetPin: 17, pwdnPin: 4, drdyPin: 34);
        Assert.Equal(Ads1298.ExpectedId, afe.PowerUpAndReset());
        Assert.Equal(System.Device.Gpio.PinValue.High, driver.Levels[4]);    // PWDN released
        Assert.Equal(System.Device.Gpio.PinMode.Output, driver.Modes[17]);

        int frames = 0;
        int[] last = Array.Empty<int>();
        afe.StartContinuous((status, counts) => { frames++; last = (int[])counts.Clone(); });
        Assert.Equal(System.Device.Gpio.PinValue.High, driver.Levels[16]);   // START high
        driver.Fire(34, System.Device.Gpio.PinEventTypes.Rising);             // DRDY returning high: no read
        Assert.Equal(0, frames);
        driver.Fire(34, System.Device.Gpio.PinEventTypes.Falling);            // DRDY low: a frame is ready
        Assert.Equal(1, frames);
        Assert.Equal(256, last[0]);
        Assert.Equal(-1, last[1]);

        afe.StopContinuous();
        Assert.False(driver.Callbacks.ContainsKey(34));
        Assert.Equal(System.Device.Gpio.PinValue.Low, driver.Levels[16]);
    }

    private sealed class NoDelay : GluteSense.Firmware.Core.Bus.IDelay
    {
        public void WaitMicroseconds(int microseconds) { }
    }
}
