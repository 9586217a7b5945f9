using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using GluteSense.Cli.Serve;
using GluteSense.Host.Live;
using GluteSense.Host.Simulation;
using GluteSense.Host.Virtual;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace GluteSense.Cli.Tests;

/// <summary>
/// The dashboard in Debian's chromium (headless, Selenium + chromium-driver): the page connects to the event stream,
/// traces and values update from the virtual board, and the Marker button reaches the board (the board's marker event
/// comes back and is counted).
/// </summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async System.Threading.Tasks.Task PageStreamsTracesAndTheMarkerButtonReachesTheBoard()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "session-1"));
        File.WriteAllText(Path.Combine(_dir, "session-1", "index.html"), "<html><title>report</title></html>");
        int port = FreePort();
        var session = new VirtualLiveSession(GluteSense.Host.Exercise.Bridge, reps: 20, seed: 2, speed: 5);
        WebApplication app = DashboardServer.Build(session, _dir, $"http://127.0.0.1:{port}");
        await app.StartAsync();
        try
        {
            var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
            options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
            ChromeDriverService service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
            service.SuppressInitialDiagnosticInformation = true;
            using var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            browser.Navigate().GoToUrl($"http://127.0.0.1:{port}/");
            var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));
            wait.Until(d => int.Parse(d.FindElement(By.Id("events")).Text) >= 3);   // the event stream is connected

            browser.FindElement(By.Id("start")).Click();
            wait.Until(d => int.Parse(d.FindElement(By.Id("frames")).Text) > 20);
            string first = browser.FindElement(By.Id("gmax_l-value")).Text;
            wait.Until(d => d.FindElement(By.Id("gmax_l-value")).Text != first);   // values keep updating
            Assert.EndsWith("uV", browser.FindElement(By.Id("gmax_l-value")).Text);
            long drawn = (long)((IJavaScriptExecutor)browser).ExecuteScript("return history.gmax_l.length;")!;
            Assert.True(drawn > 10, $"only {drawn} trace points");

            browser.FindElement(By.Id("marker")).Click();
            wait.Until(d => d.FindElement(By.Id("markers")).Text == "1");           // the board's marker event came back
            Assert.Equal("/reports/session-1/index.html", browser.FindElement(By.CssSelector("#reports a")).GetAttribute("href")!.Replace($"http://127.0.0.1:{port}", ""));

            browser.FindElement(By.Id("stop")).Click();
            wait.Until(_ => !session.Streaming);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
