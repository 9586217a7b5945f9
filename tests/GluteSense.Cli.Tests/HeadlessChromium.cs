using System;
using System.IO;
using System.Linq;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace GluteSense.Cli.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Selenium through chromium-driver (both installed by scripts/setup.sh), for
/// the browser tests. One place for the options and for what a browser failure reports.
/// </summary>
/// <remarks>
/// A project CI run once failed a report test with no message in its log, and a fresh-clone run once lost the browser
/// ("not connected to DevTools") under load. So a browser-level failure (the browser did not start, crashed, lost its
/// DevTools connection or its window) is retried on a new browser, at most <see cref="Attempts"/> times, and its last
/// message carries the tail of chromedriver's log. A browser that does not start at all (chromedriver's "session not
/// created", seen once in a CI run under load) is a browser-level failure too. A check about the page (an assertion, an
/// element not found, a wait that timed out, a script error) is never retried.
/// </remarks>
internal static class HeadlessChromium
{
    /// <summary>Browser starts per check before a browser-level failure fails the test.</summary>
    public const int Attempts = 3;

    private const string ChromiumPath = "/usr/bin/chromium", DriverDirectory = "/usr/bin", DriverFile = "chromedriver";
    private const int LogTailLines = 40;

    /// <summary>Starts a browser with a window of <paramref name="widthPx"/> x <paramref name="heightPx"/>, runs
    /// <paramref name="check"/> on it and closes it; a browser-level failure starts a new browser and runs the check
    /// again.</summary>
    public static void Run(string workDir, int widthPx, int heightPx, Action<ChromeDriver> check) =>
        Run(workDir, widthPx, heightPx, check, Start);

    /// <summary><see cref="Run(string, int, int, Action{ChromeDriver})"/> with the browser started by
    /// <paramref name="start"/> (log path, width, height): the tests' way to make a start fail.</summary>
    internal static void Run(string workDir, int widthPx, int heightPx, Action<ChromeDriver> check,
        Func<string, int, int, ChromeDriver> start)
    {
        Assert.True(File.Exists(ChromiumPath) && File.Exists(Path.Combine(DriverDirectory, DriverFile)),
            "chromium and chromium-driver are missing: run scripts/setup.sh");
        for (int attempt = 1; ; attempt++)
        {
            string log = Path.Combine(workDir, $"chromedriver-{Guid.NewGuid():N}.log");
            try
            {
                using ChromeDriver browser = StartOrThrowBrowserFailure(start, log, widthPx, heightPx);
                check(browser);
                return;
            }
            catch (WebDriverException e) when (IsBrowserFailure(e) && attempt < Attempts)
            {
                Console.Error.WriteLine($"headless chromium, attempt {attempt} of {Attempts}: {FirstLine(e.Message)}; starting a new browser");
            }
            catch (WebDriverException e) when (IsBrowserFailure(e))
            {
                throw new InvalidOperationException($"headless chromium failed {Attempts} times; the last: {e.Message}\n"
                    + $"chromedriver log (last {LogTailLines} lines):\n{Tail(log)}", e);
            }
        }
    }

    // A browser that did not start is a browser-level failure. Selenium reports chromedriver's "session not created"
    // (a fresh-clone CI run under load: "Chrome instance exited") as an InvalidOperationException, so it is rethrown as
    // the plain WebDriverException that the retry rule knows.
    private static ChromeDriver StartOrThrowBrowserFailure(Func<string, int, int, ChromeDriver> start, string log, int widthPx,
        int heightPx)
    {
        try
        {
            return start(log, widthPx, heightPx);
        }
        catch (InvalidOperationException e)
        {
            throw new WebDriverException("the browser did not start: " + e.Message, e);
        }
    }

    internal static ChromeDriver Start(string logPath, int widthPx, int heightPx)
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--window-size={widthPx},{heightPx}");
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        service.LogPath = logPath;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    // Selenium's plain WebDriverException covers a driver that did not start or answer; "unknown error" covers a
    // crashed page or a lost DevTools connection; a vanished window is a crash too. Its subclasses for element, wait
    // and script failures are checks about the page.
    private static bool IsBrowserFailure(WebDriverException e) =>
        e.GetType() == typeof(WebDriverException) || e is UnknownErrorException || e is NoSuchWindowException;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(LogTailLines)) : "(no log written)";
}
