using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GluteSense.Host.Recording;

namespace GluteSense.Cli.Tests;

/// <summary>
/// Ctrl+C on <c>glutesense serve</c> while a page is open and a set is recording, as a clinician ends a session: the
/// process gets SIGINT, the page's event stream ends cleanly, the set in progress is saved, and the exit code is 0.
/// Before, the event stream kept the server up until the host's shutdown timeout, and the process was then killed
/// (exit 130) with the set unsaved.
/// </summary>
public sealed class ServeShutdownTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-serve-stop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task CtrlCWithAPageOpenEndsItsStream_SavesTheSetInProgress_AndExitsZero()
    {
        int port = DashboardBrowserTests.FreePort();
        string sets = Path.Combine(_dir, "sets");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     typeof(GluteSenseCli).Assembly.Location, "serve", "--http-port", port.ToString(), "--speed", "10",
                     "--record", sets, "--subject", "p-001",
                 })
        {
            start.ArgumentList.Add(a);
        }

        using Process serve = Process.Start(start)!;
        Task<string> stdout = serve.StandardOutput.ReadToEndAsync(), stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            // A stalled stream fails the test in a minute instead of hanging the run (HttpClient's timeout ends at the headers).
            using var stalled = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilListening(client, serve);
            using HttpResponseMessage events = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
            using var stream = new StreamReader(await events.Content.ReadAsStreamAsync());
            HttpResponseMessage begun = await client.PostAsync("/api/set/start", new StringContent(
                """{ "condition": "test", "set": { "index": 1, "label": "Test set 1 of 2: bridge" } }""", Encoding.UTF8, "application/json"));
            Assert.True(begun.IsSuccessStatusCode, await begun.Content.ReadAsStringAsync());
            // A few seconds of board time into the set, as the page saw them. The page's time is the end of the newest
            // sample, a set's span runs from its first sample to its last: a second more than the check below needs.
            while (BoardTimeS(await stream.ReadLineAsync(stalled.Token)) is not > 4)
            {
            }

            using (Process kill = Process.Start("kill", $"-INT {serve.Id}")) await kill.WaitForExitAsync();
            // The stream ends as an HTTP response ends, not as a dropped connection (which would throw here).
            while (await stream.ReadLineAsync(stalled.Token) != null)
            {
            }

            Assert.True(serve.WaitForExit(60_000), "serve did not exit within 60 s of Ctrl+C");
            string output = await stdout;
            Assert.True(serve.ExitCode == ExitCodes.Ok, $"exit {serve.ExitCode}: {output} {await stderr}");
            Assert.Contains("Dashboard stopped", output);
            Assert.EndsWith("(ended when the dashboard stopped)", output.TrimEnd());
        }
        finally
        {
            if (!serve.HasExited) serve.Kill();
        }

        RecordingData saved = RecordingFolder.Read(Assert.Single(Directory.GetDirectories(sets)));
        Assert.Equal(SetCondition.Test, saved.Meta.Protocol!.Condition);
        double heldS = saved.Envelope!.TimeS[^1] - saved.Envelope.TimeS[0];
        Assert.True(heldS > 3, $"the saved set holds {heldS:0.0} s of envelope");
    }

    private static async Task WaitUntilListening(HttpClient client, Process serve)
    {
        for (int attempt = 0; ; attempt++)
        {
            Assert.False(serve.HasExited, "serve exited before it listened");
            try
            {
                (await client.GetAsync("/")).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(100);
            }
        }
    }

    // An event-stream line "data: {...}" -> its snapshot's board time; null for other lines.
    private static double? BoardTimeS(string? line)
    {
        Assert.NotNull(line);   // the stream ended before the set had data
        return line.StartsWith("data: ", StringComparison.Ordinal)
            ? (double)JsonNode.Parse(line["data: ".Length..])!["timeS"]! : null;
    }
}
