using System;
using GluteSense.Firmware.Core.Acquisition;

namespace GluteSense.Firmware.Core.Tests.Acquisition;

public class ImuPathTests
{
    // Datasheet sensitivities (MPU-6500 / ICM-42688-P class, 16-bit): +-2000 dps -> 16.4 LSB per dps,
    // +-8 g -> 4096 LSB per g.
    private static ImuSettings Settings(int odrHz = 100, int streamHz = 100) => new()
    {
        OutputDataRateHz = odrHz,
        StreamRateHz = streamHz,
        GyroRadPerSecondPerLsb = (float)(Math.PI / 180 / 16.4),
        AccelMetersPerSecond2PerLsb = 9.80665f / 4096f,
    };

    [Fact]
    public void ScalesDatasheetCountsToSiUnits()
    {
        var path = new ImuPath(Settings());
        short[] raw = { 164, -164, 0, 0, 0, 4096 };   // 10 dps, -10 dps, 0; 1 g on z
        var output = new float[6];
        Assert.Equal(1, path.Process(raw, 0, 1, output, 0));
        Assert.Equal(10 * Math.PI / 180, output[0], 1e-5);
        Assert.Equal(-10 * Math.PI / 180, output[1], 1e-5);
        Assert.Equal(9.80665, output[5], 1e-4);
    }

    [Fact]
    public void AppliesCalibration()
    {
        ImuSettings settings = Settings();
        settings.GyroBiasRadPerSecond[0] = 0.01f;
        settings.AccelOffsetMetersPerSecond2[2] = 0.2f;
        settings.AccelScale[2] = 0.98f;
        var path = new ImuPath(settings);
        var output = new float[6];
        path.Process(new short[] { 0, 0, 0, 0, 0, 4096 }, 0, 1, output, 0);
        Assert.Equal(-0.01, output[0], 1e-5);
        Assert.Equal((9.80665 - 0.2) * 0.98, output[5], 1e-4);
    }

    [Fact]
    public void AveragesDownToTheStreamRateAcrossBursts()
    {
        var path = new ImuPath(Settings(odrHz: 400, streamHz: 100));
        Assert.Equal(4, path.Decimation);
        var output = new float[12];
        // Bursts of 3 and 5 samples: 8 samples -> 2 output samples, averages of 1,2,3,4 and 5,6,7,8 (x gyro).
        short[] first = new short[18], second = new short[30];
        for (int i = 0; i < 3; i++) first[i * 6] = (short)(164 * (i + 1));
        for (int i = 0; i < 5; i++) second[i * 6] = (short)(164 * (i + 4));
        Assert.Equal(0, path.Process(first, 0, 3, output, 0));
        Assert.Equal(2, path.Process(second, 0, 5, output, 0));
        Assert.Equal(25 * Math.PI / 180, output[0], 1e-5);
        Assert.Equal(65 * Math.PI / 180, output[6], 1e-5);
    }

    [Fact]
    public void RejectsBadSettingsAndBuffers()
    {
        Assert.Throws<ArgumentException>(() => new ImuPath(Settings(odrHz: 150, streamHz: 100)));
        var path = new ImuPath(Settings());
        Assert.Throws<ArgumentOutOfRangeException>(() => path.Process(new short[6], 0, 2, new float[12], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => path.Process(new short[12], 0, 2, new float[6], 0));
    }

    [Fact]
    public void ProcessingAllocatesNothing()
    {
        var path = new ImuPath(Settings(odrHz: 200, streamHz: 100));
        var raw = new short[6 * 32];
        var output = new float[6 * 16];
        path.Process(raw, 0, 32, output, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            path.Process(raw, 0, 32, output, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
