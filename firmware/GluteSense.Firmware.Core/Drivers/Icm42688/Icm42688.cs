using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Core.Drivers.Icm42688
{
    /// <summary>ICM-42688-P bank-0 registers (TDK DS-000347, section 14 "Register Map").</summary>
    internal enum Register : byte
    {
        DeviceConfig = 0x11, IntConfig = 0x14, FifoConfig = 0x16, TempData1 = 0x1D, IntStatus = 0x2D, FifoCountH = 0x2E,
        FifoData = 0x30, PwrMgmt0 = 0x4E, GyroConfig0 = 0x4F, AccelConfig0 = 0x50, FifoConfig1 = 0x5F,
        FifoConfig2 = 0x60, FifoConfig3 = 0x61, IntConfig0 = 0x63, IntConfig1 = 0x64, IntSource0 = 0x65, WhoAmI = 0x75,
    }

    /// <summary>Called from the INT1 edge with the samples just read into the caller's buffer.</summary>
    public delegate void Icm42688SamplesHandler(float[] samples, int sampleCount);

    /// <summary>
    /// TDK ICM-42688-P 6-axis IMU over I2C, FIFO packet 3 (16 bytes: header, accel XYZ, gyro XYZ, temp, timestamp;
    /// DS-000347 6.1), burst reads of whole packets, watermark interrupt on INT1.
    /// </summary>
    public sealed class Icm42688
    {
        /// <summary>WHO_AM_I value.</summary>
        public const byte ExpectedWhoAmI = 0x47;
        /// <summary>FIFO packet 3 size in bytes.</summary>
        public const int PacketBytes = 16;
        /// <summary>Values per sample written by ReadFifo: ax, ay, az (m/s^2), gx, gy, gz (rad/s), temperature (degC).</summary>
        public const int ValuesPerSample = 7;
        /// <summary>Largest burst (packets) per read.</summary>
        public const int MaxBurstPackets = 32;
        /// <summary>Standard gravity, m/s^2.</summary>
        public const float StandardGravityMps2 = 9.80665f;
        /// <summary>Degrees to radians.</summary>
        public const float RadPerDeg = 0.017453292f;
        /// <summary>Soft reset settle time (DS-000347: 1 ms).</summary>
        public const int SoftResetWaitUs = 1000;
        /// <summary>After switching the sensors on: gyro start-up time 30 ms (DS-000347 Table 1), which also covers the
        /// 200 us without register writes after a PWR_MGMT0 change (PWR_MGMT0 note).</summary>
        public const int SensorStartupWaitUs = 30000;
        /// <summary>INT_STATUS bits: RESET_DONE_INT (4), FIFO_FULL_INT (1); the register clears on read.</summary>
        public const int IntStatusResetDone = 0x10, IntStatusFifoFull = 0x02;
        /// <summary>INT_CONFIG: INT1 push-pull (INT1_DRIVE_CIRCUIT, bit 1), active low, pulsed, as the board wires it
        /// (README Circuit: INT1 push-pull to an input pin, falling edge).</summary>
        public const byte IntConfigInt1PushPullActiveLow = 0x02;
        /// <summary>INT_CONFIG1: INT_ASYNC_RESET (bit 4) cleared, as DS-000347 requires for proper INT1/INT2 operation
        /// (reset value 0x10); 100 us pulses, de-assert enabled (ODR below 4 kHz).</summary>
        public const byte IntConfig1Proper = 0x00;

        private readonly II2cBus _i2c;
        private readonly IDelay _delay;
        private readonly byte[] _tx = new byte[2];
        private readonly byte[] _rx = new byte[PacketBytes * MaxBurstPackets];
        private float _accelMps2PerLsb, _gyroRadpsPerLsb;
        private int _fifoOverflows;

        /// <summary>Creates the driver on an I2C device (address 0x68 or 0x69 by AD0).</summary>
        public Icm42688(II2cBus i2c, IDelay delay) { _i2c = i2c; _delay = delay; }

        /// <summary>FIFO overflows seen (FIFO_FULL in INT_STATUS at a burst): samples were lost before this burst.</summary>
        public int FifoOverflows { get { return _fifoOverflows; } }

        /// <summary>Soft reset (RESET_DONE checked), check WHO_AM_I, INT1 push-pull, set ranges (accel ±g: 2/4/8/16; gyro ±dps: 250/500/1000/2000) and ODR code
        /// (GYRO/ACCEL_CONFIG0[3:0], e.g. 6 = 1 kHz, 7 = 200 Hz), FIFO stream mode with accel+gyro+temp, watermark INT1.</summary>
        public void Configure(int accelRangeG, int gyroRangeDps, int odrCode, int watermarkPackets)
        {
            WriteRegister(Register.DeviceConfig, 0x01);
            _delay.WaitMicroseconds(SoftResetWaitUs);
            if (ReadRegister(Register.WhoAmI) != ExpectedWhoAmI) throw new System.InvalidOperationException("ICM-42688-P not found");
            if ((ReadRegister(Register.IntStatus) & IntStatusResetDone) == 0)
            {
                throw new System.InvalidOperationException("ICM-42688-P did not complete its soft reset (RESET_DONE not set)");
            }

            WriteRegister(Register.IntConfig, IntConfigInt1PushPullActiveLow);
            WriteRegister(Register.IntConfig1, IntConfig1Proper);
            int aSel = accelRangeG == 16 ? 0 : accelRangeG == 8 ? 1 : accelRangeG == 4 ? 2 : accelRangeG == 2 ? 3 : -1;
            int gSel = gyroRangeDps == 2000 ? 0 : gyroRangeDps == 1000 ? 1 : gyroRangeDps == 500 ? 2 : gyroRangeDps == 250 ? 3 : -1;
            if (aSel < 0 || gSel < 0) throw new System.ArgumentException("accel range 2/4/8/16 g, gyro range 250/500/1000/2000 dps");
            _accelMps2PerLsb = accelRangeG * StandardGravityMps2 / 32768f;
            _gyroRadpsPerLsb = gyroRangeDps * RadPerDeg / 32768f;
            WriteRegister(Register.GyroConfig0, (byte)((gSel << 5) | (odrCode & 0xF)));
            WriteRegister(Register.AccelConfig0, (byte)((aSel << 5) | (odrCode & 0xF)));
            WriteRegister(Register.FifoConfig, 0x40);   // stream-to-FIFO
            WriteRegister(Register.FifoConfig1, 0x07);  // accel + gyro + temp -> packet 3
            int wmBytes = watermarkPackets * PacketBytes;
            WriteRegister(Register.FifoConfig2, (byte)wmBytes);
            WriteRegister(Register.FifoConfig3, (byte)(wmBytes >> 8));
            WriteRegister(Register.IntSource0, 0x04);   // FIFO_THS_INT1_EN
            WriteRegister(Register.PwrMgmt0, 0x0F);     // gyro + accel low-noise mode
            _delay.WaitMicroseconds(SensorStartupWaitUs);
        }

        /// <summary>Gyro and accel off (PWR_MGMT0 = 0): the low-battery shutdown.</summary>
        public void PowerDown()
        {
            WriteRegister(Register.PwrMgmt0, 0x00);
        }

        private float[] _irqBuffer;
        private int _irqMaxSamples;
        private Icm42688SamplesHandler _irqHandler;

        /// <summary>Interrupt-driven reads: on each INT1 edge (FIFO watermark, active low per INT_CONFIG) the FIFO is
        /// burst-read into buffer (up to maxSamples) and handler is called. Pass null handler to stop.</summary>
        public void AttachInterrupt(IGpio gpio, int intPin, float[] buffer, int maxSamples, Icm42688SamplesHandler handler)
        {
            _irqBuffer = buffer;
            _irqMaxSamples = maxSamples;
            _irqHandler = handler;
            gpio.SetEdgeCallback(intPin, handler == null ? null : (PinEdgeHandler)OnInt);
        }

        private void OnInt(int pin, bool risingEdge)
        {
            if (risingEdge) return;
            int n = ReadFifo(_irqBuffer, 0, _irqMaxSamples);
            Icm42688SamplesHandler h = _irqHandler;
            if (n > 0 && h != null) h(_irqBuffer, n);
        }

        /// <summary>Accel scale, m/s^2 per LSB.</summary>
        public float AccelMps2PerLsb { get { return _accelMps2PerLsb; } }

        /// <summary>Gyro scale, rad/s per LSB.</summary>
        public float GyroRadpsPerLsb { get { return _gyroRadpsPerLsb; } }

        /// <summary>Bytes in the FIFO (FIFO_COUNTH/L, big endian, read high first to latch).</summary>
        public int ReadFifoCountBytes()
        {
            _tx[0] = (byte)Register.FifoCountH;
            _i2c.WriteRead(_tx, 0, 1, _rx, 0, 2);
            return (_rx[0] << 8) | _rx[1];
        }

        /// <summary>Burst-reads whole packets (at most maxSamples and MaxBurstPackets) into output[offset..] as
        /// ValuesPerSample floats each (ax ay az m/s^2, gx gy gz rad/s, temperature degC); returns the samples written.
        /// Zero allocation.</summary>
        public int ReadFifo(float[] output, int offset, int maxSamples)
        {
            int packets = BurstRead(maxSamples);
            for (int p = 0; p < packets; p++)
            {
                int b = p * PacketBytes;
                int o = offset + p * ValuesPerSample;
                for (int axis = 0; axis < 3; axis++)
                {
                    output[o + axis] = Int16(b + 1 + 2 * axis) * _accelMps2PerLsb;
                    output[o + 3 + axis] = Int16(b + 7 + 2 * axis) * _gyroRadpsPerLsb;
                }
                output[o + 6] = FifoTemperatureDegC((sbyte)_rx[b + 13]);
            }
            return packets;
        }

        /// <summary>Raw values per sample in <see cref="ReadFifoRaw"/>: gx gy gz ax ay az.</summary>
        public const int RawValuesPerSample = 6;

        /// <summary>Burst-reads whole packets into output[offset..] as raw 16-bit counts, gx gy gz ax ay az per sample
        /// (the order BoardRuntime.OnImuBurst takes); returns the samples written. Zero allocation.</summary>
        public int ReadFifoRaw(short[] output, int offset, int maxSamples)
        {
            int packets = BurstRead(maxSamples);
            for (int p = 0; p < packets; p++)
            {
                int b = p * PacketBytes;
                int o = offset + p * RawValuesPerSample;
                for (int axis = 0; axis < 3; axis++)
                {
                    output[o + axis] = (short)Int16(b + 7 + 2 * axis);
                    output[o + 3 + axis] = (short)Int16(b + 1 + 2 * axis);
                }
            }
            return packets;
        }

        // Reads up to maxSamples whole packets into _rx; returns how many valid packets precede an empty-FIFO header.
        private int BurstRead(int maxSamples)
        {
            if ((ReadRegister(Register.IntStatus) & IntStatusFifoFull) != 0) _fifoOverflows++;
            int packets = ReadFifoCountBytes() / PacketBytes;
            if (packets > maxSamples) packets = maxSamples;
            if (packets > MaxBurstPackets) packets = MaxBurstPackets;
            if (packets == 0) return 0;
            _tx[0] = (byte)Register.FifoData;
            _i2c.WriteRead(_tx, 0, 1, _rx, 0, packets * PacketBytes);
            for (int p = 0; p < packets; p++)
            {
                if ((_rx[p * PacketBytes] & 0x80) != 0) return p; // header MSG bit: FIFO empty
            }
            return packets;
        }

        /// <summary>FIFO 8-bit temperature: T = value / 2.07 + 25 degC (DS-000347 6.1).</summary>
        public static float FifoTemperatureDegC(int value) { return value / 2.07f + 25f; }

        /// <summary>Register temperature: T = TEMP_DATA / 132.48 + 25 degC (DS-000347 14.x TEMP_DATA).</summary>
        public static float RegisterTemperatureDegC(int value) { return value / 132.48f + 25f; }

        /// <summary>Reads TEMP_DATA1/0 and converts to degC.</summary>
        public float ReadTemperatureDegC()
        {
            _tx[0] = (byte)Register.TempData1;
            _i2c.WriteRead(_tx, 0, 1, _rx, 0, 2);
            return RegisterTemperatureDegC((short)((_rx[0] << 8) | _rx[1]));
        }

        private int Int16(int i) { return (short)((_rx[i] << 8) | _rx[i + 1]); }

        internal byte ReadRegister(Register r)
        {
            _tx[0] = (byte)r;
            _i2c.WriteRead(_tx, 0, 1, _rx, 0, 1);
            return _rx[0];
        }

        internal void WriteRegister(Register r, byte value)
        {
            _tx[0] = (byte)r;
            _tx[1] = value;
            _i2c.Write(_tx, 0, 2);
        }
    }
}
