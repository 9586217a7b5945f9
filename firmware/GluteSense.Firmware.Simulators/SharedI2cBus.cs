using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Simulators;

/// <summary>
/// One I2C bus with several chips on it: a transaction addressed to a 7-bit address reaches only that chip, and an
/// address nobody answers is a NACK (thrown, as the board's adapter reports it). Used for the multi-IMU tests.
/// </summary>
public sealed class SharedI2cBus
{
    private readonly Dictionary<int, II2cBus> _chips = new();

    /// <summary>Transactions per address, to show which chip was talked to.</summary>
    public Dictionary<int, int> Transactions { get; } = new();

    public void Attach(int address, II2cBus chip) => _chips[address] = chip;

    /// <summary>The bus as one device sees it (what the board's I2C adapter gives each driver).</summary>
    public II2cBus Device(int address) => new Addressed(this, address);

    private II2cBus Chip(int address)
    {
        if (!_chips.TryGetValue(address, out II2cBus? chip)) throw new InvalidOperationException($"I2C address 0x{address:X2}: no acknowledge");
        Transactions[address] = Transactions.GetValueOrDefault(address) + 1;
        return chip;
    }

    private sealed class Addressed(SharedI2cBus bus, int address) : II2cBus
    {
        public void Write(byte[] buffer, int offset, int count) => bus.Chip(address).Write(buffer, offset, count);

        public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount) =>
            bus.Chip(address).WriteRead(write, writeOffset, writeCount, read, readOffset, readCount);
    }
}
