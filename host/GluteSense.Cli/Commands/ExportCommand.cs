using System.CommandLine;
using GluteSense.Host.IO;
using GluteSense.Host.Store;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense export --session ID --out DIR</c>: a stored session as recording folders (format v1).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var session = new Option<long>("--session") { Description = "Session id (glutesense demo prints it)", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder; one recording folder per trial is written inside", Required = true };
        var format = new Option<string>("--format") { Description = "folder (csv, edf and parquet are planned, issue #10)", DefaultValueFactory = _ => "folder" };
        var db = new Option<string?>("--db") { Description = "Recording database (default: the user's data folder)" };
        var command = new Command("export", "Write a stored session as recording folders (format v1)");
        foreach (Option o in new Option[] { session, output, format, db })
        {
            command.Options.Add(o);
        }

        command.SetAction(parseResult => CommandRunner.Run(parseResult, "export", stdout =>
        {
            if (parseResult.GetValue(format) != "folder")
            {
                throw new InputException($"--format '{parseResult.GetValue(format)}' is not available yet: use folder (csv, edf and parquet are planned, issue #10)");
            }

            using RecordingStore store = RecordingStore.Open(parseResult.GetValue(db));
            foreach (string folder in SessionExport.Export(store, parseResult.GetValue(session), parseResult.GetValue(output)!))
            {
                stdout.WriteLine(folder);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
