using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GluteSense.Host.Native;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Native;

/// <summary>
/// The board's passkey from flashing to <c>NativeBoardStore.ReadPasskey</c> (docs/security.md): the provisioning script
/// writes the NVS CSV, Espressif's generator turns that CSV into an nvs partition image holding the key (fixture made
/// with the upstream tool, tests/fixtures/scripts/make_nvs_passkey_fixture.sh), the image goes to the nvs partition of
/// nanoFramework's tables, and the board's C reads it back read-only with the range rule the host runs here.
/// </summary>
public class NativeBoardStoreTests
{
    private static readonly string Module = Path.Combine(RepoPaths.Root, "firmware", "GluteSense.Native");
    private static readonly string Script = Path.Combine(Module, "provision-passkey.sh");
    private static readonly string FakeEspIdf =
        Path.Combine(RepoPaths.Root, "tests", "GluteSense.Firmware.Core.Tests", "Native", "FakeEspIdf");

    private static string HeaderDefine(string name) =>
        Regex.Match(File.ReadAllText(Path.Combine(Module, "include", "gs_native.h")), $@"#define {name} (\S+)").Groups[1].Value;

    private static string StoreNamespace => HeaderDefine("GS_STORE_NAMESPACE").Trim('"');

    private static string PasskeyKey => HeaderDefine("GS_STORE_PASSKEY_KEY").Trim('"');

    [Theory]
    [InlineData(1, 0u, 0)]                 // 000000 is a passkey like any other
    [InlineData(1, 428571u, 428571)]
    [InlineData(1, 999999u, 999999)]
    [InlineData(1, 1000000u, -1)]          // 7 digits: nobody can type it into a passkey prompt
    [InlineData(1, uint.MaxValue, -1)]
    [InlineData(0, 428571u, -1)]           // no entry
    public void TheRangeRuleKeepsSixDigitPasskeysAndRefusesTheRest(int found, uint stored, int expected)
    {
        Assert.Equal(expected, NativeMethods.gs_host_passkey_from_store(found, stored));
    }

    [Fact]
    public void NoPasskeyIsTheSameInTheCAndInTheManagedDeclaration()
    {
        string declaration = File.ReadAllText(Path.Combine(Module, "interop", "managed", "NativeBoardStore.cs"));
        string managed = Regex.Match(declaration, @"public const int NoPasskey = (-?\d+);").Groups[1].Value;
        Assert.Equal("(" + managed + ")", HeaderDefine("GS_NO_PASSKEY"));
        Assert.Equal(int.Parse(managed), NativeMethods.gs_host_passkey_from_store(0, 0));
    }

    /// <summary>esp32/gs_board_store_esp32.c compiled against a host NVS with ESP-IDF's declarations (FakeEspIdf).</summary>
    [Theory]
    [InlineData("glutesense", "passkey", "428571", "passkey=428571")]
    [InlineData("glutesense", "passkey", "1000000", "passkey=-1")]     // out of range
    [InlineData("glutesense", "-", "0", "passkey=-1")]                 // namespace without the key
    [InlineData("-", "-", "0", "passkey=-1")]                          // a board never provisioned
    [InlineData("othername", "passkey", "428571", "passkey=-1")]       // someone else's namespace
    public void TheEsp32GlueReadsTheProvisionedEntryReadOnlyAndClosesIt(string storedNamespace, string storedKey, string value,
        string expected)
    {
        InTempDir("glutesense-nvs-", dir =>
        {
            string exe = Path.Combine(dir, "fake_nvs");
            (int cc, string ccOut) = Run("gcc", "-std=c99", "-pedantic-errors", "-Wall", "-Wextra", "-Werror", "-Wconversion",
                "-I", Path.Combine(Module, "include"), "-I", Path.Combine(Module, "esp32"), "-I", FakeEspIdf,
                Path.Combine(Module, "esp32", "gs_board_store_esp32.c"), Path.Combine(Module, "src", "gs_board_store.c"),
                Path.Combine(FakeEspIdf, "fake_nvs.c"), "-o", exe);
            Assert.True(cc == 0, ccOut);

            (int rc, string output) = Run(exe, storedNamespace, storedKey, value);
            Assert.Equal(0, rc);
            Assert.Equal($"{expected} mode=readonly opened={StoreNamespace} read={(storedNamespace == StoreNamespace ? PasskeyKey : "-")} "
                + "open_handles=0", output.Trim());
        });
    }

    [Fact]
    public void TheScriptWritesTheCsvTheUpstreamGeneratorWasRunOnOwnerOnly()
    {
        InTempDir("glutesense-passkey-", dir =>
        {
            string csv = Path.Combine(dir, "board.csv");
            (int rc, string output) = Run("bash", Script, "--out", csv, "--passkey", "012345", "--serial", "/dev/ttyACM0");
            Assert.True(rc == 0, output);
            Assert.Equal(File.ReadAllBytes(RepoPaths.Fixture("nvs_passkey_012345.csv")), File.ReadAllBytes(csv));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(csv));

            // nvs_partition_gen's CSV format: a key,type,encoding,value header; a namespace row (empty encoding and
            // value) that every following data row belongs to; u32 data in decimal.
            string[] rows = File.ReadAllLines(csv);
            Assert.Equal(new[] { "key,type,encoding,value", $"{StoreNamespace},namespace,,", $"{PasskeyKey},data,u32,12345" }, rows);
            Assert.Contains("passkey: 012345", output);
            Assert.Contains("glutesense pair --passkey 012345", output);
        });
    }

    [Fact]
    public void TheUpstreamGeneratorsImageOfThatCsvHoldsThePasskeyInTheNamespace()
    {
        byte[] image = File.ReadAllBytes(RepoPaths.Fixture("nvs_passkey_012345.bin"));
        Assert.Equal(PartitionSize(), image.Length);
        List<NvsEntry> entries = NvsEntry.ReadPage(image, 0);
        NvsEntry ns = Assert.Single(entries, e => e.Namespace == 0 && e.Key == StoreNamespace);
        Assert.Equal(NvsEntry.TypeU8, ns.Type);
        NvsEntry passkey = Assert.Single(entries, e => e.Namespace == ns.Data[0] && e.Key == PasskeyKey);
        Assert.Equal(NvsEntry.TypeU32, passkey.Type);
        Assert.Equal(12345u, BitConverter.ToUInt32(passkey.Data, 0));
        Assert.Equal(12345, NativeMethods.gs_host_passkey_from_store(1, BitConverter.ToUInt32(passkey.Data, 0)));
    }

    [Fact]
    public void TheScriptFlashesTheNvsPartitionOfEveryNanoFrameworkEsp32Table()
    {
        string[] rows = File.ReadAllLines(RepoPaths.Fixture("nanoframework_nvs_partitions.txt"));
        Assert.Equal(8, rows.Length);
        foreach (string row in rows)
        {
            Assert.Matches(@"partitions_nanoclr_\w+\.csv:\d+:nvs,\s*data,\s*nvs,\s*0x9000,\s*0x6000,", row);
        }

        InTempDir("glutesense-passkey-", dir =>
        {
            (int rc, string output) = Run("bash", Script, "--out", Path.Combine(dir, "b.csv"), "--chip", "esp32s3");
            Assert.True(rc == 0, output);
            Assert.Contains($"generate \"{Path.Combine(dir, "b.csv")}\" \"{Path.Combine(dir, "b.bin")}\" 0x6000", output);
            Assert.Contains($"esptool.py --chip esp32s3 --port /dev/ttyUSB0 write_flash 0x9000 \"{Path.Combine(dir, "b.bin")}\"", output);
        });
    }

    [Fact]
    public void TheScriptDrawsSixDigitPasskeysAndRefusesBadInputWritingNothing()
    {
        InTempDir("glutesense-passkey-", dir =>
        {
            var drawn = new HashSet<string>();
            for (int i = 0; i < 5; i++)
            {
                string csv = Path.Combine(dir, $"draw{i}.csv");
                (int rc, string output) = Run("bash", Script, "--out", csv);
                Assert.True(rc == 0, output);
                string passkey = Regex.Match(output, @"^passkey: (\d{6})$", RegexOptions.Multiline).Groups[1].Value;
                Assert.Matches(@"^\d{6}$", passkey);
                Assert.EndsWith($",data,u32,{int.Parse(passkey)}", File.ReadAllLines(csv)[2]);
                drawn.Add(passkey);
            }

            Assert.True(drawn.Count > 1, "five draws gave one passkey: the script does not draw at random");

            string refused = Path.Combine(dir, "refused.csv");
            foreach (string[] args in new[]
                     {
                         new[] { "--passkey", "12345" }, new[] { "--passkey", "1234567" }, new[] { "--passkey", "12a456" },
                         new[] { "--chip", "esp8266" }, new[] { "--serial", "" },
                     })
            {
                (int rc, string output) = Run("bash", new[] { Script, "--out", refused }.Concat(args).ToArray());
                Assert.NotEqual(0, rc);
                Assert.Single(output.Trim().Split('\n'));
                Assert.StartsWith("provision-passkey.sh: ", output);
                Assert.False(File.Exists(refused), string.Join(" ", args));
            }

            string existing = Path.Combine(dir, "draw0.csv");
            byte[] before = File.ReadAllBytes(existing);
            Assert.NotEqual(0, Run("bash", Script, "--out", existing, "--passkey", "000000").ExitCode);
            Assert.Equal(before, File.ReadAllBytes(existing));
        });
    }

    private static void InTempDir(string prefix, Action<string> body)
    {
        string dir = Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            body(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int PartitionSize() =>
        Convert.ToInt32(Regex.Match(File.ReadAllText(Script), @"readonly nvs_size=(0x[0-9a-fA-F]+)").Groups[1].Value, 16);

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>
    /// One 32-byte NVS entry as ESP-IDF lays it out (nvs_flash "NVS Entry Structure"): namespace index, type, span,
    /// chunk index, CRC-32 of the other 28 bytes, 16-byte key, 8 bytes of data. Pages are 4096 bytes: a 32-byte
    /// header, a 32-byte bitmap of 2 bits per entry (10 = written), 126 entries.
    /// </summary>
    private sealed record NvsEntry(byte Namespace, byte Type, string Key, byte[] Data)
    {
        public const byte TypeU8 = 0x01;
        public const byte TypeU32 = 0x04;
        private const int PageBytes = 4096;
        private const int EntryBytes = 32;
        private const int FirstEntryOffset = 64;
        private const int EntriesPerPage = 126;
        private const int WrittenState = 0b10;

        // ESP-IDF's NVS CRC as the generator computes it: zlib.crc32(data, 0xFFFFFFFF).
        private static uint Crc32(ReadOnlySpan<byte> data) => ZlibCrc32.Compute(data, 0xFFFFFFFF);

        public static List<NvsEntry> ReadPage(byte[] image, int page)
        {
            int start = page * PageBytes;
            Assert.Equal(BitConverter.ToUInt32(image, start + 28), Crc32(image.AsSpan(start + 4, 24)));
            var entries = new List<NvsEntry>();
            for (int i = 0; i < EntriesPerPage; i++)
            {
                int state = (image[start + 32 + i / 4] >> (i % 4 * 2)) & 0b11;
                if (state != WrittenState) continue;
                int at = start + FirstEntryOffset + i * EntryBytes;
                byte[] crcInput = image.AsSpan(at, 4).ToArray().Concat(image.AsSpan(at + 8, 24).ToArray()).ToArray();
                Assert.Equal(BitConverter.ToUInt32(image, at + 4), Crc32(crcInput));
                string key = Encoding.ASCII.GetString(image, at + 8, 16).Split('\0')[0];
                entries.Add(new NvsEntry(image[at], image[at + 1], key, image.AsSpan(at + 24, 8).ToArray()));
            }

            return entries;
        }
    }
}
