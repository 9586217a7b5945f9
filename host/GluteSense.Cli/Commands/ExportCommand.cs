using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Host.Export;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Store;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense export --session ID --format folder|csv|edf|parquet --out DIR</c> (docs/exports.md).</summary>
internal static class ExportCommand
{
    /// <summary>Formats: folder and csv (the same: recording folders of CSV tables + meta.json), EDF+, Parquet.</summary>
    public static readonly string[] Formats = { "folder", "csv", "edf", "parquet" };

    public static Command Create()
    {
        var session = new Option<long>("--session") { Description = "Session id (glutesense demo prints it)", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Output folder; one recording folder (or .edf, or .parquet files) per trial is written inside",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "folder or csv (recording folders, CSV + meta.json), edf (EDF+ with rep, phase and gap annotations), parquet",
            DefaultValueFactory = _ => "folder",
        };
        var db = new Option<string?>("--db") { Description = "Recording database (default: the user's data folder)" };
        var command = new Command("export", "Write a stored session as recording folders, EDF+ or Parquet");
        foreach (Option o in new Option[] { session, output, format, db })
        {
            command.Options.Add(o);
        }

        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "export", cancel, stdout =>
        {
            string f = parseResult.GetValue(format)!;
            if (!Formats.Contains(f)) throw new InputException($"--format '{f}' must be one of {string.Join(", ", Formats)}");
            using RecordingStore store = RecordingStore.Open(parseResult.GetValue(db));
            long id = parseResult.GetValue(session);
            string outDir = parseResult.GetValue(output)!;
            if (f is "folder" or "csv")
            {
                foreach (string folder in SessionExport.Export(store, id, outDir)) stdout.WriteLine(folder);
                return ExitCodes.Ok;
            }

            IReadOnlyList<StoredRecording> trials = SessionExport.ReadSession(store, id);
            SessionInfo info = store.Sessions().First(s => s.Id == id);
            DateTime start = DateTime.TryParse(info.StartedUtc, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t) ? t : DateTime.UtcNow;
            Directory.CreateDirectory(outDir);
            foreach (StoredRecording trial in trials)
            {
                if (f == "edf")
                {
                    string path = Path.Combine(outDir, trial.Name + ".edf");
                    TrialExport.WriteEdf(trial.Data, path, start);
                    stdout.WriteLine(path);
                }
                else
                {
                    foreach (string path in TrialExport.WriteParquet(trial.Data, outDir, trial.Name)) stdout.WriteLine(path);
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
