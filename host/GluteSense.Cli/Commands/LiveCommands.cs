using System.Collections.Generic;
using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using GluteSense.Cli.Serve;
using GluteSense.Host;
using GluteSense.Host.IO;
using GluteSense.Host.Live;
using GluteSense.Host.Recording;
using GluteSense.Host.Transport;
using GluteSense.Host.Transport.BlueZ;
using GluteSense.Host.Virtual;
using GluteSense.Host.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense live</c> (console view) and <c>glutesense serve</c> (web dashboard), on the virtual board.</summary>
internal static class LiveCommands
{
    private static Option<string> ExerciseOption() => new("--exercise") { Description = "What the virtual patient does: bridge or "
        + "pull-through", DefaultValueFactory = _ => "bridge" };

    /// <summary>Where the live data comes from: the options every live view shares.</summary>
    private sealed record SourceOptions(Option<string> Exercise, Option<string?> Replay, Option<double> Speed, BoardOptions Board,
        Option<string?> MvcSubject, Option<string?> Db, Option<string?> Record, Option<string> Subject, Option<bool> DeadStart)
    {
        public static SourceOptions Create() => new(ExerciseOption(),
            new Option<string?>("--replay") { Description = "Replay a recording folder with raw EMG through the virtual board" },
            new Option<double>("--speed") { Description = "Replay or simulation speed (1 = real time)", DefaultValueFactory = _ => 1 },
            BoardOptions.Create(),
            new Option<string?>("--mvc-subject") { Description = "Show %MVC with this subject's stored MVC (glutesense calibrate mvc)" },
            new Option<string?>("--db") { Description = "Recording database for --mvc-subject (default: the user's data folder)" },
            new Option<string?>("--record")
            {
                Description = "Save each recorded set as a recording folder under DIR (meta.json: condition, set, signal check, measured "
                    + "tempo)",
            },
            new Option<string>("--subject")
            {
                Description = "Pseudonymous subject id written into the recorded sets' meta.json",
                DefaultValueFactory = _ => "anonymous",
            },
            new Option<bool>("--dead-start")
            {
                Description = "With --record: pull-throughs from a dead stop in the hinged position (concentric first); meta.json says "
                    + "firstPhase concentric so the phases are named in that order",
            });

        public void AddTo(Command command)
        {
            foreach (Option o in new Option[] { Exercise, Replay, Speed }) command.Options.Add(o);
            Board.AddTo(command);
            foreach (Option o in new Option[] { MvcSubject, Db, Record, Subject, DeadStart }) command.Options.Add(o);
        }

        /// <summary>The set recorder of --record (null without it), on the exercise the sets are.</summary>
        public SetRecorder? Recorder(ParseResult parse, ILiveSource source)
        {
            GluteSense.Host.Exercise exercise = ParseExercise(parse.GetValue(Exercise)!);
            bool deadStart = parse.GetValue(DeadStart);
            if (deadStart && exercise != GluteSense.Host.Exercise.PullThrough)
                throw new InputException($"--dead-start is a pull-through start; the exercise is {exercise.Name()}");
            if (parse.GetValue(Record) is not string dir)
            {
                if (deadStart) throw new InputException("--dead-start describes recorded sets: give --record DIR as well");
                return null;
            }

            string subject = parse.GetValue(Subject)!;
            if (subject.Length == 0 || subject.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')))
                throw new InputException($"--subject '{subject}' must be letters, digits, - and _ (a pseudonymous code, never a name)");
            System.IO.Directory.CreateDirectory(dir);
            return new SetRecorder(dir, subject, exercise, Channels, source.Description, source.EnvelopeChain,
                deadStart ? PhaseKind.Concentric : null);
        }

        public ILiveSource Open(ParseResult parse)
        {
            double speed = parse.GetValue(Speed);
            if (!(speed > 0 && speed <= 100)) throw new InputException($"--speed {speed} is out of range (0..100]");
            IReadOnlyDictionary<string, double>? mvc = null;
            if (parse.GetValue(MvcSubject) is string subject)
            {
                using var store = GluteSense.Host.Store.RecordingStore.Open(parse.GetValue(Db));
                mvc = store.Mvc(subject);
                if (mvc.Count == 0)
                    throw new InputException($"no MVC stored for subject '{subject}': run glutesense calibrate mvc --subject {subject}");
            }

            if (Board.Open(parse) is BoardSession session)
            {
                return new SessionLiveSource(session, Channels, mvc);
            }

            if (parse.GetValue(Replay) is string dir)
            {
                var source = new RecordingReplaySource(RecordingFolder.Read(dir));
                return new VirtualLiveSession(source, source.Channels, source.EmgRateHz, "replay " + dir, speed, mvcUv: mvc);
            }

            // The virtual patient rests first, long enough for a signal check, then exercises.
            return new VirtualLiveSession(ParseExercise(parse.GetValue(Exercise)!), reps: LiveReps, seed: 1, speed, mvcUv: mvc,
                leadS: SignalCheck.DefaultDurationS + VirtualSettleS);
        }
    }

    /// <summary>Rest of the virtual patient after the signal check's window (s) before the first repetition.</summary>
    private const double VirtualSettleS = 3;

    private static GluteSense.Host.Exercise ParseExercise(string exercise) => exercise switch
    {
        "bridge" => GluteSense.Host.Exercise.Bridge,
        "pull-through" => GluteSense.Host.Exercise.PullThrough,
        _ => throw new InputException($"--exercise '{exercise}' must be bridge or pull-through"),
    };

    private static readonly string[] Channels = RecordingMeta.DefaultChannelNames;

    /// <summary>Repetitions of the virtual patient (about 3 minutes of exercise; simulated up front).</summary>
    private const int LiveReps = 30;

    public static Command Live()
    {
        var sources = SourceOptions.Create();
        var seconds = new Option<double>("--seconds")
        {
            Description = "Stop after this long (s); 0 = until Ctrl+C",
            DefaultValueFactory = _ => 0,
        };
        var condition = new Option<string?>("--condition")
        {
            Description = "With --record: the set's condition (" + string.Join(", ", Vocabulary.AllNames<SetCondition>()) + ")",
        };
        var set = new Option<int>("--set")
        {
            Description = "With --record: the set's index within its condition (from 1)",
            DefaultValueFactory = _ => 1,
        };
        var label = new Option<string?>("--label")
        {
            Description = "With --record: the set's label (default: condition and index, for example \"test set 1\")",
        };
        var checkS = new Option<double>("--check-s")
        {
            Description = "With --record: signal check at rest before the set (s; 0 = none)",
            DefaultValueFactory = _ => SignalCheck.DefaultDurationS,
        };
        var setUp = new SetUpOptions();
        var command = new Command("live", "Live console view (envelopes, GMax:ES ratio, phase and reps, link quality) of the virtual "
            + "board, a replay, or a board over serial or BLE; --record saves the set");
        sources.AddTo(command);
        foreach (Option o in new Option[] { seconds, condition, set, label, checkS }.Concat(setUp.All)) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "live", cancel, stdout =>
        {
            double limit = parse.GetValue(seconds), check = parse.GetValue(checkS);
            if (limit < 0) throw new InputException("--seconds must be >= 0");
            if (!(check >= 0)) throw new InputException("--check-s must be >= 0");
            SetProtocol? protocol = null;
            if (parse.GetValue(sources.Record) == null
                && (parse.GetValue(condition) != null || parse.GetValue(label) != null || setUp.AnyGiven(parse)))
                throw new InputException("--condition, --label and the set-up options describe a recorded set: give --record DIR as well");
            if (parse.GetValue(sources.Record) != null)
            {
                string name = parse.GetValue(condition)
                    ?? throw new InputException($"--record needs --condition ({string.Join(", ", Vocabulary.AllNames<SetCondition>())})");
                if (!Vocabulary.TryParse(name, out SetCondition c))
                {
                    throw new InputException(
                        $"--condition '{name}' must be one of {string.Join(", ", Vocabulary.AllNames<SetCondition>())}");
                }

                int index = parse.GetValue(set);
                if (index < 1) throw new InputException($"--set {index} must be >= 1");
                protocol = setUp.Apply(parse,
                    new SetProtocol { Condition = c, Set = new SetIndex(index, parse.GetValue(label) ?? $"{name} set {index}") });
            }

            ILiveSource session = sources.Open(parse);
            SetRecorder? recorder = sources.Recorder(parse, session);
            session.Monitor.Recorder = recorder;
            session.Start();
            if (recorder != null && check > 0)
            {
                // Patient at rest: the check runs on the stream before the set starts; its verdict goes into meta.json.
                session.Monitor.BeginCheck(check);
                while (!cancel.IsCancellationRequested && session.Monitor.Checking) { cancel.WaitHandle.WaitOne(100); session.Tick(); }
                if (session.Monitor.LastCheck is { } result) stdout.WriteLine("Signal check: " + result.Summary);
            }

            recorder?.Begin(protocol! with { SignalCheck = session.Monitor.TakeCheck()?.ToMeta() });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            LiveSnapshot last = session.Tick();
            while (!cancel.IsCancellationRequested && (limit == 0 || watch.Elapsed.TotalSeconds < limit))
            {
                cancel.WaitHandle.WaitOne(200);   // Ctrl+C ends the wait at once
                last = session.Tick();
                if (Console.IsOutputRedirected || stdout != Console.Out) continue;
                AnsiConsole.Clear();
                AnsiConsole.Write(View(last));
            }

            StopThenSave(session, recorder, stdout, () => stdout.WriteLine(session.Description + ": "
                + Line(session.Tick() with { Envelope = last.Envelope, GmaxEsRatio = last.GmaxEsRatio })));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Serve()
    {
        var sources = SourceOptions.Create();
        var port = new Option<int>("--http-port")
        {
            Description = "HTTP port of the dashboard on localhost",
            DefaultValueFactory = _ => 5080,
        };
        var reports = new Option<string?>("--reports") { Description = "Folder whose reports (index.html) the dashboard links" };
        var listen = new Option<string>("--listen")
        {
            Description = "Interface address to listen on (default 127.0.0.1, localhost only); any other address requires the random "
                + "access token printed at start",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("serve", "Local web dashboard: live traces, biofeedback band, start/stop/marker, report links (virtual "
            + "board, replay, serial or BLE)");
        sources.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(reports);
        command.Options.Add(listen);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "serve", cancel, stdout =>
        {
            int p = parse.GetValue(port);
            if (p is < 1 or > 65535) throw new InputException($"--http-port {p} is out of range (1..65535)");
            string address = parse.GetValue(listen)!;
            if (!System.Net.IPAddress.TryParse(address, out System.Net.IPAddress? ip))
                throw new InputException($"--listen '{address}' is not an IP address");
            string? token = System.Net.IPAddress.IsLoopback(ip) ? null : DashboardServer.NewToken();
            ILiveSource source = sources.Open(parse);
            SetRecorder? recorder = sources.Recorder(parse, source);
            string host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            var app = DashboardServer.Build(source, parse.GetValue(reports), $"http://{host}:{p}", token, recorder);
            stdout.WriteLine($"GluteSense dashboard for {source.Description} on http://{host}:{p} (Ctrl+C to stop)");
            if (recorder != null) stdout.WriteLine($"Recording sets (Record set / End set) into {parse.GetValue(sources.Record)}");
            if (token != null)
            {
                stdout.WriteLine($"Listening beyond localhost: every request needs the access token. Open http://{host}:{p}/?token={token}");
            }

            DashboardPump pump = app.Services.GetRequiredService<DashboardPump>();   // before RunAsync, which disposes the services
            ((IHost)app).RunAsync(cancel).GetAwaiter().GetResult();   // Ctrl+C cancels the token: the server stops, exit 0
            StopThenSave(source, recorder, stdout, () => stdout.WriteLine("Dashboard stopped"), " (ended when the dashboard stopped)");
            pump.ThrowIfFailed();
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>How a live run ends (live, serve): the board stops, its last samples draining into the set;
    /// <paramref name="summary"/> prints; a set still recording is saved, with <paramref name="savedNote"/> after its line.
    /// Nothing is lost when the board no longer answers: the set's samples are on this machine, so it is saved first,
    /// then the failed stop is thrown (one line, exit 1).</summary>
    internal static void StopThenSave(ILiveSource source, SetRecorder? recorder, System.IO.TextWriter stdout, Action summary,
        string savedNote = "")
    {
        BoardException? stopFailed = null;
        try
        {
            source.Stop();
        }
        catch (BoardException e)
        {
            stopFailed = e;
        }

        summary();
        if (recorder is { Recording: true }) stdout.WriteLine(Saved(recorder.End()) + savedNote);
        if (stopFailed != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(stopFailed);
    }

    // The line that says where a recorded set went and what it measured (live and serve).
    private static string Saved(RecordedSet saved)
    {
        PhaseDurations? t = saved.Protocol.MeasuredTempo;
        string check = saved.Protocol.SignalCheck is { } sc ? (sc.Passed ? "go" : "FAILED: " + sc.Summary) : "not run";
        return string.Create(CultureInfo.InvariantCulture,
            $"Saved {saved.Folder}: {saved.Protocol.Set?.Label}, measured tempo eccentric {S(t?.EccentricS)}, hold {S(t?.HoldS)}, "
                + $"concentric {S(t?.ConcentricS)}; signal check {check}");
    }

    private static string S(double? seconds) => seconds is double v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";

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
        $"GMax:ES {(s.GmaxEsRatio is double r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-")}; reps {s.Reps}; link: "
            + $"{s.FramesDelivered} frames, "
            + $"{s.SamplesMissing} samples missing{(s.Warnings.Count > 0 ? "; " + string.Join(" ", s.Warnings) : "")}");
}
