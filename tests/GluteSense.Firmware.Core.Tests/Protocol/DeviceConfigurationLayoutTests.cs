using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// get_config's 256 bytes and the info characteristic's 14 bytes at the offsets of docs/PROTOCOL.md sections 7.2 and
/// 7.3, read here field by field from the table (little-endian, f32 IEEE 754) rather than through the project's reader.
/// </summary>
public class DeviceConfigurationLayoutTests
{
    private static DeviceConfiguration Distinct()
    {
        var c = new DeviceConfiguration
        {
            Streaming = true, Mode = 3, EmgRateHz = 1000, ChannelCount = 6, ImuRateHz = 200, ImuSensors = 7,
            GyroFullScaleDps = 500, AccelFullScaleG = 8, MagLsbNanotesla = 300, RawMicrovoltsPerCount = 0.5f, NativeSelfTestHash = 0xCAFEBABE,
        };
        c.Filter.Kind = 1; c.Filter.RmsWindowMs = 125; c.Filter.EnvelopeRateHz = 50; c.Filter.BandLowHz = 10; c.Filter.BandHighHz = 400;
        c.Filter.NotchHz = 60; c.Filter.BiquadSectionCount = 2;
        for (int i = 0; i < c.Filter.Biquads.Length; i++) c.Filter.Biquads[i] = i + 1;   // only the first 2 x 5 go out
        for (int i = 0; i < 9; i++) c.ImuCalibration[i] = 100 + i;
        for (int i = 0; i < 8; i++) c.AfeOffsetMicrovolts[i] = -1000 - i;
        return c;
    }

    [Fact]
    public void ConfigFieldsSitAtTheTableOffsets()
    {
        var b = Enumerable.Repeat((byte)0xEE, 3 + 256 + 2).ToArray();   // stale bytes must be cleared
        Assert.Equal(256, Distinct().Write(b, 3));
        byte[] c = b[3..259];
        Assert.Equal((byte)0xEE, b[2]);
        Assert.Equal((byte)0xEE, b[259]);
        Assert.Equal(new byte[] { 1, 3, 0xE8, 0x03, 6, 200, 0, 7, 0xF4, 0x01, 8, 0x2C, 0x01 }, c[..13]);
        Assert.Equal(0.5f, BitConverter.ToSingle(c, 13));
        Assert.Equal(new byte[] { 1, 125, 0, 50, 0, 10, 0, 0x90, 0x01, 60, 2 }, c[17..28]);
        for (int i = 0; i < 10; i++) Assert.Equal(i + 1f, BitConverter.ToSingle(c, 28 + 4 * i));
        Assert.All(c[68..188], v => Assert.Equal(0, v));                 // sections 3..8 unused: zero
        for (int i = 0; i < 9; i++) Assert.Equal(100f + i, BitConverter.ToSingle(c, 188 + 4 * i));
        for (int i = 0; i < 8; i++) Assert.Equal(-1000f - i, BitConverter.ToSingle(c, 224 + 4 * i));

        var read = new DeviceConfiguration();
        Assert.True(read.Read(b, 3, 256));
        Assert.Equal((true, 3, 1000, 6, 200, 7, 500, 8, 300, 0.5f),
            (read.Streaming, read.Mode, read.EmgRateHz, read.ChannelCount, read.ImuRateHz, read.ImuSensors, read.GyroFullScaleDps,
             read.AccelFullScaleG, read.MagLsbNanotesla, read.RawMicrovoltsPerCount));
        Assert.Equal((1, 125, 50, 10, 400, 60, 2),
            (read.Filter.Kind, read.Filter.RmsWindowMs, read.Filter.EnvelopeRateHz, read.Filter.BandLowHz, read.Filter.BandHighHz,
             read.Filter.NotchHz, read.Filter.BiquadSectionCount));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (float)i), read.Filter.Biquads[..10]);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => 100f + i), read.ImuCalibration);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => -1000f - i), read.AfeOffsetMicrovolts);
    }

    [Fact]
    public void ReadRefusesAWrongLengthOrMoreThanEightSections()
    {
        var b = new byte[257];
        Distinct().Write(b, 0);
        var read = new DeviceConfiguration();
        Assert.False(read.Read(b, 0, 255));
        Assert.False(read.Read(b, 0, 257));
        b[27] = 9;
        Assert.False(read.Read(b, 0, 256));
        Assert.Equal(ProtocolSpec.ModeEnvelope, read.Mode);   // nothing taken from a refused block
        b[27] = 8;
        Assert.True(read.Read(b, 0, 256));
        Assert.Equal(8, read.Filter.BiquadSectionCount);
        var off = new DeviceConfiguration { Streaming = true };
        Assert.True(off.Read(new byte[256], 0, 256));
        Assert.False(off.Streaming);
    }

    [Fact]
    public void AFreshBoardReportsTheDefaultsOfSection71()
    {
        // Not streaming, envelope mode (1), 2000 Hz, 4 channels, IMU 100 Hz with gyro + accel (mask 0x03),
        // parametric filter (0), RMS window 50 ms, envelope 100 Hz, band 20..450 Hz, notch 50 Hz, no sections.
        var b = Enumerable.Repeat((byte)0xEE, 256).ToArray();
        new DeviceConfiguration().Write(b, 0);
        Assert.Equal(new byte[] { 0, 1, 0xD0, 0x07, 4, 100, 0, 0x03 }, b[..8]);
        Assert.Equal(new byte[] { 0, 50, 0 }, b[17..20]);
        Assert.Equal(new byte[] { 100, 0, 20, 0, 0xC2, 0x01, 50, 0 }, b[20..28]);
    }

    [Fact]
    public void InfoFieldsOverwriteOnlyTheirOwnBytes()
    {
        var b = Enumerable.Repeat((byte)0xEE, 16).ToArray();
        Assert.Equal(14, Distinct().WriteDeviceInfo(b, 1, 2, 7));
        Assert.Equal(new byte[] { 0xEE, 1, 0, 2, 7, 6, 7, 0xEE, 0x01, 0x00, 0x40, 0xBE, 0xBA, 0xFE, 0xCA, 0xEE }, b);
    }

    [Fact]
    public void InfoCharacteristicIsFourteenBytes()
    {
        var b = new byte[16];
        Assert.Equal(14, Distinct().WriteDeviceInfo(b, 1, 2, 7));
        Assert.Equal(new byte[] { 0, 1, 0, 2, 7, 6, 7, 0xEE, 0x01, 0x00, 0x40, 0xBE, 0xBA, 0xFE, 0xCA, 0 }, b);
    }
}
