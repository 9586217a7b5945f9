using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.Validation;
using GluteSense.Host.IO;

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
        var recordings = new Option<int>("--recordings") { Description = "Seeded recordings per exercise and pattern", DefaultValueFactory = _ => 50 };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file whose accuracy section (between " + BeginMarker + " and " + EndMarker + ") is rewritten" };
        var command = new Command("accuracy", "Score rep, phase and onset detection against simulator ground truth (docs/analysis.md)");
        command.Options.Add(recordings);
        command.Options.Add(markdown);
        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "accuracy", cancel, stdout =>
        {
            int n = parseResult.GetValue(recordings);
            if (n < 1 || n > 10000) throw new InputException($"--recordings {n} is out of range (1..10000)");
            string? path = parseResult.GetValue(markdown);
            if (path != null && !File.Exists(path)) throw new InputException("markdown file not found: " + path);
            TextWriter err = parseResult.InvocationConfiguration.Error;
            var rows = AccuracyStudy.Cases.Select(c =>
            {
                AccuracyRow row = AccuracyStudy.Run(c.Exercise, c.Pattern, n);
                err.WriteLine($"  {row.Exercise} {row.Pattern}: {n} recordings done");
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
        sb.AppendLine("| exercise | pattern | recordings | exact rep count | reps (truth / found) | boundary error median / p95 (ms) | onset error median / p95 (ms) | onsets found | lumbar range error median (deg) | neck extension error median (deg) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (AccuracyRow r in rows)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Exercise} | {r.Pattern} | {r.Recordings} | {r.RecordingsWithExactCount} | {r.TruthReps} / {r.DetectedReps} | {r.BoundaryMedianMs:0.0} / {r.BoundaryP95Ms:0.0} | {r.OnsetMedianMs:0.0} / {r.OnsetP95Ms:0.0} | {r.OnsetsFound} / {r.OnsetsExpected} | {Deg(r.LumbarRangeMedianErrorDeg)} | {Deg(r.CervicalMedianErrorDeg)} |"));
        }

        return sb.ToString();
    }

    private static string Deg(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0", CultureInfo.InvariantCulture);
}
