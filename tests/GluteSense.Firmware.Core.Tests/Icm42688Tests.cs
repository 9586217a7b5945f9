using System;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Simulators;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>ICM-42688-P driver against the register-level simulator and DS-000347 sensitivity values.</summary>
public class Icm42688Tests
{
    [Fact]
    public void ConfigureResetsAndWritesRangesOdrAndFifo()
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(accelRangeG: 16, gyroRangeDps: 2000, odrCode: 7, watermarkPackets: 4);
        Assert.Equal(1, sim.SoftResets);
        Assert.Equal(0x07, sim.Reg(0x4F));
        Assert.Equal(0x07, sim.Reg(0x50));
        Assert.Equal(0x40, sim.Reg(0x16));
        Assert.Equal(0x07, sim.Reg(0x5F));
        Assert.Equal(64, sim.Reg(0x60));
        Assert.Equal(0x0F, sim.Reg(0x4E));
        Assert.Throws<ArgumentException>(() => imu.Configure(3, 2000, 7, 1));
    }

    [Fact]
    public void FifoBurstScalesPerDatasheetSensitivity()
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, 2000, 6, 1);
        // DS-000347 Table 2/1: ±16 g -> 2048 LSB/g, ±2000 dps -> 16.4 LSB/dps
        sim.PushSample(2048, -2048, 0, 164, -164, 0, 0, 1);
        sim.PushSample(0, 0, 4096, 0, 0, 1640, 21, 2);
        var output = new float[3 * Icm42688.ValuesPerSample];
        int n = imu.ReadFifo(output, 0, 3);
        Assert.Equal(2, n);
        Assert.Equal(9.80665f, output[0], 3);
        Assert.Equal(-9.80665f, output[1], 3);
        Assert.Equal(10.0 * Math.PI / 180.0, output[3], 2);
        Assert.Equal(-10.0 * Math.PI / 180.0, output[4], 2);
        Assert.Equal(25f, output[6], 3);
        Assert.Equal(2 * 9.80665f, output[7 + 2], 3);
        Assert.Equal(100.0 * Math.PI / 180.0, output[7 + 5], 1);
        Assert.Equal(21 / 2.07f + 25f, output[7 + 6], 3);
        Assert.Equal(0, imu.ReadFifoCountBytes());
    }

    /// <summary>DS-000347 Table 1: gyro sensitivity 131 / 65.5 / 32.8 / 16.4 LSB/dps at ±250 / 500 / 1000 / 2000 dps
    /// (the datasheet rounds 32768 / range to three figures); the driver uses the exact full-scale ratio.</summary>
    [Theory]
    [InlineData(250, 131.0)]
    [InlineData(500, 65.5)]
    [InlineData(1000, 32.8)]
    [InlineData(2000, 16.4)]
    public void GyroSensitivityIsTheFullScaleRatioAndMatchesTheDatasheetToItsRounding(int rangeDps, double datasheetLsbPerDps)
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, rangeDps, 6, 1);
        double lsbPerDps = 32768.0 / rangeDps;
        Assert.Equal(lsbPerDps * 180 / Math.PI, 1 / imu.GyroRadpsPerLsb, 1e-5 * lsbPerDps * 180 / Math.PI);
        Assert.True(Math.Abs(lsbPerDps - datasheetLsbPerDps) <= 0.0015 * datasheetLsbPerDps, $"{lsbPerDps} vs {datasheetLsbPerDps}");
        sim.PushSample(0, 0, 0, 1000, -1000, 32767, 0, 1);
        var output = new float[2 * Icm42688.ValuesPerSample];
        Assert.Equal(1, imu.ReadFifo(output, 0, 2));
        double radPerLsb = Math.PI / 180 / lsbPerDps;
        Assert.Equal(1000 * radPerLsb, output[3], 1e-5 * 1000 * radPerLsb);
        Assert.Equal(-1000 * radPerLsb, output[4], 1e-5 * 1000 * radPerLsb);
        Assert.Equal(32767 * radPerLsb, output[5], 1e-5 * 32767 * radPerLsb);
    }

    [Fact]
    public void RawFifoBurstGivesCountsInTheRuntimeOrder()
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, 2000, 6, 1);
        sim.PushSample(2048, -2048, 7, 164, -164, 3, 0, 1);   // accel x y z, gyro x y z, temperature, timestamp
        var raw = new short[2 * Icm42688.RawValuesPerSample];
        Assert.Equal(1, imu.ReadFifoRaw(raw, 0, 2));
        Assert.Equal(new short[] { 164, -164, 3, 2048, -2048, 7 }, raw[..6]);
        Assert.Equal(0, imu.ReadFifoRaw(raw, 0, 2));
    }

    [Fact]
    public void TwoImusOnOneBusAnswerOnlyToTheirOwnAddress()
    {
        // Lumbar IMU at 0x68 (AD0 low) and head/sacrum IMU at 0x69 (AD0 high) on the same I2C wires.
        var lumbar = new Icm42688Simulator();
        var head = new Icm42688Simulator();
        var bus = new SharedI2cBus();
        bus.Attach(0x68, lumbar);
        bus.Attach(0x69, head);
        var imuLumbar = new Icm42688(bus.Device(0x68), lumbar);
        var imuHead = new Icm42688(bus.Device(0x69), head);
        imuLumbar.Configure(16, 2000, 7, 1);
        imuHead.Configure(4, 500, 6, 2);
        Assert.Equal(0x07, lumbar.Reg(0x4F));
        Assert.Equal(0x46, head.Reg(0x4F));   // GYRO_CONFIG0: FS_SEL 2 (500 dps) in bits 7:5, ODR 6
        lumbar.PushSample(2048, 0, 0, 0, 0, 0, 0, 1);
        head.PushSample(8192, 0, 0, 0, 0, 0, 0, 1);
        var a = new float[Icm42688.ValuesPerSample];
        var b = new float[Icm42688.ValuesPerSample];
        Assert.Equal(1, imuLumbar.ReadFifo(a, 0, 1));
        Assert.Equal(1, imuHead.ReadFifo(b, 0, 1));
        Assert.Equal(9.80665f, a[0], 3);   // 2048 LSB/g at +-16 g
        Assert.Equal(9.80665f, b[0], 3);   // 8192 LSB/g at +-4 g
        Assert.Throws<InvalidOperationException>(() => bus.Device(0x6A).Write(new byte[] { 0x75 }, 0, 1));
    }

    [Fact]
    public void RegisterTemperatureFormula()
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        sim.SetTemperatureRaw(1325); // 1325 / 132.48 + 25 = 35.0 degC
        Assert.Equal(35.0f, imu.ReadTemperatureDegC(), 2);
    }

    [Fact]
    public void FifoReadAllocatesNothing()
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(8, 500, 6, 1);
        var output = new float[Icm42688.ValuesPerSample * 4];
        sim.PushSample(1, 2, 3, 4, 5, 6, 7, 8);
        imu.ReadFifo(output, 0, 4);
        for (int i = 0; i < 4; i++) sim.PushSample(1, 2, 3, 4, 5, 6, 7, 8);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n = imu.ReadFifo(output, 0, 4);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(4, n);
    }

    private sealed class EdgeGpio : GluteSense.Firmware.Core.Bus.IGpio
    {
        public GluteSense.Firmware.Core.Bus.PinEdgeHandler? Handler;
        public void Write(int pin, bool high) { }
        public bool Read(int pin) => true;
        public void SetEdgeCallback(int pin, GluteSense.Firmware.Core.Bus.PinEdgeHandler handler) => Handler = handler;
    }

    [Fact]
    public void InterruptEdgeBurstReadsFifoIntoCallerBuffer()
    {
        var sim = new Icm42688Simulator();
        var imu = new Icm42688(sim, sim);
        imu.Configure(16, 2000, 6, 2);
        var gpio = new EdgeGpio();
        var buffer = new float[8 * Icm42688.ValuesPerSample];
        int got = 0;
        imu.AttachInterrupt(gpio, 35, buffer, 8, (b, n) => got += n);
        sim.PushSample(2048, 0, 0, 0, 0, 0, 0, 1);
        sim.PushSample(2048, 0, 0, 0, 0, 0, 0, 2);
        gpio.Handler!(35, false);
        Assert.Equal(2, got);
        Assert.Equal(9.80665f, buffer[7], 3);
        imu.AttachInterrupt(gpio, 35, buffer, 8, null!);
        Assert.Null(gpio.Handler);
    }
}
