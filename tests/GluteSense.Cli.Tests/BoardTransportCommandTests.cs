using System;
using System.IO;
using System.IO.Ports;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Link;
using GluteSense.Host.Store;
using GluteSense.Host.Tests.Transport;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Cli.Tests;

/// <summary>
/// <c>glutesense calibrate board</c> on a real board's transports: over a serial line (a socat pseudo-terminal pair with
/// the virtual board's serial bridge on the other end) and over BLE (the mock BlueZ on a private D-Bus bus standing in
/// for the system bus). The board behind them is a bench source; the operator places it as each prompt says.
/// </summary>
[Collection(SystemBusCollection.Name)]
public sealed class BoardTransportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-board-link-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The command's output; at each "[k/13]" prompt the operator puts the bench board where it says.</summary>
    private sealed class Operator(BenchTopSource bench) : StringWriter
    {
        private static readonly Regex Prompt = new(@"^\[(\d+)/13\]");

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Match m = Prompt.Match(value ?? "");
            if (m.Success && int.Parse(m.Groups[1].Value) is int step && step >= 2) bench.Position = (step - 2) % 6;
        }
    }

    private static VirtualBoard Board(BenchTopSource bench) => new(bench, new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 });

    private (int Code, string Output, string Error) Calibrate(BenchTopSource bench, params string[] board)
    {
        var output = new Operator(bench);
        var error = new StringWriter();
        string[] args = new[] { "calibrate", "board", "--db", Path.Combine(_dir, "g.db"), "--yes" };
        int code = GluteSenseCli.Run([.. args, .. board], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private void AssertStored(string boardId, BenchTopSource bench)
    {
        using RecordingStore store = RecordingStore.Open(Path.Combine(_dir, "g.db"));
        string stored = store.BoardCalibrationJson(boardId) ?? throw new InvalidOperationException("nothing stored for " + boardId);
        using JsonDocument json = JsonDocument.Parse(stored);
        Assert.True(json.RootElement.GetProperty("GravityErrorAfterMps2").GetDouble() < 0.02);
        Assert.Equal(bench.GyroBias[0], json.RootElement.GetProperty("GyroBiasRadPerS")[0].GetDouble(), 0.002);
    }

    [Fact]
    public void CalibrateBoard_OverSerial_OnASocatPseudoTerminal()
    {
        using var pty = new GluteSense.Tests.Common.PseudoTerminalPair();
        var boardPort = new SerialPort(pty.BoardPath, SerialTransport.DefaultBaudRate);
        boardPort.Open();
        var bench = new BenchTopSource(6);
        using var bridge = new SerialBoardBridge(Board(bench), boardPort.BaseStream);

        (int code, string output, string error) = Calibrate(bench, "--serial", pty.HostPath);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains($"board serial {pty.HostPath} calibrated", output);
        AssertStored("serial " + pty.HostPath, bench);
        (code, _, error) = Calibrate(bench, "--serial", Path.Combine(_dir, "none"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.StartsWith("glutesense calibrate board: cannot open serial port", error.Trim());
    }

    [Fact]
    public void CalibrateBoard_OverBle_ThroughBlueZ_ByAddress()
    {
        var bench = new BenchTopSource(7);
        using var bluez = new MockBlueZ(Board(bench), speed: 1);
        string? systemBus = Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS");
        Environment.SetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS", bluez.Address);   // the private bus stands in for the system bus
        try
        {
            (int code, string output, string error) = Calibrate(bench, "--ble", "c0:ff:ee:00:00:01");

            Assert.True(code == ExitCodes.Ok, error);
            Assert.Contains("board C0:FF:EE:00:00:01 calibrated", output);
            AssertStored("C0:FF:EE:00:00:01", bench);
            (code, _, error) = Calibrate(bench, "--ble", "C0:FF:EE:00:00:99");
            Assert.Equal(ExitCodes.Error, code);
            Assert.Equal("glutesense calibrate board: no GluteSense board with address C0:FF:EE:00:00:99 found over BLE", error.Trim());
            (code, _, error) = Calibrate(bench, "--ble", "--serial", "/dev/null");
            Assert.Equal("glutesense calibrate board: --serial and --ble name two boards: give one", error.Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS", systemBus);
        }
    }

    [Fact]
    public void CalibrateMvc_OverSerial_StoresTheSubjectsMvc()
    {
        using var pty = new GluteSense.Tests.Common.PseudoTerminalPair();
        var boardPort = new SerialPort(pty.BoardPath, SerialTransport.DefaultBaudRate);
        boardPort.Open();
        // The board's subject does one effort per muscle group; at 2x real time two 5 s efforts cover 20 s of it.
        var subject = new GluteSense.Host.Demo.SimulatedSignalSource(GluteSense.Host.Simulation.Simulator.Run(
            new GluteSense.Host.Simulation.SimulationSettings { Exercise = GluteSense.Host.Exercise.Mvc, Reps = 1, Seed = 3 }));
        using var bridge = new SerialBoardBridge(new VirtualBoard(subject, new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 }),
            boardPort.BaseStream, speed: 2);
        string db = Path.Combine(_dir, "g.db");

        (int code, string output, string error) = CliTests.Run("calibrate", "mvc", "--subject", "p-008", "--db", db, "--efforts", "1",
            "--rest-s", "0", "--serial", pty.HostPath);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("effort 1/2: Gluteus maximus: patient prone", output);
        Assert.Contains("effort 2/2: Erector spinae", output);
        using RecordingStore store = RecordingStore.Open(db);
        var values = store.Mvc("p-008");
        Assert.Equal(new[] { "es_l", "es_r", "gmax_l", "gmax_r" }, values.Keys.OrderBy(k => k));
        Assert.All(values.Values, v => Assert.InRange(v, 150, 350));   // simulator MVC RMS 200-250 uV, as on the virtual path
    }
}
