using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Budget;

/// <summary>
/// The per-second CPU budget of docs/firmware-budget.md, computed from the dynamic counts of
/// <see cref="BudgetWorkload"/> and the platform assumptions below; the document prints exactly these tables.
/// </summary>
internal static class PerSecondBudget
{
    public const int Channels = 4;

    /// <summary>Cost assumptions: optimistic, central, pessimistic.</summary>
    public static readonly double[] UsPerIl = { 0.2, 0.4, 0.8 };
    public static readonly double[] UsPerCall = { 2, 5, 10 };

    // Native side (core 1): per DRDY, the ISR and the reader task's wake-up, and the SPI polling transaction's fixed
    // cost on top of its bits; per channel-sample, the chain's operations at a number of cycles each.
    public static readonly double[] UsPerDrdyWake = { 3, 5, 10 };
    public static readonly double[] UsPerSpiTransactionOverhead = { 5, 10, 20 };
    public static readonly double[] CyclesPerNativeOperation = { 1, 2, 4 };
    public const double CpuMhz = 240;
    public const double AfeSpiClockHz = 4_000_000;

    /// <summary>Per channel-sample: the fast loop's float operations (counted in gs_emg.c by the test), the
    /// conversion with clip count (load, convert, multiply, two compares, store) and the loop (load, store, index,
    /// compare-branch).</summary>
    public const int ConversionOperations = 6, LoopOperations = 4;

    /// <summary>BLE notifications cost the NimBLE host on core 0 this long each.</summary>
    public static readonly double[] UsPerNotification = { 50, 100, 200 };

    public static int FastLoopFloatOperations()
    {
        string c = File.ReadAllText(Path.Combine(RepoPaths.Root, "firmware", "GluteSense.Native", "src", "gs_emg.c"));
        string body = Regex.Match(c, @"for \(; idx < end; idx \+= stride\) \{(.*?)\n        \}", RegexOptions.Singleline).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(body), "fast loop not found in gs_emg.c");
        return Regex.Matches(body, @" (\+|-|\*|\+=) ").Count;
    }

    public static int SpiFrameBytes => 3 + 3 * Channels;

    public static string Percent(double usPerSecond) => (usPerSecond / 10_000).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    public static string ManagedTable(BudgetWorkload.Counts[] rows, string[] labels)
    {
        var t = new StringBuilder();
        t.Append("| design | IL / s | managed calls / s | notifications / s | 0.2 us/IL + 2 us/call | **0.4 us/IL + 5 us/call** | 0.8 us/IL + 10 us/call |\n");
        t.Append("|---|---|---|---|---|---|---|\n");
        for (int r = 0; r < rows.Length; r++)
        {
            BudgetWorkload.Counts c = rows[r];
            t.Append("| ").Append(labels[r]).Append(" | ").Append(N(c.IlPerSecond)).Append(" | ").Append(N(c.CallsPerSecond))
                .Append(" | ").Append(N(c.NotificationsPerSecond));
            for (int a = 0; a < UsPerIl.Length; a++)
            {
                string cell = Percent(c.IlPerSecond * UsPerIl[a] + c.CallsPerSecond * UsPerCall[a]);
                t.Append(" | ").Append(a == 1 ? "**" + cell + "**" : cell);
            }

            t.Append(" |\n");
        }

        return t.ToString();
    }

    public static double[] NativeUsPerSecond(int rateHz, int assumption, out double spi, out double wake, out double dsp)
    {
        double bitsUs = SpiFrameBytes * 8 / AfeSpiClockHz * 1e6;
        spi = rateHz * (bitsUs + UsPerSpiTransactionOverhead[assumption]);
        wake = rateHz * UsPerDrdyWake[assumption];
        int operations = FastLoopFloatOperations() + ConversionOperations + LoopOperations;
        dsp = (double)rateHz * Channels * operations * CyclesPerNativeOperation[assumption] / CpuMhz;
        return new[] { spi, wake, dsp, spi + wake + dsp };
    }

    public static string NativeTable(int rateHz)
    {
        var rows = Enumerable.Range(0, 3).Select(a => NativeUsPerSecond(rateHz, a, out _, out _, out _)).ToArray();
        string[] items =
        {
            $"SPI polling read, {SpiFrameBytes} bytes at {AfeSpiClockHz / 1e6:0} MHz + transaction overhead {UsPerSpiTransactionOverhead[0]:0}/{UsPerSpiTransactionOverhead[1]:0}/{UsPerSpiTransactionOverhead[2]:0} us, {rateHz} per s",
            $"DRDY interrupt + reader task wake-up, {UsPerDrdyWake[0]:0}/{UsPerDrdyWake[1]:0}/{UsPerDrdyWake[2]:0} us, {rateHz} per s",
            $"EMG chain, {FastLoopFloatOperations() + ConversionOperations + LoopOperations} operations per channel-sample at {CyclesPerNativeOperation[0]:0}/{CyclesPerNativeOperation[1]:0}/{CyclesPerNativeOperation[2]:0} cycles, {rateHz * Channels} channel-samples per s",
            "**native total (core 1)**",
        };
        var t = new StringBuilder();
        t.Append("| native work at ").Append(Channels).Append(" x ").Append(rateHz).Append(" Hz | optimistic | **central** | pessimistic |\n|---|---|---|---|\n");
        for (int i = 0; i < items.Length; i++)
        {
            t.Append("| ").Append(items[i]).Append(" | ").Append(Percent(rows[0][i])).Append(" | **").Append(Percent(rows[1][i]))
                .Append("** | ").Append(Percent(rows[2][i])).Append(" |\n");
        }

        return t.ToString();
    }

    public static string Doc() => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "firmware-budget.md")).Replace("\r\n", "\n");

    public static int AdsFrameBytes => Ads1298.FrameBytes;
}
