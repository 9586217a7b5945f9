using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.IO;
using GluteSense.Host.Simulation;
using GluteSense.Host.Statistics;
using GluteSense.Host.Study;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense plan</c>: subjects needed for a paired two-sided comparison, optionally checked by simulation.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var sd = new Option<double>("--sd-change")
        {
            Description = "SD between subjects of the within-subject change (outcome units, for example %MVC)",
            Required = true,
        };
        var effect = new Option<double>("--effect") { Description = "Smallest change worth detecting (same units)", Required = true };
        var power = new Option<double>("--power") { Description = "Power wanted", DefaultValueFactory = _ => 0.8 };
        var alpha = new Option<double>("--alpha") { Description = "Two-sided significance level", DefaultValueFactory = _ => 0.05 };
        var json = new Option<string?>("--json") { Description = "Write {\"n\": ...} and the inputs as JSON" };
        var simulate = new Option<int>("--simulate")
        {
            Description = "Also run this many independent simulated cohorts of n subjects through the whole study pipeline",
            DefaultValueFactory = _ => 0,
        };
        var simEffect = new Option<double>("--sim-effect")
        {
            Description = "Simulated eccentric-first effect (fraction of GMax activation, 0.3 = +30 %)",
            DefaultValueFactory = _ => 0.3,
        };
        var reps = new Option<int>("--sim-reps") { Description = "Repetitions per simulated set", DefaultValueFactory = _ => 4 };
        var sets = new Option<int>("--sim-sets")
        {
            Description = "Simulated sets per exercise or condition per subject", DefaultValueFactory = _ => 2,
        };
        var design = new Option<string>("--sim-design")
        {
            Description = "Simulated design: eccentric-first (vs concentric-first pull-throughs) or exercises (bridge vs pull-through)",
            DefaultValueFactory = _ => "eccentric-first",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated cohorts", DefaultValueFactory = _ => 1 };
        var command = new Command("plan", "Subjects needed for a paired two-sided design (power analysis), optionally checked on "
            + "simulated cohorts");
        foreach (Option o in new Option[] { sd, effect, power, alpha, json, simulate, simEffect, reps, sets, design, seed })
            command.Options.Add(o);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "plan", cancel, stdout =>
        {
            PairedPowerPlan plan = Power.SubjectsForPairedT(parse.GetValue(sd), parse.GetValue(effect), parse.GetValue(power),
                parse.GetValue(alpha));
            int cohorts = parse.GetValue(simulate);
            if (cohorts < 0 || cohorts > 1000) throw new InputException($"--simulate {cohorts} is out of range (0..1000)");
            if (parse.GetValue(sets) is < 1 or > 20) throw new InputException($"--sim-sets {parse.GetValue(sets)} is out of range (1..20)");
            var cohort = StudyCommands.WithDesign(new CohortSimulationSettings
            {
                Subjects = Math.Max(plan.N, MinSimulatedSubjects), Sets = parse.GetValue(sets), Reps = parse.GetValue(reps),
                Effect = parse.GetValue(simEffect), Seed = parse.GetValue(seed),
            }, parse.GetValue(design)!, "--sim-design");
            if (cohorts > 0) cohort.Validate();
            stdout.WriteLine($"{plan.N} subjects: a paired two-sided t test at alpha {plan.Alpha} detects a mean change of {plan.Effect} " +
                $"(SD of change {plan.SdChange}, d_z {plan.EffectSize:0.###}) with power {plan.AchievedPower:0.000}");
            object? simulation = null;
            if (cohorts > 0)
            {
                simulation = Simulate(plan, cohorts, cohort, parse.GetValue(design)!, parse.InvocationConfiguration.Error);
                stdout.WriteLine(JsonSerializer.Serialize(simulation, AnalysisJson.Options));
            }

            if (parse.GetValue(json) is string path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new
                {
                    n = plan.N, achieved_power = plan.AchievedPower, effect_size_dz = plan.EffectSize, sd_change = plan.SdChange,
                    effect = plan.Effect,
                    power = plan.TargetPower, alpha = plan.Alpha, test = "paired t, two-sided (statsmodels TTestPower)", simulation,
                }, AnalysisJson.Options));
                stdout.WriteLine("wrote " + path);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Fewest subjects a simulated cohort gets (the mixed model needs 3).</summary>
    private const int MinSimulatedSubjects = 3;

    /// <summary>
    /// Independent cohorts of n subjects (each its own seed: no overlapping draws from one pool) of the simulated design
    /// (<paramref name="template"/>: eccentric-first vs concentric-first pull-throughs, or bridge vs pull-through, with the
    /// hypothesised effect), through simulate -> analyse -> mixed model. Reports the observed change and its SD of the first
    /// primary outcome, the power the formula gives for them, and the fraction of cohorts whose mixed model rejected zero.
    /// </summary>
    private static object Simulate(PairedPowerPlan plan, int cohorts, CohortSimulationSettings template, string design, TextWriter progress)
    {
        OutcomeKey primary = StudyAnalysis.Primary[0];
        var changes = new System.Collections.Generic.List<double>();
        var sds = new System.Collections.Generic.List<double>();
        int rejected = 0;
        string root = Directory.CreateTempSubdirectory("glutesense-plan-").FullName;
        try
        {
            for (int c = 0; c < cohorts; c++)
            {
                progress.WriteLine($"  simulated cohort {c + 1}/{cohorts} ({template.Subjects} subjects)");
                var settings = template with { Seed = unchecked(template.Seed * 7919 + c) };
                string designCsv = CohortSimulation.Write(Path.Combine(root, "c" + c), settings);
                StudyResult result = StudyAnalysis.Run(StudyRecordings.Tidy(StudyRecordings.Analyze(StudyDesign.Read(designCsv))));
                OutcomeResult o = result.Outcomes.First(x => x.Outcome == primary);
                TwoStage? two = o.TwoStage.FirstOrDefault();
                if (two != null)
                {
                    changes.Add(two.Difference.Mean);
                    sds.Add(two.Difference.Mean / two.Dz.Value);
                }

                if (o.Model?.Fixed.Skip(1).FirstOrDefault()?.P < StudyAnalysis.Alpha) rejected++;
                Directory.Delete(Path.Combine(root, "c" + c), recursive: true);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        if (changes.Count == 0) throw new InputException($"no simulated cohort gave a two-stage comparison of {primary}");
        double meanChange = changes.Average(), meanSd = sds.Average();
        return new
        {
            cohorts, subjects = template.Subjects, design, sets = template.Sets, reps = template.Reps, outcome = primary.ToString(),
            simulated_effect = template.Effect, observed_mean_change = meanChange, observed_sd_change = meanSd,
            formula_power_at_observed = Power.PairedT(meanChange / meanSd, template.Subjects, plan.Alpha),
            empirical_power = (double)rejected / cohorts,
        };
    }
}
