using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using GluteSense.Cli.Serve;
using GluteSense.Host.IO;
using GluteSense.Host.Live;
using GluteSense.Host.Simulation;
using Spectre.Console;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense live</c> (console view) and <c>glutesense serve</c> (web dashboard), on the virtual board.</summary>
internal static class LiveCommands
{
    private static Option<string> ExerciseOption() => new("--exercise") { Description = "What the virtual patient does: bridge or pull-through", DefaultValueFactory = _ => "bridge" };

    private static VirtualLiveSession Session(string exercise, int seed) => new(exercise switch
    {
        "bridge" => Exercise.Bridge,
        "pull-through" => Exercise.PullThrough,
        _ => throw new InputException($"--exercise '{exercise}' must be bridge or pull-through"),
    }, reps: LiveReps, seed);

    /// <summary>Repetitions of the virtual patient (about 3 minutes of exercise; simulated up front).</summary>
    private const int LiveReps = 30;

    public static Command Live()
    {
        var exercise = ExerciseOption();
        var seconds = new Option<double>("--seconds") { Description = "Stop after this long (s); 0 = until Ctrl+C", DefaultValueFactory = _ => 0 };
        var command = new Command("live", "Live console view of the virtual board (envelopes, GMax:ES ratio, phase and reps, link quality; real boards: issue #10)");
        command.Options.Add(exercise);
        command.Options.Add(seconds);
        command.SetAction(parse => CommandRunner.Run(parse, "live", stdout =>
        {
            VirtualLiveSession session = Session(parse.GetValue(exercise)!, 1);
            double limit = parse.GetValue(seconds);
            if (limit < 0) throw new InputException("--seconds must be >= 0");
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            session.Start();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            LiveSnapshot last = session.Tick();
            while (!stop.IsCancellationRequested && (limit == 0 || watch.Elapsed.TotalSeconds < limit))
            {
                Thread.Sleep(200);
                last = session.Tick();
                if (Console.IsOutputRedirected || stdout != Console.Out) continue;
                AnsiConsole.Clear();
                AnsiConsole.Write(View(last));
            }

            session.Stop();
            stdout.WriteLine(Line(session.Tick() with { Envelope = last.Envelope, GmaxEsRatio = last.GmaxEsRatio }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Serve()
    {
        var exercise = ExerciseOption();
        var port = new Option<int>("--port") { Description = "Port on localhost", DefaultValueFactory = _ => 5080 };
        var reports = new Option<string?>("--reports") { Description = "Folder whose reports (index.html) the dashboard links" };
        var command = new Command("serve", "Local web dashboard: live traces, biofeedback band, start/stop/marker, report links (virtual board)");
        command.Options.Add(exercise);
        command.Options.Add(port);
        command.Options.Add(reports);
        command.SetAction(parse => CommandRunner.Run(parse, "serve", stdout =>
        {
            int p = parse.GetValue(port);
            if (p is < 1 or > 65535) throw new InputException($"--port {p} is out of range");
            var app = DashboardServer.Build(Session(parse.GetValue(exercise)!, 1), parse.GetValue(reports), $"http://127.0.0.1:{p}");
            stdout.WriteLine($"GluteSense dashboard on http://127.0.0.1:{p} (Ctrl+C to stop)");
            app.Run();
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Spectre.Console.Rendering.IRenderable View(LiveSnapshot s)
    {
        double max = Math.Max(50, s.Envelope.Values.DefaultIfEmpty(0).Max());
        var chart = new BarChart().Width(60).Label($"[bold]live[/]  phase {s.Phase}, reps {s.Reps}  ({s.Units})").WithMaxValue(max);
        foreach ((string channel, double value) in s.Envelope.OrderBy(kv => kv.Key))
        {
            chart.AddItem(channel, Math.Round(value, 1), channel.StartsWith("gmax", StringComparison.Ordinal) ? Color.Green : Color.Orange1);
        }

        return new Rows(chart, new Markup(Markup.Escape(Line(s))));
    }

    private static string Line(LiveSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"GMax:ES {(s.GmaxEsRatio is double r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-")}; reps {s.Reps}; link: {s.FramesDelivered} frames, {s.SamplesMissing} samples missing{(s.Warnings.Count > 0 ? "; " + string.Join(" ", s.Warnings) : "")}");
}
