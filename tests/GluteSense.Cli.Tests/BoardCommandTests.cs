using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Store;

namespace GluteSense.Cli.Tests;

public sealed class BoardCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-board-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CalibrateBoard_StoresTheCalibrationUnderTheBoardSerial()
    {
        string db = Path.Combine(_dir, "g.db");
        (int code, string output, string error) = CliTests.Run("calibrate", "board", "--db", db, "--yes", "--seed", "3");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("[1/13] Clip all electrode leads together", output);
        Assert.Contains("stored on the board (set_calibration, read back by get_config)", output);
        using RecordingStore store = RecordingStore.Open(db);
        using JsonDocument json = JsonDocument.Parse(store.BoardCalibrationJson("GS-VIRTUAL-0001")!);
        Assert.Equal(4, json.RootElement.GetProperty("AfeOffsetUv").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("GravityErrorAfterMps2").GetDouble() < 0.02);
    }

    [Fact]
    public void CalibrateMvc_StoresOneValuePerMuscle_AndWritesAFolderAnalyzeAccepts()
    {
        string db = Path.Combine(_dir, "g.db"), mvc = Path.Combine(_dir, "mvc");
        (int code, string output, string error) = CliTests.Run("calibrate", "mvc", "--subject", "p-007", "--db", db, "--efforts", "1", "--out", mvc);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("effort 1/2: Gluteus maximus: patient prone", output);
        Assert.Contains("effort 2/2: Erector spinae", output);
        using (RecordingStore store = RecordingStore.Open(db))
        {
            var values = store.Mvc("p-007");
            Assert.Equal(new[] { "es_l", "es_r", "gmax_l", "gmax_r" }, values.Keys.OrderBy(k => k));
            Assert.All(values.Values, v => Assert.InRange(v, 150, 350));   // simulator MVC RMS 200-250 uV
        }

        string bridge = CliTests.Simulate(_dir, "bridge", "--exercise", "bridge", "--reps", "2");
        (code, output, error) = CliTests.Run("analyze", bridge, "--mvc", mvc);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("amplitudes in %MVC", output);

        // The live view then shows %MVC with the stored references.
        (code, output, error) = CliTests.Run("live", "--mvc-subject", "p-007", "--db", db, "--seconds", "1", "--speed", "5");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("GMax:ES", output);
        (code, _, error) = CliTests.Run("live", "--mvc-subject", "p-999", "--db", db, "--seconds", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("no MVC stored for subject 'p-999'", error);

        (code, _, error) = CliTests.Run("calibrate", "mvc", "--subject", "Jane Doe", "--db", db);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("Jane Doe", error);
    }

    [Fact]
    public void Pair_RefusesAPasskeyThatIsNotSixDigits_InOneLine()
    {
        (int code, _, string error) = CliTests.Run("pair", "--passkey", "12ab56");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal("glutesense pair: passkey '12ab56' must be the 6 digits on the board's label", error.Trim());
    }

    [Fact]
    public void Flash_PrintsThePlan_AndExplainsWhatToInstall()
    {
        (int code, string output, _) = CliTests.Run("flash", "--port", "/dev/ttyUSB0", "--dry-run");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("$ nanoff --target ESP32_BLE_REV0 --serialport /dev/ttyUSB0 --update --clrfile", output);
        Assert.Contains("nanoCLR.bin", output);
        Assert.Contains("--deploy --image", output);
        (code, _, string error) = CliTests.Run("flash", "--port", "/dev/ttyUSB0", "--target", "ESP8266");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("not a nanoFramework image with Bluetooth", error);
        if (GluteSense.Host.Calibration.FlashPlan.FindNanoff() == null)
        {
            (code, _, error) = CliTests.Run("flash", "--port", "/dev/ttyUSB0");
            Assert.Equal(ExitCodes.Error, code);
            Assert.Contains("dotnet tool install -g nanoff", error);
        }
    }

    [Fact]
    public void Flash_ChecksTheNativeSelfTestHashOfTheVirtualBoard()
    {
        (int code, string output, string error) = CliTests.Run("flash", "--port", "/dev/ttyUSB0", "--dry-run", "--verify", "virtual");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Matches(@"GS-VIRTUAL-0001: native self-test hash 0x[0-9A-F]{8} matches the C# core", output);
    }

    [Fact]
    public void Flash_RefusesABoardWhoseNativeHashDiffersOrIsMissing()
    {
        var board = new GluteSense.Host.Virtual.VirtualBoard(new GluteSense.Host.Virtual.BenchTopSource(1), new GluteSense.Host.Link.SimulatedLinkSettings());
        byte[] info = board.DeviceInfo();
        info[GluteSense.Firmware.Core.Protocol.ProtocolSpec.DeviceInfoNativeHashOffset] ^= 1;   // one bit of numerics elsewhere
        var e = Assert.Throws<GluteSense.Host.IO.InputException>(() => GluteSense.Host.Calibration.FlashPlan.VerifyNativeSelfTest(info));
        Assert.Contains("differs from the C# core's", e.Message);
        Array.Clear(info, GluteSense.Firmware.Core.Protocol.ProtocolSpec.DeviceInfoNativeHashOffset, 4);
        e = Assert.Throws<GluteSense.Host.IO.InputException>(() => GluteSense.Host.Calibration.FlashPlan.VerifyNativeSelfTest(info));
        Assert.Contains("stock nanoCLR image", e.Message);
    }

    [Fact]
    public void Bench_WithoutSpiHardware_SaysWhatIsMissing()
    {
        (int code, _, string error) = CliTests.Run("bench", "--spi", "7.3", "--i2c", "9", "--seconds", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("/dev/spidev7.3 does not exist: bench mode needs a Linux board with SPI and I2C enabled", error);
        (code, _, error) = CliTests.Run("bench", "--spi", "zero", "--i2c", "1");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("--spi 'zero' must be BUS.CS", error);
    }
}
