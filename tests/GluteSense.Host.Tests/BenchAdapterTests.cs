using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.Device.Spi;
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

    private sealed class NoDelay : GluteSense.Firmware.Core.Bus.IDelay
    {
        public void WaitMicroseconds(int microseconds) { }
    }
}
