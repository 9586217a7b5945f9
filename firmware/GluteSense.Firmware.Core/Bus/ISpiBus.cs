namespace GluteSense.Firmware.Core.Bus
{
    /// <summary>One SPI device (chip select handled by the implementation), full duplex.</summary>
    public interface ISpiBus
    {
        /// <summary>Clocks count bytes out of write[writeOffset..] and stores the bytes read into read[readOffset..].</summary>
        void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count);
    }

    /// <summary>One I2C device at a fixed 7-bit address.</summary>
    public interface II2cBus
    {
        /// <summary>Writes count bytes from buffer[offset..].</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Writes then reads with a repeated start (register read).</summary>
        void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount);
    }

    /// <summary>Called on an input edge; risingEdge false means falling edge.</summary>
    public delegate void PinEdgeHandler(int pin, bool risingEdge);

    /// <summary>GPIO pins: outputs, inputs and edge callbacks (DRDY, IMU INT).</summary>
    public interface IGpio
    {
        /// <summary>Sets an output pin level.</summary>
        void Write(int pin, bool high);

        /// <summary>Reads an input pin level.</summary>
        bool Read(int pin);

        /// <summary>Registers the callback for edges on an input pin (null removes it).</summary>
        void SetEdgeCallback(int pin, PinEdgeHandler handler);
    }

    /// <summary>Blocking delays, so drivers can meet datasheet timings on the board and run instantly in tests.</summary>
    public interface IDelay
    {
        /// <summary>Waits at least the given microseconds.</summary>
        void WaitMicroseconds(int microseconds);
    }
}
