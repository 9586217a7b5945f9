using System;
using System.IO;
using System.Linq;
using GluteSense.Host.Reports;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace GluteSense.Cli.Tests;

/// <summary>
/// The reports open in a real browser: Debian's chromium, headless, driven by Selenium through chromium-driver (both
/// installed by scripts/setup.sh). Every figure must be present and decoded, the verdict and the ISEK details shown.
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium", DriverDirectory = "/usr/bin", DriverFile = "chromedriver";
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Simulate(string name, params string[] args)
    {
        string output = Path.Combine(_dir, name);
        (int code, _, string error) = CliTests.Run(new[] { "simulate", "--out", output }.Concat(args).ToArray());
        Assert.True(code == ExitCodes.Ok, error);
        return output;
    }

    private static ChromeDriver Browser()
    {
        Assert.True(File.Exists(ChromiumPath) && File.Exists(Path.Combine(DriverDirectory, DriverFile)),
            "chromium and chromium-driver are missing: run scripts/setup.sh");
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1400");
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

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
        string treat = Simulate("treat", "--exercise", "pull-through", "--reps", "6", "--seed", "4", "--mode", "raw");
        string retest = Simulate("retest", "--exercise", "bridge", "--reps", "5", "--seed", "5");
        string reportDir = Path.Combine(_dir, "report");
        (int code, string output, string error) = CliTests.Run("audit", "--test", test, "--treat", treat, "--retest", retest, "--mvc", mvc,
            "--pain-before", "5", "--pain-after", "3", "--report", reportDir);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("median frequency", output);

        using ChromeDriver browser = Browser();
        browser.Navigate().GoToUrl(new Uri(Path.Combine(reportDir, "index.html")).AbsoluteUri);
        Assert.StartsWith("Glute audit, subject sim-001", browser.Title);
        Assert.StartsWith("After the pull-through block", browser.FindElement(By.CssSelector("p.verdict")).Text);
        AssertFiguresRendered(browser, ClinicReports.AuditFigures);
        string page = browser.FindElement(By.TagName("body")).Text;
        foreach (string expected in new[] { "Recording details (ISEK reporting standards)", "20 mm inter-electrode distance", "PGA gain 6", "band-pass 20-450 Hz", "amplitude normalised to MVC", "Caveats", "Not causal" })
        {
            Assert.Contains(expected, page);
        }

        browser.GetScreenshot().SaveAsFile(Path.Combine(_dir, "audit-report.png"));
        Assert.True(new FileInfo(Path.Combine(_dir, "audit-report.png")).Length > 10_000);
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
        using ChromeDriver browser = Browser();
        browser.Navigate().GoToUrl(new Uri(Path.Combine(reportDir, "index.html")).AbsoluteUri);
        AssertFiguresRendered(browser, ClinicReports.CompareFigures);
        Assert.Contains("Hedges g", browser.FindElement(By.TagName("table")).Text);
    }
}
