using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.Device.Spi;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Host.Bench;
using static GluteSense.Host.Tests.Bench.DeviceFakes;

namespace GluteSense.Host.Tests.Bench;

/// <summary>The bench adapters pass the exact bytes and offsets through System.Device fakes.</summary>
public class BenchAdapterTests
{
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
        i2c.Registers[0x2D] = Icm42688.IntStatusResetDone;   // INT_STATUS after a completed reset
        var imu = new Icm42688(new I2cDeviceBus(i2c), new NoDelay());
        imu.Configure(16, 2000, 6, 1);
        Assert.Equal(new byte[] { 0x11, 0x01 }, i2c.Writes[0]); // soft reset first
        Assert.Contains(i2c.Writes, w => w[0] == 0x4E && w[1] == 0x0F);
        i2c.Registers[0x1D] = 0x05; i2c.Registers[0x1E] = 0x2D; // 1325 -> 35 degC
        Assert.Equal(35f, imu.ReadTemperatureDegC(), 2);
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
}
