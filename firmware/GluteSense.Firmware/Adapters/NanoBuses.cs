using System;
using System.Device.I2c;
using System.Device.Spi;
using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Adapters
{
    /// <summary>The core's <see cref="ISpiBus"/> over a nanoFramework <see cref="SpiDevice"/> (chip select by the driver).</summary>
    public sealed class NanoSpiBus : ISpiBus
    {
        private readonly SpiDevice _device;

        public NanoSpiBus(SpiDevice device) { _device = device; }

        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            // SpanByte is a view (no copy): the transfer allocates nothing.
            _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
        }
    }

    /// <summary>The core's <see cref="II2cBus"/> over one nanoFramework <see cref="I2cDevice"/> (one address).</summary>
    public sealed class NanoI2cBus : II2cBus
    {
        private readonly I2cDevice _device;
        private readonly int _address;

        public NanoI2cBus(I2cDevice device, int address)
        {
            _device = device;
            _address = address;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Check(_device.Write(new SpanByte(buffer, offset, count)));
        }

        public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            Check(_device.WriteRead(new SpanByte(write, writeOffset, writeCount), new SpanByte(read, readOffset, readCount)));
        }

        // A NACK or a short transfer must not pass silently as zeros: the acquisition loop counts it and the watchdog
        // restarts the board if the bus stays dead.
        private void Check(I2cTransferResult result)
        {
            if (result.Status != I2cTransferStatus.FullTransfer)
            {
                throw new InvalidOperationException("I2C 0x" + _address.ToString("X2") + " transfer failed");
            }
        }
    }
}
