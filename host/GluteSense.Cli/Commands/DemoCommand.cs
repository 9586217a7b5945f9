using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using GluteSense.Host.Comparison;
using GluteSense.Host.Demo;
using GluteSense.Host.Store;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GluteSense.Cli.Commands;

/// <summary>
/// <c>glutesense demo</c>: a scripted clinic session on the virtual board, no hardware needed: MVC calibration,
/// Test (2 bridge sets), Treat (40 pull-throughs), Re-test (2 bridge sets), streamed through the real protocol and
/// recorded; every output says SIMULATED DATA and whether the seed scripted a responder.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Muscles = GluteSense.Host.Recording.RecordingMeta.DefaultChannelNames;

    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "Recording database (default: the user's data folder)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated session", DefaultValueFactory = _ => 1 };
        var treatReps = new Option<int>("--treat-reps") { Description = "Pull-throughs in the Treat block", DefaultValueFactory = _ => 40 };
        var realtime = new Option<bool>("--realtime") { Description = "Run at the pace of a real session instead of as fast as possible" };
        var report = new Option<string?>("--report")
        {
            Description = "Folder for the audit report and the exported recordings (default: reports/session-ID beside the database)",
        };
        var boardKind = new Option<string>("--board")
        {
            Description = "Which board streams: virtual (the firmware core behind a simulated link) or twin (the device app's own code on "
                + "emulated nanoFramework APIs, over an in-memory serial line)",
            DefaultValueFactory = _ => "virtual",
        };
        boardKind.AcceptOnlyFromAmong("virtual", "twin");
        var command = new Command("demo", "Run a scripted clinic session (MVC, 2 Test bridge sets, Treat pull-throughs, 2 Re-test bridge "
            + "sets; simulated) on the virtual board");
        command.Options.Add(db);
        command.Options.Add(seed);
        command.Options.Add(treatReps);
        command.Options.Add(realtime);
        command.Options.Add(report);
        command.Options.Add(boardKind);
        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "demo", cancel, stdout =>
        {
            int reps = parseResult.GetValue(treatReps);
            if (reps < 1 || reps > 200)
            {
                throw new GluteSense.Host.IO.InputException($"--treat-reps {reps} is out of range (1..200)");
            }

            using RecordingStore store = RecordingStore.Open(parseResult.GetValue(db));
            IReadOnlyList<DemoTrial> script = ClinicDemo.Script(parseResult.GetValue(seed), reps);
            var stopwatch = Stopwatch.StartNew();
            Action<DemoProgress> pace = parseResult.GetValue(realtime) ? Pacer() : _ => { };
            DemoBoards boards = parseResult.GetValue(boardKind) == "twin" ? new TwinDemoBoards() : DemoBoards.Virtual;
            IReadOnlyList<DemoTrialSummary> summaries = Console.IsOutputRedirected || stdout != Console.Out
                ? RunPlain(store, script, stdout, pace, boards)
                : RunLive(store, script, pace, boards);
            long sessionId = store.Sessions()[^1].Id;
            PrintSummary(stdout, summaries, store.Path, sessionId);
            string reportDir = parseResult.GetValue(report)
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Path))!, "reports", $"session-{sessionId}");
            string banner = AuditText.SimulatedBanner + ". " + ClinicDemo.TruthSentence(parseResult.GetValue(seed));
            (AuditResult audit, string reportPath) = DemoAudit.Write(store, sessionId, reportDir, DateTime.UtcNow, banner);
            stdout.WriteLine();
            stdout.WriteLine(banner);
            stdout.WriteLine("Audit: " + string.Join(Environment.NewLine, AuditText.Lines(audit)));
            stdout.WriteLine("Report: " + reportPath);
            stdout.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    // Sleeps so that simulated time advances no faster than the wall clock (per trial).
    private static Action<DemoProgress> Pacer()
    {
        int trial = -1;
        var clock = new Stopwatch();
        return p =>
        {
            if (p.TrialIndex != trial)
            {
                trial = p.TrialIndex;
                clock.Restart();
            }

            TimeSpan ahead = TimeSpan.FromSeconds(p.ElapsedS) - clock.Elapsed;
            if (ahead > TimeSpan.Zero)
            {
                System.Threading.Thread.Sleep(ahead);
            }
        };
    }

    private static IReadOnlyList<DemoTrialSummary> RunPlain(RecordingStore store, IReadOnlyList<DemoTrial> script, TextWriter output,
        Action<DemoProgress> pace, DemoBoards boards)
    {
        string last = "";
        return ClinicDemo.Run(store, script, p =>
        {
            pace(p);
            string line = $"[{p.TrialIndex + 1}/{p.TrialCount}] {p.Trial}: rep {p.Rep}/{p.Reps}";
            if (line != last)
            {
                output.WriteLine(line + $" ({p.ElapsedS:F0}/{p.DurationS:F0} s simulated)");
                last = line;
            }
        }, boards: boards);
    }

    private static IReadOnlyList<DemoTrialSummary> RunLive(RecordingStore store, IReadOnlyList<DemoTrial> script, Action<DemoProgress> pace,
        DemoBoards boards)
    {
        IReadOnlyList<DemoTrialSummary> result = Array.Empty<DemoTrialSummary>();
        AnsiConsole.Live(new Text("starting the board...")).AutoClear(false).Start(context =>
        {
            result = ClinicDemo.Run(store, script, p =>
            {
                pace(p);
                context.UpdateTarget(View(p));
                context.Refresh();
            }, boards: boards);
        });
        return result;
    }

    private static IRenderable View(DemoProgress p)
    {
        string unit = p.Normalised ? "%MVC" : "uV";
        double scale = p.Normalised ? 100 : Math.Max(50, p.PercentMvc.Values.Max());
        var chart = new BarChart().Width(60).Label($"[bold]{Markup.Escape(p.Trial)}[/]  rep {p.Rep}/{p.Reps}, {p.Phase}  ({unit})")
            .WithMaxValue(scale);
        foreach (string m in Muscles)
        {
            chart.AddItem(m, Math.Round(Math.Min(p.PercentMvc[m], scale), 1),
                m.StartsWith("gmax", StringComparison.Ordinal) ? Color.Green : Color.Orange1);
        }

        double gmax = p.PercentMvc["gmax_l"] + p.PercentMvc["gmax_r"], es = p.PercentMvc["es_l"] + p.PercentMvc["es_r"];
        string link = $"link: {p.FramesDelivered} frames, {p.FramesRecovered} recovered by retransmission, {p.SamplesMissing} samples missing";
        return new Rows(
            new Markup($"[grey]trial {p.TrialIndex + 1}/{p.TrialCount}, {p.ElapsedS:F1}/{p.DurationS:F1} s of simulated time[/]"),
            chart,
            new Markup($"GMax:ES ratio [bold]{(es > 0 ? gmax / es : 0):F2}[/]   {Markup.Escape(link)}"));
    }

    private static void PrintSummary(TextWriter output, IReadOnlyList<DemoTrialSummary> summaries, string dbPath, long sessionId)
    {
        output.WriteLine();
        output.WriteLine("Per-trial summary (mean RMS envelope over the repetitions, %MVC; the MVC trial against its own highest 500 ms):");
        output.WriteLine($"  {"trial",-22} {"reps",4} {"gmax_l",8} {"gmax_r",8} {"es_l",8} {"es_r",8} {"GMax:ES",8} {"missing",8}");
        foreach (DemoTrialSummary s in summaries)
        {
            string values = string.Join(" ", Muscles.Select(m => $"{s.MeanPercentMvc[m],8:F1}"));
            output.WriteLine($"  {s.Trial,-22} {s.Reps,4} {values} {s.GmaxToEsRatio,8:F2} {s.SamplesMissing,8}");
        }

        output.WriteLine();
        output.WriteLine($"Recorded to {dbPath}: session {sessionId}, trials {string.Join(", ", summaries.Select(s => s.TrialId))}.");
        output.WriteLine($"Export it with: glutesense export --session {sessionId} --db {dbPath} --out <folder>");
    }
}
