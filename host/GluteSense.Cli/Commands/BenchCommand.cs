using System;
using System.CommandLine;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using GluteSense.Host.Bench;
using GluteSense.Host.IO;
using GluteSense.Host.Streaming;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense bench --spi BUS.CS --i2c BUS [--seconds N]</c>: the wired Linux rig (docs/bench.md).</summary>
internal static class BenchCommand
{
    /// <summary>AFE SPI clock on the bench (Hz) and the lumbar IMU's I2C address.</summary>
    private const int SpiClockHz = 4_000_000, ImuAddress = 0x68;

    public static Command Create()
    {
        var spi = new Option<string>("--spi")
        {
            Description = "SPI bus and chip select of the ADS1298, BUS.CS (for example 0.0 = /dev/spidev0.0)",
            Required = true,
        };
        var i2c = new Option<int>("--i2c")
        {
            Description = "I2C bus of the ICM-42688-P (for example 1 = /dev/i2c-1), address 0x68",
            Required = true,
        };
        var seconds = new Option<double>("--seconds") { Description = "How long to stream (s)", DefaultValueFactory = _ => 10 };
        var drdy = new Option<int>("--drdy")
        {
            Description = "GPIO of DRDY (BCM numbering)",
            DefaultValueFactory = _ => BenchPins.RaspberryPi.Drdy,
        };
        var command = new Command("bench", "Stream from the core drivers on a Linux board over SPI/I2C (wired lab rig)");
        foreach (Option o in new Option[] { spi, i2c, seconds, drdy }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "bench", cancel, stdout =>
        {
            (int bus, int cs) = ParseSpi(parse.GetValue(spi)!);
            double runS = parse.GetValue(seconds);
            if (!(runS > 0 && runS <= 3600)) throw new InputException($"--seconds {runS} is out of range (0..3600]");
            BenchRig rig = Open(bus, cs, parse.GetValue(i2c), BenchPins.RaspberryPi with { Drdy = parse.GetValue(drdy) });
            rig.Start();
            DateTime end = DateTime.UtcNow.AddSeconds(runS);
            while (DateTime.UtcNow < end && !cancel.IsCancellationRequested) Thread.Sleep(100);   // Ctrl+C stops early, with the summary
            rig.Stop();
            EnvelopeBlock[] blocks = rig.Collector.TakeEnvelope().ToArray();
            int samples = blocks.Sum(b => b.SampleCount);
            stdout.WriteLine($"{samples} envelope samples, {rig.Reassembler.Gaps.Count} gaps, {rig.SamplesDropped} samples dropped");
            for (int c = 0; c < BenchRig.Channels && samples > 0; c++)
            {
                double mean = blocks.SelectMany(b =>
                    Enumerable.Range(0, b.SampleCount).Select(i => (double)b.Microvolts[i * b.Channels + c])).Average();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  channel {c + 1}: mean envelope {mean:0.0} uV"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static (int Bus, int ChipSelect) ParseSpi(string value)
    {
        string[] parts = value.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int bus) || !int.TryParse(parts[1], out int cs) || bus < 0 || cs < 0)
        {
            throw new InputException($"--spi '{value}' must be BUS.CS, for example 0.0");
        }

        return (bus, cs);
    }

    private static BenchRig Open(int bus, int cs, int i2cBus, BenchPins pins)
    {
        string spiPath = $"/dev/spidev{bus}.{cs}", i2cPath = $"/dev/i2c-{i2cBus}";
        if (!OperatingSystem.IsLinux() || !File.Exists(spiPath) || !File.Exists(i2cPath))
        {
            throw new InputException($"{(File.Exists(spiPath) ? i2cPath : spiPath)} does not exist: bench mode needs a Linux board with "
                + $"SPI and I2C enabled and the rig wired as in docs/bench.md");
        }

        try
        {
            var spiDevice = SpiDevice.Create(new SpiConnectionSettings(bus, cs) { ClockFrequency = SpiClockHz, Mode = SpiMode.Mode1 });
            var i2cDevice = I2cDevice.Create(new I2cConnectionSettings(i2cBus, ImuAddress));
            var gpio = new GpioControllerBus(new GpioController());
            return new BenchRig(new SpiDeviceBus(spiDevice), new I2cDeviceBus(i2cDevice), gpio, gpio, pins);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            throw new InputException($"opening the bench buses failed ({e.Message}): check permissions (spi, i2c, gpio groups) "
                + $"and docs/bench.md");
        }
    }
}
