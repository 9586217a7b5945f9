using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Simulators;

/// <summary>
/// Register-level ICM-42688-P (DS-000347): WHO_AM_I 0x47, soft reset via DEVICE_CONFIG, register auto-increment on
/// I2C reads, FIFO packet 3 (header 0x68, big-endian accel/gyro, 8-bit temp, timestamp), FIFO_COUNTH/L in bytes,
/// FIFO_DATA reads pop bytes, empty FIFO returns header 0x80; INT_STATUS (0x2D, clear on read) with RESET_DONE after a
/// reset and FIFO_FULL when a packet did not fit the 2 kB FIFO (the packet is lost). Waits and register writes are
/// logged in order ("W4E", "D30000") so tests can check what the driver waited for.
/// </summary>
public sealed class Icm42688Simulator : II2cBus, IDelay
{
    private readonly byte[] _regs = new byte[128];
    private readonly Queue<byte> _fifo = new();

    /// <summary>FIFO size, bytes (DS-000347: 2 kB).</summary>
    public const int FifoBytes = 2048;

    /// <summary>Register writes and waits in order.</summary>
    public List<string> Events { get; } = new();

    /// <summary>When set, a soft reset never reports RESET_DONE (a chip that did not come back).</summary>
    public bool ResetNeverCompletes { get; set; }

    public Icm42688Simulator() { Reset(); }

    public int SoftResets { get; private set; }
    public byte Reg(int a) => _regs[a];

    private void Reset()
    {
        Array.Clear(_regs);
        _regs[0x75] = 0x47;
        _regs[0x4F] = 0x06; // GYRO_CONFIG0 reset value
        _regs[0x50] = 0x06; // ACCEL_CONFIG0 reset value
        _regs[0x64] = 0x10; // INT_CONFIG1 reset value (INT_ASYNC_RESET = 1)
        _regs[0x2D] = ResetNeverCompletes ? (byte)0 : (byte)0x10; // INT_STATUS: RESET_DONE_INT
        _fifo.Clear();
    }

    /// <summary>Pushes one packet-3 sample of raw codes (what the sensor measured).</summary>
    public void PushSample(short ax, short ay, short az, short gx, short gy, short gz, sbyte temp, ushort timestamp)
    {
        if (_fifo.Count + 16 > FifoBytes)
        {
            _regs[0x2D] |= 0x02;   // FIFO_FULL_INT: this sample is lost
            return;
        }

        _fifo.Enqueue(0x68);
        foreach (short v in new[] { ax, ay, az, gx, gy, gz }) { _fifo.Enqueue((byte)(v >> 8)); _fifo.Enqueue((byte)v); }
        _fifo.Enqueue((byte)temp);
        _fifo.Enqueue((byte)(timestamp >> 8));
        _fifo.Enqueue((byte)timestamp);
    }

    public void SetTemperatureRaw(short raw) { _regs[0x1D] = (byte)(raw >> 8); _regs[0x1E] = (byte)raw; }

    public void WaitMicroseconds(int microseconds) => Events.Add("D" + microseconds);

    public void Write(byte[] buffer, int offset, int count)
    {
        int a = buffer[offset];
        Events.Add("W" + a.ToString("X2"));
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
            if (a == 0x2D) _regs[a] = 0;   // INT_STATUS clears on read
            a++;
        }
    }
}
