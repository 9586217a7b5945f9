using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using GluteSense.Host;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Reports;
using GluteSense.Host.Store;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense compare</c> (docs/reports.md).</summary>
internal static class CompareCommands
{
    public static Command Compare()
    {
        var a = new Argument<string>("A") { Description = "First recording folder, or trial:ID of a stored trial (for example a bridge)" };
        var b = new Argument<string>("B") { Description = "Second recording folder or trial:ID (for example a pull-through)" };
        var db = new Option<string?>("--db")
        {
            Description = "Recording database for trial:ID arguments (default: the user's data folder)",
        };
        var metric = new Option<string>("--metric")
        {
            Description = "mean or peak (per phase) or onset (relative to the movement start)",
            DefaultValueFactory = _ => "mean",
        };
        var mvc = new Option<string?>("--mvc") { Description = "MVC trial folder shared by A and B: amplitudes in %MVC" };
        var json = new Option<string?>("--json") { Description = "Write the comparisons and the verdict as JSON" };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report (index.html) into this folder" };
        var command = new Command("compare", "Compare two exercises (for example bridge vs pull-through) with statistics");
        command.Arguments.Add(a);
        command.Arguments.Add(b);
        foreach (Option o in new Option[] { metric, mvc, db, json, report }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "compare", cancel, stdout =>
        {
            Metric m = CommandRunner.ParseName<Metric>("--metric", parse.GetValue(metric)!);
            using var trials = new StoredTrials(parse.GetValue(db));
            string? mvcName = parse.GetValue(mvc);
            RecordingData? mvcData = mvcName == null ? null : trials.Load(mvcName);
            AnalysisResult ra = FolderAnalysis.Analyze(trials.Load(parse.GetValue(a)!), mvcData, mvcName ?? "");
            AnalysisResult rb = FolderAnalysis.Analyze(trials.Load(parse.GetValue(b)!), mvcData, mvcName ?? "");
            ComparisonResult result = ExerciseComparison.Compare(ra, rb, m);
            stdout.WriteLine(result.Verdict.Sentence);
            foreach (ComparisonRow r in result.Comparisons.Where(r => Vocabulary.TryParse(r.Muscle, out MuscleGroup _)))
            {
                stdout.WriteLine($"  {r.Muscle,-5} {r.Phase.Name(),-10} A {HtmlReport.N(r.A.Mean),7} (n {r.A.N,2})  B "
                    + $"{HtmlReport.N(r.B.Mean),7} (n {r.B.N,2})  g {HtmlReport.N(r.HedgesG, "0.00"),6}  Holm p "
                    + $"{HtmlReport.N(r.PHolm, "0.000")}");
            }

            Write(parse.GetValue(json), ComparisonJson.Serialize(result), stdout);
            if (parse.GetValue(report) is string dir)
                stdout.WriteLine("report: " + ClinicReports.Compare(result, ra, rb).Write(dir, DateTime.UtcNow));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Turns "trial:ID" arguments into recording folders (exported to a temporary folder, deleted afterwards).</summary>
    /// <summary>Recording arguments: a folder, or trial:ID of a stored trial read straight from the database.</summary>
    private sealed class StoredTrials(string? db) : IDisposable
    {
        private const string Prefix = "trial:";
        private RecordingStore? _store;

        public RecordingData Load(string argument)
        {
            if (!argument.StartsWith(Prefix, StringComparison.Ordinal)) return RecordingFolder.Read(argument);
            if (!long.TryParse(argument[Prefix.Length..], out long id)) throw new InputException($"'{argument}' is not trial:ID with a number");
            _store ??= RecordingStore.Open(db);
            return SessionExport.ReadTrial(_store, id);
        }

        public void Dispose() => _store?.Dispose();
    }

    private static void Write(string? path, string text, TextWriter stdout)
    {
        if (path == null) return;
        File.WriteAllText(path, text);
        stdout.WriteLine("wrote " + path);
    }
}

/// <summary><c>glutesense cohort --table sessions.csv [--json F] --report DIR</c>.</summary>
internal static class CohortCommand
{
    public static Command Create()
    {
        var table = new Option<string>("--table")
        {
            Description = "CSV: subject,test,retest[,mvc] (recording folders, relative to the CSV)",
            Required = true,
        };
        var json = new Option<string?>("--json") { Description = "Write the cohort statistics as JSON" };
        var report = new Option<string>("--report") { Description = "Folder for the HTML report (index.html)", Required = true };
        var reliability = new Option<string?>("--reliability")
        {
            Description = "Reliability file from `glutesense reliability` (sets without intervention): ICC(A,1), SEM, MDC95 per outcome",
        };
        var command = new Command("cohort", "Paired statistics over many subjects' test/retest sessions");
        foreach (Option o in new Option[] { table, json, report, reliability }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "cohort", cancel, stdout =>
        {
            var rows = Cohort.ReadTable(parse.GetValue(table)!);
            ReliabilityFile? sem = parse.GetValue(reliability) is string semPath ? ReliabilityFile.Read(semPath) : null;
            string? noMvc = rows.Where(r => r.Mvc == null).Select(r => r.Subject).FirstOrDefault();
            if (noMvc != null)
                throw new InputException($"subject {noMvc} has no mvc folder: microvolts cannot be pooled across subjects (column mvc)");
            TextWriter err = parse.InvocationConfiguration.Error;
            var subjects = rows.Select((r, i) =>
            {
                err.WriteLine($"  analysing subject {r.Subject} ({i + 1}/{rows.Count})");
                return new CohortSubject(r.Subject, FolderAnalysis.Analyze(r.Test, r.Mvc), FolderAnalysis.Analyze(r.Retest, r.Mvc));
            }).ToList();
            CohortResult result = Cohort.Run(subjects, sem);
            stdout.WriteLine(result.Verdict);
            if (parse.GetValue(json) is string path)
            {
                File.WriteAllText(path, ComparisonJson.Serialize(result));
                stdout.WriteLine("wrote " + path);
            }

            stdout.WriteLine("report: " + CohortReport.Build(result, subjects).Write(parse.GetValue(report)!, DateTime.UtcNow));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
