using System;
using System.Linq;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Host.Bench;
using GluteSense.Host.Streaming;
using static GluteSense.Host.Tests.Bench.DeviceFakes;

namespace GluteSense.Host.Tests.Bench;

/// <summary>
/// The bench rig end to end on System.Device fakes: an SPI "ADS1298" that answers its ID and streams a 100 Hz sine on
/// channel 1, an I2C "ICM-42688-P" with WHO_AM_I and an empty FIFO, DRDY edges fired as the chip would at the
/// configured rate (2 kSPS by default).
/// The samples arrive through the wire protocol and the host reassembler, and the envelope is the sine's RMS.
/// </summary>
public class BenchRigTests
{
    private const double AmplitudeUv = 200, FrequencyHz = 100;

    private static (BenchRig Rig, FakeGpioDriver Gpio, FakeSpi Spi) Rig(byte afeId = Ads1298.ExpectedId, int rateHz = 2000)
    {
        int sample = 0;
        float lsbUv = Ads1298.CountsToMicrovolts(1, 6, Ads1298.InternalReference2V4);
        var spi = new FakeSpi
        {
            Respond = w =>
            {
                if (w.Length == 3 && w[0] == 0x20) return new byte[] { 0, 0, afeId };
                if (w.Length != Ads1298.FrameBytes) return new byte[w.Length];
                var frame = new byte[Ads1298.FrameBytes];
                frame[0] = 0xC0;
                int counts = (int)Math.Round(AmplitudeUv * Math.Sin(2 * Math.PI * FrequencyHz * sample++ / rateHz) / lsbUv);
                frame[3] = (byte)(counts >> 16); frame[4] = (byte)(counts >> 8); frame[5] = (byte)counts;
                return frame;
            },
        };
        var i2c = new FakeI2c();
        i2c.Registers[0x75] = Icm42688.ExpectedWhoAmI;
        i2c.Registers[0x2D] = Icm42688.IntStatusResetDone;   // INT_STATUS after a completed reset
        var driver = new FakeGpioDriver();
        var gpio = new GpioControllerBus(new System.Device.Gpio.GpioController(driver));
        return (new BenchRig(new SpiDeviceBus(spi), new I2cDeviceBus(i2c), gpio, new NoDelay(), BenchPins.RaspberryPi), driver, spi);
    }

    [Fact]
    public void OneSecondOfDrdyEdgesArrivesAsEnvelopeThroughTheProtocol()
    {
        (BenchRig rig, FakeGpioDriver gpio, FakeSpi spi) = Rig();
        rig.Start();
        Assert.Equal(2000, rig.Configuration.EmgRateHz);
        Assert.Contains(spi.Frames, f => f.Length == 3 && f[0] == 0x41 && f[2] == 0x84);   // WREG CONFIG1: HR, 2 kSPS
        for (int i = 0; i < rig.Configuration.EmgRateHz; i++) gpio.Fire(BenchPins.RaspberryPi.Drdy, System.Device.Gpio.PinEventTypes.Falling);
        rig.Stop();

        EnvelopeBlock[] blocks = rig.Collector.TakeEnvelope().ToArray();
        float[] channel1 = blocks.SelectMany(b => Enumerable.Range(0, b.SampleCount).Select(i => b.Microvolts[i * b.Channels])).ToArray();
        float[] channel2 = blocks.SelectMany(b => Enumerable.Range(0, b.SampleCount).Select(i => b.Microvolts[i * b.Channels + 1])).ToArray();
        Assert.Equal(96, channel1.Length);   // 100 Hz envelope; the first value needs a full 50 ms window: 1 + (2000 - 100) / 20
        Assert.Empty(rig.Reassembler.Gaps);
        Assert.Equal(0, rig.SamplesDropped);
        double settled = channel1.Skip(20).Average(v => (double)v);   // after the band-pass settles
        Assert.Equal(AmplitudeUv / Math.Sqrt(2), settled, AmplitudeUv * 0.03);
        Assert.All(channel2, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void AMissingChipIsAClearError()
    {
        (BenchRig rig, _, _) = Rig(afeId: 0x00);
        var e = Assert.Throws<GluteSense.Host.IO.InputException>(rig.Start);
        Assert.Contains("no ADS1298 on the SPI bus (ID register 0x00", e.Message);
    }
}
