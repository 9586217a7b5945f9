using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Reports;
using GluteSense.Host.Validation;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense audit</c> (sets as the unit) and <c>glutesense reliability</c> (docs/reports.md).</summary>
internal static class AuditCommands
{
    public static Command Audit()
    {
        var test = new Option<string[]>("--test")
        {
            Description = "Test bridge set folder (repeat for each set, in order)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var treat = new Option<string[]>("--treat") { Description = "Treat block folder (pull-throughs; repeat for several sets)" };
        var retest = new Option<string[]>("--retest")
        {
            Description = "Re-test bridge set folder (repeat for each set, in order)",
            Required = true,
        };
        var design = new Option<string>("--design")
        {
            Description = "treat (pull-throughs between test and re-test) or control (rest or sham)",
            DefaultValueFactory = _ => "treat",
        };
        var mvc = new Option<string?>("--mvc") { Description = "MVC trial folder: one normalisation reference for every set" };
        var reliability = new Option<string?>("--reliability")
        {
            Description = "Reliability file (SEM.json from glutesense reliability) for the reliable-change threshold",
        };
        var painBefore = new Option<int?>("--pain-before") { Description = "Pain before, 0-10 numeric rating scale" };
        var painAfter = new Option<int?>("--pain-after") { Description = "Pain after, 0-10" };
        var json = new Option<string?>("--json") { Description = "Write the audit as JSON" };
        var report = new Option<string>("--report") { Description = "Folder for the HTML report (index.html)", Required = true };
        var command = new Command("audit", "Test / Treat / Re-test clinic audit: sets as the unit, reliable change, honest wording");
        foreach (Option o in new Option[] { test, treat, retest, design, mvc, reliability, painBefore, painAfter, json, report })
            command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "audit", cancel, stdout =>
        {
            AuditDesign d = parse.GetValue(design) switch
            {
                "treat" => AuditDesign.Treat,
                "control" => AuditDesign.Control,
                var other => throw new InputException($"--design '{other}' must be treat or control"),
            };
            string? mvcDir = parse.GetValue(mvc);
            ReliabilityFile? rel = parse.GetValue(reliability) is string r ? ReliabilityFile.Read(r) : null;
            if (mvcDir != null && RecordingFolder.Read(mvcDir).Meta.Subject is string mvcSubject
                && RecordingFolder.Read(parse.GetValue(test)![0]).Meta.Subject != mvcSubject)
                throw new InputException($"--mvc {mvcDir} is subject {mvcSubject}, not the audited subject: one person, one reference");
            var tests = parse.GetValue(test)!.Select(f => Analyze(f, mvcDir)).ToList();
            var retests = parse.GetValue(retest)!.Select(f => Analyze(f, mvcDir)).ToList();
            var treats = (parse.GetValue(treat) ?? Array.Empty<string>())
                .Select(f => (Analyze(f, mvcDir), (RecordingData?)RecordingFolder.Read(f))).ToList();
            var input = new AuditInput(tests, retests)
            {
                Treat = treats, Design = d, Reliability = rel, PainBefore = parse.GetValue(painBefore), PainAfter = parse.GetValue(painAfter),
            };
            AuditResult audit = GluteSense.Host.Comparison.Audit.Run(input);
            foreach (string line in AuditText.Lines(audit)) stdout.WriteLine(line);
            if (parse.GetValue(json) is string path)
            {
                File.WriteAllText(path, ComparisonJson.Serialize(audit));
                stdout.WriteLine("wrote " + path);
            }

            stdout.WriteLine("report: "
                + ClinicReports.Audit(audit, tests, treats.Select(t => t.Item1).ToList(), retests)
                .Write(parse.GetValue(report)!, DateTime.UtcNow));
            return ExitCodes.Ok;
        }));
        return command;
    }

    // The folder leads the set's source ("sets/03-retest-1 (board GS-0042)"), so a one-line error, a caveat or the tempo table
    // names the folder the user gave: a board's serial or a simulator seed alone does not say which set is meant.
    private static AnalysisResult Analyze(string folder, string? mvc)
    {
        AnalysisResult r = FolderAnalysis.Analyze(folder, mvc);
        return r with { Source = r.Source.Length > 0 ? $"{folder} ({r.Source})" : folder };
    }

    public static Command Reliability()
    {
        var table = new Option<string>("--table")
        {
            Description = "CSV: subject,set_a,set_b[,mvc] - two sets per subject with no intervention between them (paths absolute or "
                + "relative to the CSV)",
            Required = true,
        };
        var json = new Option<string>("--json") { Description = "Write the reliability file (SEM per outcome) here", Required = true };
        var report = new Option<string?>("--report") { Description = "Folder for an HTML report (index.html)" };
        var command = new Command("reliability", "Test-retest reliability (ICC(A,1), SEM, MDC95) of the bridge outcomes from repeated "
            + "sets without intervention");
        foreach (Option o in new Option[] { table, json, report }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "reliability", cancel, stdout =>
        {
            string tablePath = parse.GetValue(table)!;
            var rows = ReliabilityStudy.ReadTable(tablePath);
            TextWriter err = parse.InvocationConfiguration.Error;
            var pairs = rows.Select((r, i) =>
            {
                err.WriteLine($"  analysing subject {r.Subject} ({i + 1}/{rows.Count})");
                return new ReliabilityPair(r.Subject, Analyze(r.SetA, r.Mvc), Analyze(r.SetB, r.Mvc));
            }).ToList();
            ReliabilityFile file = ReliabilityStudy.Run(pairs, Path.GetFileName(tablePath));
            foreach (ReliabilityEstimate e in file.Outcomes)
            {
                stdout.WriteLine(FormattableString.Invariant($"{e.Name,-18} n {e.N,3}  ICC(A,1) {e.IccA1:0.00} ")
                    + FormattableString.Invariant($"({e.IccCi95[0]:0.00} to {e.IccCi95[1]:0.00})  SEM {e.Sem:0.###} {e.Units}  ")
                    + FormattableString.Invariant($"MDC95 {e.Mdc95:0.###}"));
            }

            foreach (RefusedOutcome r in file.Refused) stdout.WriteLine($"{r.Name,-18} not estimated: {r.Reason}");
            File.WriteAllText(parse.GetValue(json)!, file.Serialize());
            stdout.WriteLine("wrote " + parse.GetValue(json));
            if (parse.GetValue(report) is string dir)
                stdout.WriteLine("report: " + ReliabilityReport.Build(file, pairs).Write(dir, DateTime.UtcNow));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Study()
    {
        var patients = new Option<int>("--patients")
        {
            Description = "Simulated patients per arm (no true change, true change)",
            DefaultValueFactory = _ => 100,
        };
        var subjects = new Option<int>("--reliability-subjects")
        {
            Description = "Subjects of the separate no-intervention reliability cohort",
            DefaultValueFactory = _ => 20,
        };
        var cv = new Option<double>("--set-cv")
        {
            Description = "Set-to-set variation of GMax (SD as a fraction, 0.10 = 10 %)",
            DefaultValueFactory = _ => 0.10,
        };
        var change = new Option<double>("--change")
        {
            Description = "True GMax change of the responder arm (0.30 = +30 %)",
            DefaultValueFactory = _ => 0.30,
        };
        var sets = new Option<int>("--sets") { Description = "Bridge sets per condition", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the study", DefaultValueFactory = _ => 1 };
        var command = new Command("audit-study", "Simulate the audit's false-call rate and power on gmax_mean (issue 16 acceptance; "
            + "docs/reports.md)");
        foreach (Option o in new Option[] { patients, subjects, cv, change, sets, seed }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "audit-study", cancel, stdout =>
        {
            var settings = new AuditStudySettings
            {
                Patients = parse.GetValue(patients), ReliabilitySubjects = parse.GetValue(subjects), SetToSetCv = parse.GetValue(cv),
                TrueChange = parse.GetValue(change), SetsPerCondition = parse.GetValue(sets), Seed = parse.GetValue(seed),
            };
            AuditStudyResult r = AuditAcceptanceStudy.Run(settings);
            ReliabilityEstimate g = r.Reliability.Outcomes.First(e => e.Name == SetOutcomes.All[0].Name);
            stdout.WriteLine(FormattableString.Invariant($"SIMULATED: {settings.Patients} patients per arm, ")
                + FormattableString.Invariant($"{settings.SetsPerCondition} sets per condition, ")
                + FormattableString.Invariant($"set-to-set CV {settings.SetToSetCv:0.00}, seed {settings.Seed}"));
            stdout.WriteLine(FormattableString.Invariant($"reliability cohort: {settings.ReliabilitySubjects} subjects, ")
                + FormattableString.Invariant($"gmax_mean ICC(A,1) {g.IccA1:0.00} ({g.IccCi95[0]:0.00} to {g.IccCi95[1]:0.00}), ")
                + FormattableString.Invariant($"SEM {g.Sem:0.00} {g.Units}, MDC95 {g.Mdc95:0.00}"));
            stdout.WriteLine(FormattableString.Invariant($"no true change: {r.FalseCalls}/{r.Patients} called improved or worsened ")
                + FormattableString.Invariant($"({100 * r.FalseCallRate:0.0} %)"));
            stdout.WriteLine(FormattableString.Invariant($"true {100 * settings.TrueChange:+0} %: ")
                + FormattableString.Invariant($"{r.ImprovedWithChange}/{r.Patients} called improved ({100 * r.Power:0.0} %); ")
                + "without the reliability file (own between-set spread): "
                + FormattableString.Invariant($"{r.ImprovedWithoutReliability}/{r.Patients}"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
