using System;
using System.IO;
using OpenQA.Selenium;

namespace GluteSense.Cli.Tests;

/// <summary>The browser tests' retry rule: a browser-level failure (a lost browser, one that did not start) starts a new
/// browser, a failed check about the page does not, and the last of three browser failures carries chromedriver's log.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class HeadlessChromiumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-chromium-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ALostBrowserIsRetriedOnANewOne()
    {
        int attempts = 0;
        HeadlessChromium.Run(_dir, 400, 300, browser =>
        {
            attempts++;
            browser.Navigate().GoToUrl("about:blank");
            if (attempts == 1) throw new UnknownErrorException("disconnected: not connected to DevTools");
        });
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void ABrowserThatDoesNotStartIsRetriedOnANewOne()
    {
        int starts = 0, checks = 0;
        HeadlessChromium.Run(_dir, 400, 300, browser =>
        {
            checks++;
            browser.Navigate().GoToUrl("about:blank");
        }, (log, widthPx, heightPx) =>
        {
            // What Selenium threw when chromium exited at start in a CI run.
            if (++starts == 1) throw new InvalidOperationException("session not created: Chrome instance exited. (SessionNotCreated)");
            return HeadlessChromium.Start(log, widthPx, heightPx);
        });
        Assert.Equal((2, 1), (starts, checks));
    }

    [Fact]
    public void AFailedPageCheckIsNotRetried()
    {
        int attempts = 0;
        Assert.Throws<NoSuchElementException>(() => HeadlessChromium.Run(_dir, 400, 300, browser =>
        {
            attempts++;
            browser.Navigate().GoToUrl("about:blank");
            browser.FindElement(By.Id("missing"));
        }));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void ThreeBrowserFailuresFailWithTheDriversLog()
    {
        int attempts = 0;
        var error = Assert.Throws<InvalidOperationException>(() => HeadlessChromium.Run(_dir, 400, 300, _ =>
        {
            attempts++;
            throw new WebDriverException("session deleted as the browser has closed the connection");
        }));
        Assert.Equal(HeadlessChromium.Attempts, attempts);
        Assert.StartsWith("headless chromium failed 3 times; the last: session deleted", error.Message);
        const string header = "chromedriver log (last 40 lines):\n";
        string log = error.Message[(error.Message.IndexOf(header, StringComparison.Ordinal) + header.Length)..];
        Assert.NotEqual("(no log written)", log);   // chromedriver's log holds the browser's own output
        Assert.NotEmpty(log.Trim());
    }
}
