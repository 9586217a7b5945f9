using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Core.Tests.Protocol;
using GluteSense.Host.Native;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>The native CRC-16 and AFE frame unpack against the managed ones, and the portable C's compile contract.</summary>
public class NativeFrameAndCrcTests
{
    [Fact]
    public void Crc16MatchesTheCheckValueTheGoldenFramesAndTheManagedCrcOnRandomData()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0x29B1, NativeMethods.gs_host_crc16(check, check.Length));
        foreach (var frame in GoldenVectors.Frames)
        {
            byte[] bytes = GoldenVectors.Hex(frame);
            Assert.Equal(Crc16.Compute(bytes, 0, bytes.Length), NativeMethods.gs_host_crc16(bytes, bytes.Length));
        }

        var random = new Random(16);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = new byte[random.Next(0, 600)];
            random.NextBytes(data);
            Assert.Equal(Crc16.Compute(data, 0, data.Length), NativeMethods.gs_host_crc16(data, data.Length));
        }
    }

    [Fact]
    public void FrameUnpackMatchesTheDriverOnRandomFramesAndTheCodeExtremes()
    {
        var random = new Random(24);
        var codes = new int[Ads1298.ChannelCount];
        for (int i = 0; i < 5000; i++)
        {
            byte[] frame = new byte[Ads1298.FrameBytes];
            random.NextBytes(frame);
            if (i < 3)
            {
                // 0x800000 (negative full scale), 0x7FFFFF (positive full scale), 0xFFFFFF (-1) in every channel.
                byte[] pattern = i == 0 ? new byte[] { 0x80, 0, 0 } : i == 1 ? new byte[] { 0x7F, 0xFF, 0xFF } : new byte[] { 0xFF, 0xFF, 0xFF };
                for (int ch = 0; ch < Ads1298.ChannelCount; ch++)
                {
                    pattern.CopyTo(frame, 3 + 3 * ch);
                }
            }

            int status = NativeMethods.gs_host_unpack_frame(frame, Ads1298.ChannelCount, codes);
            Assert.Equal((frame[0] << 16) | (frame[1] << 8) | frame[2], status);
            for (int ch = 0; ch < Ads1298.ChannelCount; ch++)
            {
                Assert.Equal(Ads1298.UnpackCounts(frame, 3 + 3 * ch), codes[ch]);
            }
        }
    }

    [Fact]
    public void PortableCCompilesAsStrictC99WithEveryWarningAnError()
    {
        string module = Path.Combine(RepoPaths.Root, "firmware", "GluteSense.Native");
        string[] sources = Directory.GetFiles(Path.Combine(module, "src"), "*.c").Order().ToArray();
        Assert.NotEmpty(sources);
        string objects = Directory.CreateTempSubdirectory("glutesense-c99-").FullName;
        foreach (string source in sources)
        {
            var start = new ProcessStartInfo("gcc")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (string arg in new[] { "-std=c99", "-pedantic-errors", "-Wall", "-Wextra", "-Werror", "-Wconversion",
                         "-O2", "-ffp-contract=off", "-fno-fast-math", "-I", Path.Combine(module, "include"), "-c", source,
                         "-o", Path.Combine(objects, Path.GetFileName(source) + ".o") })
            {
                start.ArgumentList.Add(arg);
            }

            using Process gcc = Process.Start(start)!;
            string errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            Assert.True(gcc.ExitCode == 0, $"{Path.GetFileName(source)}: {errors}");
        }

        Directory.Delete(objects, recursive: true);
    }
}
