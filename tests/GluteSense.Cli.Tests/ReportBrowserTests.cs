using System;
using System.IO;
using System.Linq;
using GluteSense.Host.Reports;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace GluteSense.Cli.Tests;

/// <summary>
/// The reports open in a real browser (<see cref="HeadlessChromium"/>). Every figure must be present and decoded, the
/// verdict and the ISEK details shown.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportBrowserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Simulate(string name, params string[] args) => CliTests.Simulate(_dir, name, args);

    private static void AssertFiguresRendered(ChromeDriver browser, string[] ids)
    {
        var js = (IJavaScriptExecutor)browser;
        foreach (string id in ids)
        {
            IWebElement img = browser.FindElement(By.CssSelector($"img[data-figure='{id}']"));
            long width = (long)js.ExecuteScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)!;
            Assert.True(width == Figures.WidthPx, $"figure {id} did not decode (naturalWidth {width})");
        }

        Assert.Equal(ids.Length, browser.FindElements(By.CssSelector("img[data-figure]")).Count);
    }

    [Fact]
    public void AuditReportLoadsInChromiumWithEveryFigure()
    {
        string mvc = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--seed", "2");
        string test = Simulate("test", "--exercise", "bridge", "--pattern", "lumbar-dominant", "--reps", "5", "--seed", "3");
        string test2 = Simulate("test2", "--exercise", "bridge", "--pattern", "lumbar-dominant", "--reps", "5", "--seed", "7");
        string treat = Simulate("treat", "--exercise", "pull-through", "--reps", "6", "--seed", "4", "--mode", "raw");
        string retest = Simulate("retest", "--exercise", "bridge", "--reps", "5", "--seed", "5");
        string retest2 = Simulate("retest2", "--exercise", "bridge", "--reps", "5", "--seed", "8");
        string reportDir = Path.Combine(_dir, "report");
        (int code, string output, string error) = CliTests.Run("audit", "--test", test, "--test", test2, "--treat", treat, "--retest", retest,
            "--retest", retest2, "--mvc", mvc, "--pain-before", "5", "--pain-after", "3", "--report", reportDir);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("median frequency", output);

        HeadlessChromium.Run(_dir, 1100, 1400, browser =>
        {
            browser.Navigate().GoToUrl(new Uri(Path.Combine(reportDir, "index.html")).AbsoluteUri);
            Assert.StartsWith("Glute audit, subject sim-001", browser.Title);
            Assert.Contains("after the pull-through block", browser.FindElement(By.CssSelector("p.verdict")).Text);
            AssertFiguresRendered(browser, ClinicReports.AuditFigures);
            string page = browser.FindElement(By.TagName("body")).Text;
            foreach (string expected in new[]
            {
                "Recording details (ISEK reporting standards)", "20 mm inter-electrode distance", "PGA gain 6", "band-pass 20-450 Hz",
                "amplitude normalised to MVC", "What this shows and what it cannot", "Not causal", "regression to the mean", "threshold source",
                "es-before-gmax (exploratory)", "Flags marked (exploratory)", "no consistent gluteus maximus / erector spinae firing order" })
            {
                Assert.Contains(expected, page);
            }

            browser.GetScreenshot().SaveAsFile(Path.Combine(_dir, "audit-report.png"));
            Assert.True(new FileInfo(Path.Combine(_dir, "audit-report.png")).Length > 10_000);
        });
    }

    [Fact]
    public void CompareReportLoadsInChromiumWithEveryFigure()
    {
        string mvc = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--seed", "2");
        string bridge = Simulate("bridge", "--exercise", "bridge", "--reps", "5", "--seed", "6");
        string pull = Simulate("pull", "--exercise", "pull-through", "--reps", "5", "--seed", "7", "--effect", "0.3");
        string reportDir = Path.Combine(_dir, "compare");
        string json = Path.Combine(_dir, "compare.json");
        (int code, _, string error) = CliTests.Run("compare", bridge, pull, "--mvc", mvc, "--json", json, "--report", reportDir);
        Assert.True(code == ExitCodes.Ok, error);
        HeadlessChromium.Run(_dir, 1100, 1400, browser =>
        {
            browser.Navigate().GoToUrl(new Uri(Path.Combine(reportDir, "index.html")).AbsoluteUri);
            AssertFiguresRendered(browser, ClinicReports.CompareFigures);
            Assert.Contains("Hedges g", browser.FindElement(By.TagName("table")).Text);
        });
    }

    [Fact]
    public void StudyReportLoadsInChromiumWithAFigureOfSubjectMeansPerOutcome()
    {
        string design = GluteSense.Host.Simulation.CohortSimulation.Write(Path.Combine(_dir, "study"),
            new GluteSense.Host.Simulation.CohortSimulationSettings { Subjects = 6, Sets = 1, Reps = 3, Effect = 0.3, Seed = 8 });
        string reportDir = Path.Combine(_dir, "study-report");
        (int code, _, string error) = CliTests.Run("study", "--design", design, "--report", reportDir, "--sesoi", "5");
        Assert.True(code == ExitCodes.Ok, error);
        HeadlessChromium.Run(_dir, 1100, 1400, browser =>
        {
            browser.Navigate().GoToUrl(new Uri(Path.Combine(reportDir, "index.html")).AbsoluteUri);
            AssertFiguresRendered(browser, GluteSense.Host.Study.StudyAnalysis.Declared.Select(StudyReport.FigureId).ToArray());
            string page = browser.FindElement(By.TagName("body")).Text;
            foreach (string expected in new[]
            {
                "Primary: gmax concentric mean (%MVC)", "pull-through - bridge: ", "denominator df by Satterthwaite", "random effect", "subject:set",
                "two-stage (subject means)", "d_z (95 % CI)", "Wilcoxon signed-rank", "equivalence (TOST)", "each subject's mean, bridge and pull-through, "
                    + "joined by a line", "Holm's correction applies across the secondary outcomes only", "Recording details (ISEK reporting standards)",
                "amplitude normalised to MVC",
            })
            {
                Assert.Contains(expected, page);
            }
        });
    }

    [Fact]
    public void CohortTableGivesPairedStatistics_AndItsReportLoads()
    {
        var lines = new System.Text.StringBuilder("subject,test,retest,mvc\n");
        var noIntervention = new System.Text.StringBuilder("subject,set_a,set_b,mvc\n");
        // Six subjects: with fewer, the exact Wilcoxon test cannot reach p < 0.05 (n = 5 gives at best 2/32 = 0.0625).
        for (int i = 0; i < 6; i++)
        {
            Simulate($"m{i}", "--exercise", "mvc", "--reps", "1", "--seed", (60 + i).ToString(), "--mode", "envelope");
            Simulate($"t{i}", "--exercise", "bridge", "--pattern", "lumbar-dominant", "--reps", "4", "--seed", (20 + i).ToString(), "--mode", "envelope");
            Simulate($"r{i}", "--exercise", "bridge", "--reps", "4", "--seed", (40 + i).ToString(), "--mode", "envelope");
            Simulate($"a{i}", "--exercise", "bridge", "--reps", "4", "--seed", (80 + i).ToString(), "--mode", "envelope");
            lines.Append($"p-{i},t{i},r{i},m{i}\n");
            noIntervention.Append($"p-{i},r{i},a{i},m{i}\n");
        }

        string table = Path.Combine(_dir, "sessions.csv"), semTable = Path.Combine(_dir, "no-intervention.csv"), sem = Path.Combine(_dir, "SEM.json");
        File.WriteAllText(table, lines.ToString());
        File.WriteAllText(semTable, noIntervention.ToString());
        (int code, string output, string error) = CliTests.Run("reliability", "--table", semTable, "--json", sem);
        Assert.True(code == ExitCodes.Ok, error);
        string json = Path.Combine(_dir, "cohort.json"), reportDir = Path.Combine(_dir, "cohort");
        (code, output, error) = CliTests.Run("cohort", "--table", table, "--json", json, "--report", reportDir, "--reliability", sem);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith("Across subjects, gluteus maximus activation in the bridge rose", output);
        Assert.Contains("reliability without intervention ICC(A,1)", output);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var outcomes = doc.RootElement.GetProperty("outcomes");
        var gmax = outcomes[0];
        Assert.Equal("%MVC", gmax.GetProperty("units").GetString());
        Assert.Equal(6, gmax.GetProperty("test").GetArrayLength());
        Assert.True(gmax.GetProperty("paired_t").GetProperty("p").GetDouble() < 0.05);
        Assert.Equal("exact", gmax.GetProperty("wilcoxon").GetProperty("method").GetString());
        Assert.Equal(2, gmax.GetProperty("reliability").GetProperty("icc_ci95").GetArrayLength());
        Assert.Contains(outcomes.EnumerateArray(), o => o.GetProperty("name").GetString() == "Lumbar flexion/extension range");
        Assert.DoesNotContain(outcomes.EnumerateArray(), o => o.GetProperty("name").GetString()!.Contains("Trunk"));

        HeadlessChromium.Run(_dir, 1100, 1400, browser =>
        {
            browser.Navigate().GoToUrl(new Uri(Path.Combine(reportDir, "index.html")).AbsoluteUri);
            AssertFiguresRendered(browser, CohortReport.FigureIds);
        });

        File.WriteAllText(table, "subject,test,retest\np-0,t0,r0\np-1,t1,r1\np-2,t2,r2\n");
        (code, _, error) = CliTests.Run("cohort", "--table", table, "--report", reportDir);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("microvolts cannot be pooled across subjects", error);
        File.WriteAllText(table, "subject,test\np-0,t0\n");
        (code, _, error) = CliTests.Run("cohort", "--table", table, "--report", reportDir);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("missing column 'retest'", error);
    }
}
