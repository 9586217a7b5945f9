namespace GluteSense.Firmware.Core.Drivers.Ads1298
{
    /// <summary>ADS1298 register map (datasheet SBAS459, 9.6 "Register Map", Table 14).</summary>
    internal enum Register : byte
    {
        Id = 0x00, Config1 = 0x01, Config2 = 0x02, Config3 = 0x03, Loff = 0x04,
        Ch1Set = 0x05, RldSensP = 0x0D, RldSensN = 0x0E, LoffSensP = 0x0F, LoffSensN = 0x10, LoffFlip = 0x11,
        LoffStatP = 0x12, LoffStatN = 0x13, Gpio = 0x14, Pace = 0x15, Resp = 0x16, Config4 = 0x17, Wct1 = 0x18, Wct2 = 0x19,
    }

    /// <summary>SPI command opcodes (SBAS459 9.5.3, Table 13).</summary>
    internal enum Command : byte
    {
        Wakeup = 0x02, Standby = 0x04, Reset = 0x06, Start = 0x08, Stop = 0x0A,
        Rdatac = 0x10, Sdatac = 0x11, Rdata = 0x12, Rreg = 0x20, Wreg = 0x40,
    }
}
