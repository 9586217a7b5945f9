using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Core.Tests.Simulators;

/// <summary>
/// Register-level ICM-42688-P (DS-000347): WHO_AM_I 0x47, soft reset via DEVICE_CONFIG, register auto-increment on
/// I2C reads, FIFO packet 3 (header 0x68, big-endian accel/gyro, 8-bit temp, timestamp), FIFO_COUNTH/L in bytes,
/// FIFO_DATA reads pop bytes, empty FIFO returns header 0x80.
/// </summary>
public sealed class Icm42688Simulator : II2cBus, IDelay
{
    private readonly byte[] _regs = new byte[128];
    private readonly Queue<byte> _fifo = new();

    public Icm42688Simulator() { Reset(); }

    public int SoftResets { get; private set; }
    public byte Reg(int a) => _regs[a];

    private void Reset()
    {
        Array.Clear(_regs);
        _regs[0x75] = 0x47;
        _regs[0x4F] = 0x06; // GYRO_CONFIG0 reset value
        _regs[0x50] = 0x06; // ACCEL_CONFIG0 reset value
        _fifo.Clear();
    }

    /// <summary>Pushes one packet-3 sample of raw codes (what the sensor measured).</summary>
    public void PushSample(short ax, short ay, short az, short gx, short gy, short gz, sbyte temp, ushort timestamp)
    {
        _fifo.Enqueue(0x68);
        foreach (short v in new[] { ax, ay, az, gx, gy, gz }) { _fifo.Enqueue((byte)(v >> 8)); _fifo.Enqueue((byte)v); }
        _fifo.Enqueue((byte)temp);
        _fifo.Enqueue((byte)(timestamp >> 8));
        _fifo.Enqueue((byte)timestamp);
    }

    public void SetTemperatureRaw(short raw) { _regs[0x1D] = (byte)(raw >> 8); _regs[0x1E] = (byte)raw; }

    public void WaitMicroseconds(int microseconds) { }

    public void Write(byte[] buffer, int offset, int count)
    {
        int a = buffer[offset];
        for (int i = 1; i < count; i++, a++)
        {
            if (a == 0x11 && (buffer[offset + i] & 1) != 0) { SoftResets++; Reset(); continue; }
            if (a == 0x75) continue; // read-only
            _regs[a] = buffer[offset + i];
        }
    }

    public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
    {
        int a = write[writeOffset];
        for (int i = 0; i < readCount; i++)
        {
            if (a == 0x30)
            {
                read[readOffset + i] = _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0x80; // FIFO_DATA does not advance
                continue;
            }

            read[readOffset + i] = a switch
            {
                0x2E => (byte)(_fifo.Count >> 8),
                0x2F => (byte)_fifo.Count,
                _ => _regs[a],
            };
            a++;
        }
    }
}
