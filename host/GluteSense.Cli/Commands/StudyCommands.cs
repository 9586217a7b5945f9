using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Reports;
using GluteSense.Host.Simulation;
using GluteSense.Host.Study;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense study</c> (analyse a filled-in design) and <c>glutesense study plan</c> (write one); docs/statistics.md.</summary>
internal static class StudyCommands
{
    public static Command Create()
    {
        var design = new Option<string?>("--design")
        {
            Description = "design.csv: subject,session,set,exercise,condition,folder[,mvc] (paths relative to the CSV)",
        };
        var json = new Option<string?>("--json") { Description = "Write the models, two-stage summaries and verdicts as JSON" };
        var tidy = new Option<string?>("--tidy")
        {
            Description = "Write the tidy long table (one row per subject x set x rep x phase x channel x metric) as CSV",
        };
        var report = new Option<string?>("--report") { Description = "Folder for the HTML report (index.html)" };
        var sesoi = new Option<string[]>("--sesoi")
        {
            Description = "Smallest effect size of interest, adds an equivalence test (TOST): X for every amplitude outcome (%MVC), or "
                + "CHANNEL/PHASE/METRIC=X for one outcome in its own units (for example gmax:es/concentric/log_ratio=0.1, "
                    + "lumbar/rep/range_deg=3); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var slope = new Option<bool>("--random-slope")
        {
            Description = "Let the exercise effect vary by subject: (1 + exercise | subject)",
        };
        var command = new Command("study", "Subject-level statistics of a study design: tidy export, mixed models, two-stage summaries, "
            + "equivalence");
        foreach (Option o in new Option[] { design, json, tidy, report, sesoi, slope }) command.Options.Add(o);
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(Simulate());
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "study", cancel, stdout =>
        {
            string path = parse.GetValue(design) ?? throw new InputException("--design design.csv is required (or use `study plan` to "
                + "write one)");
            if (parse.GetValue(json) == null && parse.GetValue(tidy) == null && parse.GetValue(report) == null)
            {
                throw new InputException("nothing to write: give --json, --tidy and/or --report");
            }

            Sesoi bounds = Sesoi.Parse(parse.GetValue(sesoi) ?? Array.Empty<string>(), StudyAnalysis.Declared);   // refused before any work
            var rows = StudyDesign.Read(path);
            TextWriter err = parse.InvocationConfiguration.Error;
            var sets = StudyRecordings.Analyze(rows, line => err.WriteLine("  " + line));
            var tidyRows = StudyRecordings.Tidy(sets);
            StudyResult result = StudyAnalysis.Run(tidyRows, bounds, parse.GetValue(slope));
            foreach (OutcomeResult o in result.Outcomes.Where(o => o.Primary)) stdout.WriteLine($"{o.Outcome}: {o.Reading}");
            if (parse.GetValue(tidy) is string tidyPath)
            {
                TidyTable.Write(tidyPath, tidyRows);
                stdout.WriteLine($"wrote {tidyPath} ({tidyRows.Count} rows)");
            }

            if (parse.GetValue(json) is string jsonPath)
            {
                File.WriteAllText(jsonPath, StudyJson.Serialize(result));
                stdout.WriteLine("wrote " + jsonPath);
            }

            if (parse.GetValue(report) is string dir)
                stdout.WriteLine("report: " + StudyReport.Build(result, tidyRows, sets).Write(dir, DateTime.UtcNow));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Simulate()
    {
        var subjects = new Option<int>("--subjects") { Description = "Number of simulated subjects", DefaultValueFactory = _ => 12 };
        var design = new Option<string>("--design")
        {
            Description = "exercises (bridge vs pull-through) or eccentric-first (vs concentric-first pull-throughs)",
            DefaultValueFactory = _ => "exercises",
        };
        var sets = new Option<int>("--sets") { Description = "Sets per exercise or condition per subject", DefaultValueFactory = _ => 2 };
        var reps = new Option<int>("--reps") { Description = "Repetitions per set", DefaultValueFactory = _ => 6 };
        var effect = new Option<double>("--effect")
        {
            Description = "Hypothesised eccentric-first effect (fraction of GMax activation, 0.3 = +30 %)",
            DefaultValueFactory = _ => 0.3,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the cohort", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the cohort (design.csv, one folder per subject)",
            Required = true,
        };
        var command = new Command("simulate", "Write a simulated study cohort (recordings + filled-in design.csv) with a hypothesised "
            + "effect");
        foreach (Option o in new Option[] { subjects, design, sets, reps, effect, seed, output }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "study simulate", cancel, stdout =>
        {
            var settings = new CohortSimulationSettings
            {
                Subjects = parse.GetValue(subjects), Sets = parse.GetValue(sets), Reps = parse.GetValue(reps),
                Effect = parse.GetValue(effect), Seed = parse.GetValue(seed),
            };
            settings = WithDesign(settings, parse.GetValue(design)!, "--design");
            stdout.WriteLine("wrote " + CohortSimulation.Write(parse.GetValue(output)!, settings));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The simulated design named <paramref name="design"/>: <c>exercises</c> (bridge vs pull-through) or
    /// <c>eccentric-first</c> (eccentric-first vs concentric-first, dead-start, pull-throughs); <paramref name="option"/>
    /// names it in the error.</summary>
    internal static CohortSimulationSettings WithDesign(CohortSimulationSettings settings, string design, string option) => design switch
    {
        "exercises" => settings,
        "eccentric-first" => settings with
        {
            Exercises = new[] { "pull-through" },
            Conditions = new[] { CohortSimulationSettings.ConcentricFirst, CohortSimulationSettings.EccentricFirst },
        },
        _ => throw new InputException($"{option} '{design}' must be exercises or eccentric-first"),
    };

    private static Command Plan()
    {
        var subjects = new Option<int>("--subjects") { Description = "Number of subjects", Required = true };
        var exercises = new Option<string>("--exercises")
        {
            Description = "Comma-separated exercises, for example bridge,pull-through",
            Required = true,
        };
        var conditions = new Option<string?>("--conditions")
        {
            Description = "Comma-separated conditions, for example eccentric-first,concentric-first",
        };
        var sets = new Option<int>("--sets")
        {
            Description = "Sets of each exercise (x condition) per subject",
            DefaultValueFactory = _ => 2,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the allocation of sequences to subjects",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<string>("--out") { Description = "design.csv to write (the folder column is left empty)", Required = true };
        var command = new Command("plan", "Write a counterbalanced study design (balanced Latin square) with an empty folder column");
        foreach (Option o in new Option[] { subjects, exercises, conditions, sets, seed, output }) command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "study plan", cancel, stdout =>
        {
            string[] Split(string? s) => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var rows = StudyDesign.Plan(parse.GetValue(subjects), Split(parse.GetValue(exercises)), Split(parse.GetValue(conditions)),
                parse.GetValue(sets), parse.GetValue(seed));
            string path = parse.GetValue(output)!;
            StudyDesign.Write(path, rows);
            stdout.WriteLine($"wrote {path}: {rows.Select(r => r.Subject).Distinct().Count()} subjects, {rows.Count} sets");
            int treatments = rows.Select(r => (r.Exercise, r.Condition)).Distinct().Count();
            if (StudyDesign.BalanceNote(parse.GetValue(subjects), treatments) is string note) stdout.WriteLine("note: " + note);
            if (rows.Select(r => r.Exercise).Distinct().Count() > 1 && rows.Select(r => r.Condition).Distinct().Count() > 1)
            {
                stdout.WriteLine("note: `study` compares one factor at a time (exercise, or condition within one exercise): analyse the "
                    + "recorded design split by condition or by exercise");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
