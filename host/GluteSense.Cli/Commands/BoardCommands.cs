using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolSpec = GluteSense.Firmware.Core.Protocol.ProtocolSpec;
using GluteSense.Host.Calibration;
using GluteSense.Host.Demo;
using GluteSense.Host.IO;
using GluteSense.Host.Link;
using GluteSense.Host.Store;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense calibrate board|mvc</c> and <c>glutesense flash</c> (docs/calibration.md, docs/flashing.md).</summary>
internal static class BoardCommands
{
    public static Command Calibrate()
    {
        var command = new Command("calibrate",
            "Calibrate a board (AFE offset, IMU bias and 6-position accelerometer) or a subject's MVC references");
        command.Subcommands.Add(CalibrateBoard());
        command.Subcommands.Add(CalibrateMvc());
        return command;
    }

    private static Option<bool> YesOption() => new("--yes") { Description = "Do not wait for Enter between steps (scripted runs)" };

    private static Option<string?> DbOption() => new("--db") { Description = "Recording database (default: the user's data folder)" };

    private static Command CalibrateBoard()
    {
        var db = DbOption();
        var yes = YesOption();
        var seed = new Option<int>("--seed") { Description = "Seed of the virtual board's bench errors", DefaultValueFactory = _ => 1 };
        var boards = BoardOptions.Create();
        var command = new Command("board",
            "Calibrate a board (the virtual one unless --serial or --ble): AFE offsets (leads shorted), gyro bias, "
            + "6-position accelerometer; stored on the board and in the database");
        foreach (Option o in new Option[] { db, yes, seed }) command.Options.Add(o);
        boards.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "calibrate board", cancel, stdout =>
        {
            // A real board is placed by its operator; the virtual one by a virtual operator who does as told.
            BenchTopSource? bench = boards.NamesABoard(parse) ? null : new BenchTopSource(parse.GetValue(seed));
            using BoardSession session = boards.Open(parse)
                ?? VirtualTransport.Session(new VirtualBoard(bench!, new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 }));
            bool wait = !parse.GetValue(yes) && !Console.IsInputRedirected;
            BoardCalibrationResult r = BoardCalibrator.Run(session, (step, instruction) =>
            {
                stdout.WriteLine($"[{step + 1}/13] {instruction}");
                if (wait)
                {
                    stdout.Write("  press Enter when ready ");
                    Console.ReadLine();
                }

                if (bench != null && step >= 1) bench.Position = (step - 1) % 6;
            });
            using RecordingStore store = RecordingStore.Open(parse.GetValue(db));
            store.Board(r.Serial, JsonSerializer.Serialize(r));
            var inv = CultureInfo.InvariantCulture;
            stdout.WriteLine($"board {r.Serial} calibrated ({r.MeasuredUtc}):");
            stdout.WriteLine("  AFE offsets (uV): " + string.Join(", ", r.AfeOffsetUv.Select(v => v.ToString("0.0", inv))));
            stdout.WriteLine("  gyro bias (mrad/s): " + string.Join(", ", r.GyroBiasRadPerS.Select(v => (1000 * v).ToString("0.0", inv))));
            stdout.WriteLine("  accel offset (m/s^2): " + string.Join(", ", r.AccelOffsetMps2.Select(v => v.ToString("0.000", inv))) +
                "; scale: " + string.Join(", ", r.AccelScale.Select(v => v.ToString("0.0000", inv))));
            stdout.WriteLine(
                string.Create(inv,
                    $"  gravity error: {r.GravityErrorBeforeMps2:0.000} m/s^2 before, {r.GravityErrorAfterMps2:0.000} after (checked on "
                    + $"the board)"));
            stdout.WriteLine($"stored on the board (set_calibration, read back by get_config) and in {store.Path}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CalibrateMvc()
    {
        var db = DbOption();
        var subject = new Option<string>("--subject") { Description = "Pseudonymous subject code (letters, digits, - and _)", Required = true };
        var efforts = new Option<int>("--efforts") { Description = "Maximal efforts per muscle group (5 s each)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the virtual board's simulated subject", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out")
        {
            Description = "Also write the MVC trial as a recording folder (for analyze/compare/audit --mvc)",
        };
        var rest = new Option<int>("--rest-s")
        {
            Description = "Rest between efforts on a real board (s)", DefaultValueFactory = _ => MvcProtocol.RecommendedRestS,
        };
        var boards = BoardOptions.Create();
        var command = new Command("mvc", "Guided MVC protocol (the virtual board's simulated subject unless --serial or --ble): "
            + "stores the MVC per muscle for %MVC normalisation");
        foreach (Option o in new Option[] { db, subject, efforts, seed, output, rest }) command.Options.Add(o);
        boards.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "calibrate mvc", cancel, stdout =>
        {
            using RecordingStore store = RecordingStore.Open(parse.GetValue(db));
            string code = parse.GetValue(subject)!;
            store.Subject(code);   // validates the pseudonymous code before anything runs
            int restS = parse.GetValue(rest);
            if (restS is < 0 or > 600) throw new InputException($"--rest-s {restS} is out of range (0..600)");
            stdout.WriteLine($"MVC protocol for {code}: {parse.GetValue(efforts)} efforts per muscle group, 5 s each; "
                + $"rest {MvcProtocol.RecommendedRestS} s between efforts with a real subject.");
            using BoardSession? session = boards.Open(parse);
            MvcResult result = session is null
                ? MvcProtocol.Run(store, code, parse.GetValue(efforts), parse.GetValue(seed), stdout.WriteLine)
                : MvcProtocol.RunOnBoard(store, code, parse.GetValue(efforts), session, TimeSpan.FromSeconds(restS), stdout.WriteLine);
            stdout.WriteLine("MVC (highest 500 ms of the RMS envelope, uV): " +
                string.Join(", ", result.MvcUv.Select(kv => kv.Key + " " + kv.Value.ToString("0.0", CultureInfo.InvariantCulture))));
            stdout.WriteLine($"stored for subject {code} in {store.Path} (session {result.SessionId}, trial {result.TrialId})");
            if (parse.GetValue(output) is string dir) stdout.WriteLine("recording: " + SessionExport.ExportTrial(store, result.TrialId, dir));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Flash()
    {
        var target = new Option<string>("--target")
        {
            Description = "nanoFramework firmware target", DefaultValueFactory = _ => FlashPlan.DefaultTarget,
        };
        var port = new Option<string>("--serial")
        {
            Description = "Serial port of the board (for example /dev/ttyUSB0 or COM4)", Required = true,
        };
        var clrImage = new Option<string?>("--clr-image")
        {
            Description = "Custom nanoCLR image with the GluteSense native module (default " + FlashPlan.DefaultClrImage
                + ", docs/flashing.md)",
        };
        var verify = new Option<string>("--verify")
        {
            Description = "After deploying, check the board's native self-test hash against the C# core: 'virtual' (the virtual board, "
                + "a rehearsal) or 'none'",
            DefaultValueFactory = _ => "none",
        };
        verify.AcceptOnlyFromAmong("virtual", "none");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the nanoff commands without running them" };
        var command = new Command("flash",
            "Flash the custom nanoFramework image, deploy the GluteSense app and check its native module (wraps nanoff)");
        foreach (Option o in new Option[] { target, port, clrImage, verify, dryRun }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "flash", cancel, stdout =>
        {
            FlashPlan plan = FlashPlan.For(parse.GetValue(target)!, parse.GetValue(port)!, RepoRoot(), parse.GetValue(clrImage));
            foreach (string line in plan.Commands) stdout.WriteLine("$ nanoff " + line);
            if (!parse.GetValue(dryRun))
            {
                Deploy(plan);
                stdout.WriteLine("flashed; the board advertises as GluteSense within a few seconds");
            }

            if (parse.GetValue(verify) == "virtual")
            {
                var board = new VirtualBoard(new BenchTopSource(1), new SimulatedLinkSettings());
                stdout.WriteLine(board.Serial + ": " + FlashPlan.VerifyNativeSelfTest(board.DeviceInfo()));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Deploy(FlashPlan plan)
    {
        string? nanoff = FlashPlan.FindNanoff();
        if (nanoff == null) throw new InputException(FlashPlan.InstallHint);
        if (!File.Exists(plan.ClrImagePath))
        {
            throw new InputException($"the nanoCLR image {plan.ClrImagePath} does not exist: build it with the GluteSense native module "
                + $"first (docs/flashing.md)");
        }

        if (!File.Exists(plan.ImagePath))
        {
            throw new InputException($"the app image {plan.ImagePath} does not exist: build firmware/GluteSense.Firmware.nfproj in Release "
                + $"first (docs/flashing.md)");
        }

        foreach (string arguments in plan.Commands)
        {
            using Process process = Process.Start(new ProcessStartInfo(nanoff, arguments) { UseShellExecute = false })!;
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InputException($"nanoff {arguments} failed with exit code {process.ExitCode}");
        }
    }

    private static string RepoRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "GluteSense.sln"))) return dir;
        }

        return Directory.GetCurrentDirectory();
    }
}
