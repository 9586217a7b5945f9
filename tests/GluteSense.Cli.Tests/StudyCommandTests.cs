using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Simulation;
using GluteSense.Host.Study;
using GluteSense.Tests.Common;

namespace GluteSense.Cli.Tests;

/// <summary>
/// `study plan`, `study` and `plan` end to end on simulated cohorts: 12 subjects x 2 exercises x 2 sets of 4 short
/// repetitions (envelope recordings keep it quick). Every declared outcome's mixed model is refitted by R lme4 + lmerTest
/// from the exported tidy table (tests/fixtures/scripts/fit_tidy_lme4.R; required under CI=true).
/// </summary>
public sealed class StudyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void StudyPlanWritesABalancedLatinSquare()
    {
        string design = Path.Combine(_dir, "design.csv");
        (int code, string output, string error) = CliTests.Run("study", "plan", "--subjects", "8", "--exercises", "bridge,pull-through",
            "--conditions", "slow,fast", "--sets", "1", "--seed", "3", "--out", design);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("8 subjects, 32 sets", output);
        Assert.Contains("note: `study` compares one factor at a time", output);   // exercises x conditions: planned together, analysed apart
        string[] lines = File.ReadAllLines(design);
        Assert.Equal("subject,session,set,exercise,condition,folder", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",", l));   // folder column empty
        // Balanced: over the 8 subjects (two full squares of 4 sequences) each treatment sits in each position twice,
        // and each ordered pair of neighbours occurs equally often.
        var sequences = lines.Skip(1).Select(l => l.Split(',')).GroupBy(c => c[0]).Select(g => g.Select(c => c[3] + "/" + c[4]).ToArray()).ToArray();
        for (int position = 0; position < 4; position++)
        {
            Assert.All(sequences.GroupBy(s => s[position]), g => Assert.Equal(2, g.Count()));
        }

        var pairs = sequences.SelectMany(s => s.Zip(s.Skip(1), (a, b) => a + ">" + b)).GroupBy(p => p).Select(g => g.Count()).Distinct().ToArray();
        Assert.Equal(new[] { 2 }, pairs);
        (code, _, error) = CliTests.Run("study", "plan", "--subjects", "8", "--exercises", "bridge", "--out", design);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("at least 2 exercises or conditions", error);
    }

    [Fact]
    public void StudyPlanBalancesOddSquaresAndAbaSets_AndSaysWhenTheSubjectsDoNotFillTheSquare()
    {
        // Three treatments (odd: the square and its mirror, 6 sequences), two rounds (A B C C B A): with 12 subjects each
        // treatment sits in each of the 6 positions 4 times and each ordered pair of different neighbours occurs equally often.
        string design = Path.Combine(_dir, "odd.csv");
        (int code, string output, string error) = CliTests.Run("study", "plan", "--subjects", "12", "--exercises", "pull-through",
            "--conditions", "slow,medium,fast", "--sets", "2", "--seed", "9", "--out", design);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.DoesNotContain("note:", output);
        (int[] positions, int[] pairs) = Balance(design);
        Assert.Equal(new[] { 4 }, positions);
        Assert.Single(pairs);

        // 6 subjects for 4 treatments: a square and a half; the order is written, but the CLI says it is only nearly balanced.
        (code, output, error) = CliTests.Run("study", "plan", "--subjects", "6", "--exercises", "bridge,pull-through", "--conditions", "a,b",
            "--sets", "1", "--out", design);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("note: 6 subjects is not a multiple of the 4 sequences of the balanced Latin square for 4 treatments", output);
        Assert.Contains("(use 4, 8, 12, ... subjects)", output);
        Assert.NotEqual(1, Balance(design).Positions.Length);
    }

    /// <summary>Distinct counts of (position, treatment) and of ordered pairs of different neighbouring treatments.</summary>
    private static (int[] Positions, int[] Pairs) Balance(string design)
    {
        string[][] sequences = File.ReadAllLines(design).Skip(1).Select(l => l.Split(',')).GroupBy(c => c[0])
            .Select(g => g.Select(c => c[3] + "/" + c[4]).ToArray()).ToArray();
        int[] positions = sequences.SelectMany(s => s.Select((t, i) => i + ">" + t)).GroupBy(p => p).Select(g => g.Count()).Distinct().ToArray();
        int[] pairs = sequences.SelectMany(s => s.Zip(s.Skip(1)).Where(p => p.First != p.Second).Select(p => p.First + ">" + p.Second))
            .GroupBy(p => p).Select(g => g.Count()).Distinct().ToArray();
        return (positions, pairs);
    }

    [Fact]
    public void StudyRunsEndToEndOnASimulatedCohort()
    {
        string design = CohortSimulation.Write(Path.Combine(_dir, "cohort"), new CohortSimulationSettings { Subjects = 12, Sets = 2, Reps = 4, Effect = 0.3, Seed = 5, PartialInFirstSet = true });
        string json = Path.Combine(_dir, "study.json"), tidy = Path.Combine(_dir, "reps.csv"), report = Path.Combine(_dir, "report");
        (int code, string output, string error) = CliTests.Run("study", "--design", design, "--json", json, "--tidy", tidy, "--report", report, "--sesoi", "5");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("gmax concentric mean: pull-through - bridge:", output);
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        foreach (OutcomeKey o in StudyAnalysis.Primary) Assert.Contains($"data-figure=\"{GluteSense.Host.Reports.StudyReport.FigureId(o)}\"", html);
        Assert.Contains("Recording details (ISEK reporting standards)", html);
        Assert.Contains("Satterthwaite", html);
        Assert.DoesNotContain("no difference between", html);
        // Wording: every reading, on the console and in the report, gives the effect and its CI before p and the method.
        const string Reading = @"pull-through - bridge: [+-]\d+\.\d\d \S+ \(95 % CI -?\d+\.\d\d to -?\d+\.\d\d\), (Holm-adjusted )?p (=|&lt;|<) 0\.\d{3} "
            + @"\(mixed model, Satterthwaite df \d+\.\d\); ";
        string[] consoleReadings = output.Split('\n').Where(l => l.Contains(" - bridge")).ToArray();
        Assert.Equal(StudyAnalysis.Primary.Count, consoleReadings.Length);
        Assert.All(consoleReadings, l => Assert.Matches(": " + Reading, l));
        string[] verdicts = System.Text.RegularExpressions.Regex.Matches(html, "<p class=\"verdict\">([^<]*)</p>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(StudyAnalysis.Declared.Count, verdicts.Length);
        Assert.All(verdicts, v => Assert.Matches("^" + Reading, v));

        string[] lines = File.ReadAllLines(tidy);
        Assert.Equal(string.Join(",", TidyTable.Columns), lines[0]);
        string[][] cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(new[] { "es", "es_l", "es_r", "gmax", "gmax:es", "gmax_l", "gmax_r", "lumbar" }, cells.Select(c => c[7]).Distinct().OrderBy(c => c, StringComparer.Ordinal));
        Assert.Subset(cells.Select(c => c[8]).ToHashSet(), new[] { "mean", "peak", "integrated", "onset_rel_s" }.ToHashSet());
        Assert.All(cells.Where(c => c[8] == "mean" && c[7] == "gmax"), c => Assert.Equal("%MVC", c[10]));
        // gmax and es are the left-right average of every metric, onset_rel_s included wherever both sides have an onset.
        var sides = cells.ToDictionary(c => string.Join("|", c[0], c[4], c[5], c[6], c[7], c[8]), c => double.Parse(c[9], CultureInfo.InvariantCulture));
        foreach (string group in new[] { "gmax", "es" })
        {
            foreach (string metric in new[] { "mean", "peak", "integrated", "onset_rel_s" })
            {
                string[][] pairs = cells.Where(c => c[7] == group + "_l" && c[8] == metric && sides.ContainsKey(string.Join("|", c[0], c[4], c[5], c[6], group + "_r", metric))).ToArray();
                string[][] averaged = cells.Where(c => c[7] == group && c[8] == metric).ToArray();
                Assert.True(averaged.Length == pairs.Length && pairs.Length > 0, $"{group} {metric}: {averaged.Length} rows, {pairs.Length} with both sides");
                foreach (string[] c in averaged)
                {
                    string Key(string channel) => string.Join("|", c[0], c[4], c[5], c[6], channel, metric);
                    Assert.Equal((sides[Key(group + "_l")] + sides[Key(group + "_r")]) / 2, sides[Key(group)], 9);
                }
            }
        }

        Assert.Equal(12, cells.Select(c => c[0]).Distinct().Count());
        string[][] primary = cells.Where(c => c[7] == "gmax" && c[6] == "concentric" && c[8] == "mean").ToArray();
        Assert.Contains(primary, c => c[12] == "true" && c[0] == "S01" && c[13].Contains("partial"));   // the partial rep is exported...

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement root = doc.RootElement;
        Assert.Equal("exercise", root.GetProperty("factor").GetString());
        JsonElement model = root.GetProperty("models")[0];
        Assert.Equal("gmax", model.GetProperty("outcome").GetProperty("channel").GetString());
        Assert.Equal("value ~ exercise + (1 | subject) + (1 | subject:set)", model.GetProperty("formula").GetString());
        Assert.Equal(12, model.GetProperty("n_subjects").GetInt32());
        Assert.Equal(primary.Count(c => c[12] == "false"), model.GetProperty("n_obs").GetInt32());   // ...and left out of the model
        JsonElement effect = model.GetProperty("fixed")[1];
        Assert.Equal("exercisepull-through", effect.GetProperty("term").GetString());
        foreach (string key in new[] { "estimate", "se", "df", "t", "p", "ci95" }) Assert.True(effect.TryGetProperty(key, out _), key);
        Assert.Equal(3, model.GetProperty("random").GetArrayLength());
        JsonElement two = model.GetProperty("two_stage")[0];
        Assert.Equal(12, two.GetProperty("subjects").GetArrayLength());
        foreach (string key in new[] { "mean_difference", "paired_t", "d_z", "wilcoxon", "hodges_lehmann", "tost" }) Assert.True(two.TryGetProperty(key, out _), key);
        Assert.Contains(two.GetProperty("tost").GetProperty("verdict").GetString(), new[] { "equivalent", "different", "inconclusive" });
        JsonElement[] models = root.GetProperty("models").EnumerateArray().ToArray();
        string statisticsPage = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "statistics.md"));
        foreach (JsonProperty p in model.EnumerateObject().Concat(two.EnumerateObject()).Concat(effect.EnumerateObject()))
        {
            Assert.True(statisticsPage.Contains($"`{p.Name}`", StringComparison.Ordinal), $"docs/statistics.md does not describe the JSON field {p.Name}");
        }

        Assert.All(models.Where(m => m.GetProperty("primary").GetBoolean()), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("p_holm").ValueKind));
        Assert.All(models.Where(m => !m.GetProperty("primary").GetBoolean()), m => Assert.Equal(JsonValueKind.Number, m.GetProperty("p_holm").ValueKind));

        AssertEqualToLme4(tidy, models);
    }

    [Fact]
    public void StudyRefusesMicrovoltsAndBadDesigns()
    {
        string design = CohortSimulation.Write(Path.Combine(_dir, "small"), new CohortSimulationSettings { Subjects = 3, Sets = 1, Reps = 2, Seed = 2 });
        string[] lines = File.ReadAllLines(design);
        File.WriteAllLines(design, lines.Select(l => l[..l.LastIndexOf(',')]));   // drop the mvc column
        (int code, _, string error) = CliTests.Run("study", "--design", design, "--json", Path.Combine(_dir, "x.json"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("microvolts cannot be pooled across subjects", error);
        File.WriteAllLines(design, new[] { "subject,session,set,exercise,folder", "S01,1,a,bridge,x" });
        (code, _, error) = CliTests.Run("study", "--design", design, "--json", Path.Combine(_dir, "x.json"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("missing column 'condition'", error);
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));
    }

    [Fact]
    public void StudyTakesAbsolutePaths_AndRefusesRepeatedSetLabelsAndTwoMvcsPerSubject()
    {
        string cohort = Path.Combine(_dir, "paths");
        string design = CohortSimulation.Write(cohort, new CohortSimulationSettings { Subjects = 3, Sets = 1, Reps = 2, Seed = 6 });
        string[] lines = File.ReadAllLines(design);
        string absolute = Path.Combine(_dir, "absolute.csv"), json = Path.Combine(_dir, "paths.json");
        File.WriteAllLines(absolute, lines.Take(1).Concat(lines.Skip(1).Select(l =>
        {
            string[] c = l.Split(',');
            return string.Join(",", c.Take(5).Concat(new[] { Path.Combine(cohort, c[5]), Path.Combine(cohort, c[6]) }));
        })));
        (int code, _, string error) = CliTests.Run("study", "--design", absolute, "--json", json);   // a CSV outside the cohort's folder
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(3, JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("n_subjects").GetInt32());
        File.Delete(json);

        string[] first = lines[1].Split(','), second = lines[2].Split(',');
        Assert.Equal(first[0], second[0]);
        foreach ((string[] row, string message) in new[]
        {
            (second.Take(2).Concat(new[] { first[2] }).Concat(second.Skip(3)).ToArray(), $"subject {first[0]} has set '{first[2]}' 2 times (set labels are unique within a subject)"),
            (second.Take(6).Concat(new[] { "S02/mvc" }).ToArray(), $"subject {first[0]} has 2 different mvc folders (one subject, one normalisation reference)"),
        })
        {
            File.WriteAllLines(design, lines.Take(2).Append(string.Join(",", row)).Concat(lines.Skip(3)));
            (code, string output, error) = CliTests.Run("study", "--design", design, "--json", json);
            Assert.Equal(ExitCodes.Error, code);
            Assert.Equal($"glutesense study: design.csv: {message}", error.Trim());   // one line, before any analysis
            Assert.Equal("", output);
            Assert.False(File.Exists(json));
        }
    }

    [Fact]
    public void PlanGivesStatsmodelsSubjectsAndChecksThemBySimulation()
    {
        string json = Path.Combine(_dir, "plan.json");
        (int code, string output, string error) = CliTests.Run("plan", "--sd-change", "10", "--effect", "5", "--json", json);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith("34 subjects", output);   // statsmodels TTestPower.solve_power: 33.37 -> 34 (tests/fixtures/equivalence_power_statsmodels.json)
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json))) Assert.Equal(34, doc.RootElement.GetProperty("n").GetInt32());

        (code, output, error) = CliTests.Run("plan", "--sd-change", "4", "--effect", "6", "--simulate", "2", "--sim-reps", "3", "--json", json);
        Assert.True(code == ExitCodes.Ok, error);
        using JsonDocument sim = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement s = sim.RootElement.GetProperty("simulation");
        Assert.Equal(6, s.GetProperty("subjects").GetInt32());
        Assert.InRange(s.GetProperty("empirical_power").GetDouble(), 0, 1);
        Assert.True(s.GetProperty("observed_mean_change").GetDouble() > 0, "the eccentric-first effect raises concentric GMax");
        Assert.Equal(("eccentric-first", 2), (s.GetProperty("design").GetString(), s.GetProperty("sets").GetInt32()));

        // The Done-when cohort: n from the fixture (statsmodels: SD 5, effect 5, power 0.9 -> 13 subjects), simulated as
        // 13 subjects x 2 exercises x 2 sets through simulate -> analyse -> mixed model.
        (code, output, error) = CliTests.Run("plan", "--sd-change", "5", "--effect", "5", "--power", "0.9", "--simulate", "1", "--sim-design", "exercises",
            "--sim-reps", "3", "--json", json);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith("13 subjects", output);
        using JsonDocument exercises = JsonDocument.Parse(File.ReadAllText(json));
        s = exercises.RootElement.GetProperty("simulation");
        Assert.Equal((13, "exercises", 2), (s.GetProperty("subjects").GetInt32(), s.GetProperty("design").GetString(), s.GetProperty("sets").GetInt32()));
        Assert.True(s.GetProperty("observed_mean_change").GetDouble() > 0, "the simulated pull-through activates GMax more than the bridge");
        Assert.Equal(1.0, s.GetProperty("empirical_power").GetDouble());

        foreach ((string[] bad, string message) in new[]
        {
            (new[] { "--sd-change", "0", "--effect", "1" }, "must be a positive number"),
            (new[] { "--sd-change", "5", "--effect", "5", "--simulate", "1", "--sim-design", "squats" }, "--sim-design 'squats' must be exercises or eccentric-first"),
            (new[] { "--sd-change", "5", "--effect", "5", "--simulate", "1", "--sim-sets", "0" }, "--sim-sets 0 is out of range (1..20)"),
            (new[] { "--sd-change", "5", "--effect", "5", "--simulate", "1", "--sim-effect", "3" }, "effect 3 is out of range (0..2)"),
            (new[] { "--sd-change", "20", "--effect", "1", "--simulate", "1" }, "a simulated cohort of 3142 subjects is out of range (2..1000)"),
        })
        {
            File.Delete(json);
            (code, output, error) = CliTests.Run(new[] { "plan" }.Concat(bad).Concat(new[] { "--json", json }).ToArray());
            Assert.Equal(ExitCodes.Error, code);
            Assert.Contains(message, error);
            Assert.Equal("", output);   // refused before anything is printed or written
            Assert.False(File.Exists(json));
        }
    }

    [Fact]
    public void EccentricFirstDesign_DeadStartsSimulated_RandomSlopeThroughTheCli_SesoiPerOutcomeInItsUnits()
    {
        string cohort = Path.Combine(_dir, "ecc");
        (int code, string output, string error) = CliTests.Run("study", "simulate", "--design", "eccentric-first", "--subjects", "6", "--sets", "2",
            "--reps", "3", "--effect", "0.3", "--seed", "4", "--out", cohort);
        Assert.True(code == ExitCodes.Ok, error);
        string design = Path.Combine(cohort, "design.csv");
        string[][] rows = File.ReadAllLines(design).Skip(1).Select(l => l.Split(',')).ToArray();
        // The concentric-first sets are dead-start pull-throughs (their meta.json says so); the eccentric-first ones are not.
        foreach (string[] row in rows)
        {
            GluteSense.Host.Recording.RecordingMeta meta = GluteSense.Host.Recording.RecordingFolder.Read(Path.Combine(cohort, row[5])).Meta;
            Assert.Equal(row[4] == CohortSimulationSettings.ConcentricFirst ? GluteSense.Host.PhaseKind.Concentric : null, meta.FirstPhase);
        }

        string json = Path.Combine(_dir, "ecc.json"), tidy = Path.Combine(_dir, "ecc.csv");
        (code, output, error) = CliTests.Run("study", "--design", design, "--json", json, "--tidy", tidy, "--random-slope",
            "--sesoi", "5", "--sesoi", "gmax:es/concentric/log_ratio=0.1", "--sesoi", "lumbar/rep/range_deg=3");
        Assert.True(code == ExitCodes.Ok, error);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(doc.RootElement.GetProperty("random_slope").GetBoolean());
        Assert.Equal("condition", doc.RootElement.GetProperty("factor").GetString());
        JsonElement[] models = doc.RootElement.GetProperty("models").EnumerateArray().ToArray();
        JsonElement Model(string channel, string phase, string metric) => models.Single(m => m.GetProperty("outcome").GetProperty("channel").GetString() == channel
            && m.GetProperty("outcome").GetProperty("phase").GetString() == phase && m.GetProperty("outcome").GetProperty("metric").GetString() == metric);
        JsonElement gmax = Model("gmax", "concentric", "mean");
        Assert.Equal("value ~ condition + (1 + condition | subject) + (1 | subject:set)", gmax.GetProperty("formula").GetString());
        Assert.Equal("conditioneccentric-first", gmax.GetProperty("fixed")[1].GetProperty("term").GetString());
        // Each outcome's SESOI in its own units: %MVC for the amplitudes, a log ratio, degrees; the TOST uses it.
        foreach ((JsonElement m, double bound) in new[] { (gmax, 5.0), (Model("es", "eccentric", "mean"), 5.0), (Model("gmax:es", "concentric", "log_ratio"), 0.1), (Model("lumbar", "rep", "range_deg"), 3.0) })
        {
            Assert.Equal(bound, m.GetProperty("sesoi").GetDouble());
            JsonElement tost = m.GetProperty("two_stage")[0].GetProperty("tost");
            Assert.Equal(bound, tost.GetProperty("high").GetDouble());
            Assert.Equal(-bound, tost.GetProperty("low").GetDouble());
        }

        Assert.Contains("equivalence test", output);
        AssertEqualToLme4(tidy, models, slope: true);

        // A dead-start set whose meta.json lost its first phase would be analysed as a pull-through from the top (its
        // pull-up named eccentric): refused, naming the set, before anything is written.
        string[] deadStart = rows.First(r => r[4] == CohortSimulationSettings.ConcentricFirst);
        string metaPath = Path.Combine(cohort, deadStart[5], "meta.json");
        string metaText = File.ReadAllText(metaPath);
        File.WriteAllText(metaPath, metaText.Replace("\"firstPhase\": \"concentric\",", "", StringComparison.Ordinal));
        (code, _, error) = CliTests.Run("study", "--design", design, "--json", Path.Combine(_dir, "refused.json"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"subject {deadStart[0]} set {deadStart[2]}: the design says concentric-first, the recording's meta.json has no "
            + "\"firstPhase\": \"concentric\" (a dead start)", error);
        Assert.False(File.Exists(Path.Combine(_dir, "refused.json")));
        File.WriteAllText(metaPath, metaText);
        string[] fromTheTop = rows.First(r => r[4] == CohortSimulationSettings.EccentricFirst);
        metaPath = Path.Combine(cohort, fromTheTop[5], "meta.json");
        metaText = File.ReadAllText(metaPath);
        File.WriteAllText(metaPath, "{\n  \"firstPhase\": \"concentric\"," + metaText.TrimStart()[1..]);
        (code, _, error) = CliTests.Run("study", "--design", design, "--json", Path.Combine(_dir, "refused.json"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"set {fromTheTop[2]}: the design says eccentric-first, the recording's meta.json says \"firstPhase\": \"concentric\"", error);
        File.WriteAllText(metaPath, metaText);

        foreach ((string bad, string message) in new[]
        {
            ("gmax/concentric/median=1", "is not a declared outcome (one of gmax/concentric/mean"),
            ("lumbar/rep/range_deg=-1", "the bound must be a positive number in the outcome's units"),
            ("0", "the bound must be a positive number"),
        })
        {
            (code, _, error) = CliTests.Run("study", "--design", design, "--json", Path.Combine(_dir, "refused.json"), "--sesoi", bad);
            Assert.Equal(ExitCodes.Error, code);
            Assert.Contains(message, error);
            Assert.False(File.Exists(Path.Combine(_dir, "refused.json")));
        }
    }

    /// <summary>
    /// Refits every fitted model of a study's JSON with R lme4 + lmerTest from the exported tidy table, as a researcher
    /// would (tests/fixtures/scripts/fit_tidy_lme4.R), and holds the factor's term, n_obs, the REML criterion (1e-6),
    /// estimate, SE and Satterthwaite df to 1e-4 relative and each variance component to 1e-4 of the total variance (a
    /// component at the zero boundary is 0 here and ~1e-19 in R). Without Rscript (never under CI=true) the committed lme4 fixtures of MixedModelLme4Tests stand.
    /// </summary>
    private static void AssertEqualToLme4(string tidy, JsonElement[] models, bool slope = false)
    {
        if (!FixtureScripts.Available("fit_tidy_lme4.R")) return;
        static string Name(JsonElement m) => string.Join("/", new[] { "channel", "phase", "metric" }.Select(k => m.GetProperty("outcome").GetProperty(k).GetString()));
        JsonElement[] fitted = models.Where(m => m.GetProperty("formula").ValueKind == JsonValueKind.String).ToArray();
        Assert.Equal(models.Length, fitted.Length);
        JsonElement r = FixtureScripts.RunJson("fit_tidy_lme4.R", new[] { tidy }.Concat(slope ? new[] { "slope" } : Array.Empty<string>()).Concat(fitted.Select(Name)).ToArray());
        foreach (JsonElement m in fitted)
        {
            JsonElement lme4 = r.GetProperty(Name(m)), effect = m.GetProperty("fixed")[1];
            Assert.Equal(lme4.GetProperty("term").GetString(), effect.GetProperty("term").GetString());
            Assert.Equal(lme4.GetProperty("n_obs").GetInt32(), m.GetProperty("n_obs").GetInt32());
            double remlR = lme4.GetProperty("reml_criterion").GetDouble(), reml = m.GetProperty("reml_criterion").GetDouble();
            Assert.True(Math.Abs(remlR - reml) <= 1e-6 * Math.Abs(remlR), $"{Name(m)} REML criterion: lme4 {remlR:R}, study {reml:R}");
            foreach (string key in new[] { "estimate", "se", "df" })
            {
                double expected = lme4.GetProperty(key).GetDouble(), actual = effect.GetProperty(key).GetDouble();
                Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Abs(expected), $"{Name(m)} {key}: lme4 {expected:R}, study {actual:R}");
            }

            var variances = lme4.GetProperty("random").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetDouble());
            double total = variances.Values.Sum();
            JsonElement[] ours = m.GetProperty("random").EnumerateArray().Where(v => v.GetProperty("term2").ValueKind == JsonValueKind.Null).ToArray();
            Assert.Equal(variances.Count, ours.Length);
            foreach (JsonElement v in ours)
            {
                string group = v.GetProperty("group").GetString()!, term = v.GetProperty("term").GetString()!;
                double expected = variances[term.Length == 0 ? group : group + " " + term], actual = v.GetProperty("variance").GetDouble();
                Assert.True(Math.Abs(expected - actual) <= 1e-4 * total, $"{Name(m)} variance {group} {term}: lme4 {expected:R}, study {actual:R}");
            }

            // The two-stage route's Hodges-Lehmann difference, from the same export's subject means (wilcox.test, conf.int).
            JsonElement hlR = lme4.GetProperty("hodges_lehmann"), hl = m.GetProperty("two_stage")[0].GetProperty("hodges_lehmann");
            Assert.Equal(hlR.GetProperty("exact").GetBoolean() ? "exact" : "approx", hl.GetProperty("method").GetString());
            Assert.Equal(hlR.GetProperty("level").GetDouble(), hl.GetProperty("level").GetDouble(), 12);
            foreach ((string key, double actual) in new[]
                     {
                         ("estimate", hl.GetProperty("estimate").GetDouble()), ("low", hl.GetProperty("ci")[0].GetDouble()),
                         ("high", hl.GetProperty("ci")[1].GetDouble()),
                     })
            {
                double expected = hlR.GetProperty(key).GetDouble();
                Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)),
                    $"{Name(m)} Hodges-Lehmann {key}: R {expected:R}, study {actual:R}");
            }
        }
    }
}
