using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.Validation;
using GluteSense.Host.Statistics;
using GluteSense.Host.IO;
using GluteSense.Host.Simulation;

namespace GluteSense.Cli.Commands;

/// <summary>
/// <c>glutesense accuracy [--recordings N] [--markdown FILE]</c>: scores the analysis against simulator ground truth
/// and (with --markdown) rewrites the table between the accuracy markers of docs/analysis.md.
/// </summary>
internal static class AccuracyCommand
{
    public const string BeginMarker = "<!-- accuracy:begin -->", EndMarker = "<!-- accuracy:end -->";

    public static Command Create()
    {
        var recordings = new Option<int>("--recordings")
        {
            Description = "Seeded recordings per row (scenario, exercise and pattern)",
            DefaultValueFactory = _ => 50,
        };
        var only = new Option<string?>("--scenario") { Description = "Only this scenario's rows (docs/simulator.md lists them)" };
        var markdown = new Option<string?>("--markdown")
        {
            Description = "Markdown file whose accuracy section (between " + BeginMarker + " and " + EndMarker + ") is rewritten",
        };
        var command = new Command("accuracy", "Score rep, phase and onset detection against simulator ground truth (docs/analysis.md)");
        command.Options.Add(recordings);
        command.Options.Add(markdown);
        command.Options.Add(only);
        var ecg = new Option<bool>("--ecg")
        {
            Description = "Instead: erector spinae %MVC bias of good bridges with a realistic ECG, per ECG removal method",
        };
        command.Options.Add(ecg);
        var mode = new Option<string>("--mode")
        {
            Description = "raw (emg.csv, research mode) or envelope (the board's envelope only, clinic mode)",
            DefaultValueFactory = _ => "raw",
        };
        command.Options.Add(mode);
        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "accuracy", cancel, stdout =>
        {
            int n = parseResult.GetValue(recordings);
            if (n < 1 || n > 10000) throw new InputException($"--recordings {n} is out of range (1..10000)");
            string? path = parseResult.GetValue(markdown);
            if (path != null && !File.Exists(path)) throw new InputException("markdown file not found: " + path);
            if (parseResult.GetValue(ecg))
            {
                stdout.WriteLine("| ECG removal | recordings | ES mean (%MVC) | same recordings without ECG (%MVC) | bias (%MVC) | abs. "
                    + "difference p95 (%MVC) |");
                stdout.WriteLine("|---|---|---|---|---|---|");
                foreach (EcgBiasRow r in EcgStudy.Run(n))
                {
                    stdout.WriteLine(NumberText.Sentence($"| {r.Method} | {r.Recordings} | {r.EsMeanPctMvc:0.00} | ")
                        + NumberText.Sentence($"{r.EcgFreePctMvc:0.00} | {r.BiasPctMvc:+0.00;-0.00} | {r.AbsBiasP95PctMvc:0.00} |"));
                }

                return ExitCodes.Ok;
            }

            RecordingMode recordingMode = parseResult.GetValue(mode) switch
            {
                "raw" => RecordingMode.Raw,
                "envelope" => RecordingMode.Envelope,
                var m => throw new InputException($"--mode '{m}' must be raw or envelope"),
            };
            if (recordingMode != RecordingMode.Raw && path != null) throw new InputException("--markdown writes the raw-EMG table: run it "
                + "without --mode");
            string? scenarioName = parseResult.GetValue(only);
            Scenario? scenario = scenarioName == null ? null : Scenarios.Parse(scenarioName)
                ?? throw new InputException($"--scenario '{scenarioName}' must be one of "
                    + $"{string.Join(", ", Scenarios.All.Select(Scenarios.Name))}");
            if (scenario != null && path != null) throw new InputException("--markdown rewrites the whole table: run it without --scenario");
            TextWriter err = parseResult.InvocationConfiguration.Error;
            var rows = AccuracyStudy.Rows().Where(c => scenario == null || c.Scenario == scenario).Select(c =>
            {
                AccuracyRow row = AccuracyStudy.Run(c.Scenario, c.Exercise, c.Pattern, n, mode: recordingMode);
                err.WriteLine($"  {row.Scenario} {row.Exercise} {row.Pattern}: {n} recordings done");
                return row;
            }).ToList();
            string table = Table(rows);
            stdout.Write(table);
            if (path != null)
            {
                string text = File.ReadAllText(path);
                int begin = text.IndexOf(BeginMarker, StringComparison.Ordinal), end = text.IndexOf(EndMarker, StringComparison.Ordinal);
                if (begin < 0 || end < begin) throw new InputException($"{path}: no {BeginMarker} ... {EndMarker} section");
                File.WriteAllText(path, text[..(begin + BeginMarker.Length)] + "\n" + table + text[end..]);
                stdout.WriteLine("updated " + path);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The markdown table of the rows.</summary>
    public static string Table(System.Collections.Generic.IReadOnlyList<AccuracyRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | exercise | pattern | recordings | exact rep count | reps (truth / found) | boundary error median / "
            + "p95 (ms) | " +
            "onset error median / p95 (ms) | onsets reported | onsets > 150 ms off | false fast flags | range % error median | " +
            "lumbar range error median (deg) | neck extension error median (deg) | targets |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (AccuracyRow r in rows)
        {
            string reported = r.OnsetsExpected == 0 ? "n/a"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{r.OnsetsFound} / {r.OnsetsExpected} ({100.0 * r.OnsetsFound / r.OnsetsExpected:0} %)");
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Exercise} | {r.Pattern} | {r.Recordings} | {r.RecordingsWithExactCount} | {r.TruthReps} / "
                    + $"{r.DetectedReps} | {r.BoundaryMedianMs:0.0} / {r.BoundaryP95Ms:0.0} | {Ms(r.OnsetMedianMs)} / {Ms(r.OnsetP95Ms)} | "
                    + $"{reported} | {r.OnsetsOver150Ms} | {r.FalseFastFlags} | {Deg(r.RangePctMedianErrorPct)} | "
                    + $"{Deg(r.LumbarRangeMedianErrorDeg)} | {Deg(r.CervicalMedianErrorDeg)} | {r.TargetMiss() ?? "met"} |"));
        }

        return sb.ToString();
    }

    private static string Ms(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Deg(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0", CultureInfo.InvariantCulture);
}
