using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Simulators;

/// <summary>
/// Register-level ADS1298 (SBAS459): reset defaults (Table 14), RREG/WREG framing (9.5.3), RDATAC/SDATAC, START pin,
/// DRDY falling edges, 24-bit status word 1100 + LOFF_STATP + LOFF_STATN + GPIO[7:4] (9.4.4.2), channel codes from
/// input voltages with gain and VREF, internal test signal. Also acts as GPIO and delay for the driver's pins. Writing
/// CONFIG1 while START is high is an error here (the chip would reset its digital filter mid-stream); waits and
/// register writes are logged in order ("W03", "D150000").
/// </summary>
public sealed class Ads1298Simulator : ISpiBus, IGpio, IDelay
{
    public const int StartPin = 16, ResetPin = 17, PwdnPin = 4, DrdyPin = 34;
    private static readonly byte[] Defaults =
    {
        0x92, 0x06, 0x40, 0x40, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0F, 0, 0, 0, 0, 0,
    };

    private static readonly int[] GainByCode = { 6, 1, 2, 3, 4, 8, 12, 6 };
    private readonly byte[] _regs = new byte[26];
    private readonly bool[] _pins = new bool[40];
    private PinEdgeHandler? _drdyHandler;
    private bool _resetLowSeen;

    public Ads1298Simulator() { PowerOn(); }

    /// <summary>Differential input voltage per channel, microvolts.</summary>
    public double[] InputMicrovolts { get; } = new double[8];
    public byte LeadOffP { get; set; }
    public byte LeadOffN { get; set; }
    public bool Continuous { get; private set; }
    public long TotalWaitUs { get; private set; }
    public int ResetCount { get; private set; }

    public byte Reg(int address) => _regs[address];

    /// <summary>ID register value after power-on (0x92 for an ADS1298; anything else simulates a wrong or absent chip).</summary>
    public byte Id { get; set; } = 0x92;

    /// <summary>Status words of the next frames have a wrong preamble (SPI out of step) while this is above zero.</summary>
    public int CorruptFrames { get; set; }

    /// <summary>Register writes and waits in order.</summary>
    public List<string> Events { get; } = new();

    private void PowerOn()
    {
        Array.Copy(Defaults, _regs, Defaults.Length);
        _regs[0] = Id;
        Continuous = true; // the chip powers up in RDATAC (SBAS459 9.5.3.6)
    }

    public void WaitMicroseconds(int microseconds)
    {
        TotalWaitUs += microseconds;
        Events.Add("D" + microseconds);
    }

    public bool Read(int pin) => _pins[pin];

    public void SetEdgeCallback(int pin, PinEdgeHandler handler)
    {
        if (pin != DrdyPin) throw new InvalidOperationException("edge callback only on DRDY");
        _drdyHandler = handler;
    }

    public void Write(int pin, bool high)
    {
        if (pin == ResetPin && !high) _resetLowSeen = true;
        if (pin == ResetPin && high && _resetLowSeen) { _resetLowSeen = false; ResetCount++; PowerOn(); }
        _pins[pin] = high;
    }

    /// <summary>Converts one sample: DRDY falls if START is high (the driver's callback then reads the frame).</summary>
    public void ConvertOnce()
    {
        if (!_pins[StartPin]) throw new InvalidOperationException("START is low: no conversion");
        _pins[DrdyPin] = false;
        _drdyHandler?.Invoke(DrdyPin, false);
        _pins[DrdyPin] = true;
    }

    public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        byte op = write[writeOffset];
        if (Continuous && op == 0x00 && count == 27)
        {
            FillFrame(read, readOffset);
            return;
        }

        for (int i = 0; i < count; i++) read[readOffset + i] = 0;
        if (op == 0x11) { Continuous = false; return; }
        if (op == 0x10) { Continuous = true; return; }
        if (op == 0x06) { PowerOn(); return; }
        if (op is 0x02 or 0x04 or 0x08 or 0x0A or 0x12) return;
        if (Continuous) throw new InvalidOperationException($"register access 0x{op:X2} while in RDATAC (send SDATAC first)");
        int address = op & 0x1F;
        int n = write[writeOffset + 1] + 1;
        if (count != 2 + n) throw new InvalidOperationException("RREG/WREG frame length mismatch");
        if ((op & 0xE0) == 0x20)
        {
            for (int i = 0; i < n; i++) read[readOffset + 2 + i] = _regs[address + i];
        }
        else if ((op & 0xE0) == 0x40)
        {
            for (int i = 0; i < n; i++)
            {
                int a = address + i;
                Events.Add("W" + a.ToString("X2"));
                if (a == 1 && _pins[StartPin]) throw new InvalidOperationException("CONFIG1 written while converting (START high)");
                if (a == 0 || a == 0x12 || a == 0x13) continue; // read-only: ID, LOFF_STATP, LOFF_STATN
                _regs[a] = write[writeOffset + 2 + i];
            }
        }
        else
        {
            throw new InvalidOperationException($"unknown opcode 0x{op:X2}");
        }
    }

    private void FillFrame(byte[] read, int off)
    {
        _regs[0x12] = LeadOffP;
        _regs[0x13] = LeadOffN;
        int status = (0xC << 20) | (LeadOffP << 12) | (LeadOffN << 4) | ((_regs[0x14] >> 4) & 0xF);
        if (CorruptFrames > 0)
        {
            CorruptFrames--;
            status ^= 0x5 << 20;   // preamble 1001 instead of 1100
        }

        read[off] = (byte)(status >> 16); read[off + 1] = (byte)(status >> 8); read[off + 2] = (byte)status;
        double vrefV = (_regs[3] & 0x20) != 0 ? 4.0 : 2.4;
        for (int ch = 0; ch < 8; ch++)
        {
            byte set = _regs[5 + ch];
            int gain = GainByCode[(set >> 4) & 7];
            double uv = (set & 7) switch
            {
                0 => InputMicrovolts[ch],
                1 => 0.0,
                5 => (_regs[2] & 0x10) != 0 ? vrefV / 2.4 * 1000.0 * ((_regs[2] & 0x04) != 0 ? 2 : 1) : 0.0,
                _ => 0.0,
            };
            if ((set & 0x80) != 0) uv = 0.0;
            double code = Math.Round(uv * 1e-6 * gain / vrefV * 8388607.0);
            int c = (int)Math.Clamp(code, -8388608, 8388607);
            read[off + 3 + 3 * ch] = (byte)(c >> 16); read[off + 4 + 3 * ch] = (byte)(c >> 8); read[off + 5 + 3 * ch] = (byte)c;
        }
    }
}
