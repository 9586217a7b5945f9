using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GluteSense.Host.Live;
using GluteSense.Host.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GluteSense.Cli.Serve;

/// <summary>
/// The local web dashboard (docs/dashboard.md): one page, a Server-Sent Events stream of live snapshots, and POST
/// endpoints that send start, stop and marker commands to the board, run the pre-set signal check and, with a
/// <see cref="SetRecorder"/> (<c>serve --record DIR</c>), record each set into a folder whose meta.json carries the
/// set's protocol fields. Listens on localhost only unless
/// <c>--listen</c> names another interface; then every request must carry the random access token printed at start
/// (query <c>?token=</c> once, which sets a same-site cookie, or the <c>X-GluteSense-Token</c> header).
/// </summary>
internal static class DashboardServer
{
    /// <summary>How often the board is pumped and a snapshot pushed to each page (ms): fast enough for smooth traces at
    /// 100 Hz envelope.</summary>
    public const int PushPeriodMs = 50;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Cookie and header that carry the access token.</summary>
    public const string TokenCookie = "gs_token", TokenHeader = "X-GluteSense-Token";

    /// <summary>A random access token: 128 bits from the OS's cryptographic generator, hex.</summary>
    public static string NewToken() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static WebApplication Build(ILiveSource session, string? reportsDirectory, string url, string? token = null,
        SetRecorder? recorder = null)
    {
        session.Monitor.Recorder = recorder;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var pump = new DashboardPump(session);
        builder.Services.AddSingleton(pump);
        builder.Services.AddHostedService(_ => pump);
        WebApplication app = builder.Build();
        if (token != null)
        {
            app.Use(async (context, next) =>
            {
                string? given = context.Request.Query["token"].FirstOrDefault() ?? context.Request.Headers[TokenHeader].FirstOrDefault()
                    ?? context.Request.Cookies[TokenCookie];
                if (given == null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                        System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(token)))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.Response.WriteAsync("GluteSense dashboard: access token required (printed by glutesense serve at start)");
                    return;
                }

                if (context.Request.Query.ContainsKey("token"))
                {
                    context.Response.Cookies.Append(TokenCookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
                }

                await next();
            });
        }

        if (reportsDirectory != null && Directory.Exists(reportsDirectory))
        {
            app.UseStaticFiles(
                new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(reportsDirectory)),
                    RequestPath = "/reports" });
        }

        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        // Each page gets the pump's snapshots (DashboardPump: the board moves on whether or not a page is open). The
        // stream ends when the page leaves or the server stops: without the second, Ctrl+C on `serve` with a page open
        // waited for the host's shutdown timeout and then killed the process (exit 130, the page's last set unsaved).
        app.MapGet("/events", async (HttpContext context, IHostApplicationLifetime lifetime, CancellationToken aborted) =>
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping);
            System.Threading.Channels.Channel<LiveSnapshot> page = pump.Subscribe();
            try
            {
                await foreach (LiveSnapshot snapshot in page.Reader.ReadAllAsync(end.Token))
                {
                    await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(snapshot, Json) + "\n\n", end.Token);
                    await context.Response.Body.FlushAsync(end.Token);
                }
            }
            catch (OperationCanceledException) when (end.IsCancellationRequested)
            {
                // The page left or the server is stopping: the stream ends here.
            }
            finally
            {
                pump.Unsubscribe(page);
            }
        });
        app.MapPost("/api/start", () => { session.Start(); return Results.Json(new { streaming = true }); });
        app.MapPost("/api/stop", () => { session.Stop(); return Results.Json(new { streaming = false }); });
        app.MapPost("/api/marker", () => Results.Json(new { marker = session.Marker() }));
        app.MapGet("/api/reports", () => Results.Json(Reports(reportsDirectory)));
        app.MapPost("/api/check", () =>
        {
            session.Start();   // the check reads the stream
            session.Monitor.BeginCheck();
            return Results.Json(new { checking = true, durationS = SignalCheck.DefaultDurationS });
        });
        // HttpRequest, not HttpContext: a lambda of HttpContext alone is taken as a RequestDelegate and its result dropped.
        app.MapPost("/api/set/start", (HttpRequest request) => StartSet(request, session, recorder));
        app.MapPost("/api/set/stop", (HttpRequest request) => StopSet(request, recorder));
        return app;
    }

    // The body is the set's protocol fields as meta.json writes them ({"condition": "test", "set": {"index": 1, "label": ...}, ...});
    // the signal check is the server's own last result, never the page's word.
    private static async Task<IResult> StartSet(HttpRequest request, ILiveSource session, SetRecorder? recorder)
    {
        if (recorder == null) return Results.Conflict(new { error = "not recording: start glutesense serve with --record DIR to save sets" });
        SetProtocol protocol;
        try
        {
            protocol = SetProtocolJson.Parse(await new StreamReader(request.Body).ReadToEndAsync());
            protocol.Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return Results.BadRequest(new { error = "set protocol: " + e.Message.Split(". Path")[0] });
        }

        if (recorder.Recording) return Results.Conflict(new { error = "a set is already being recorded: end it first" });
        session.Start();
        SignalCheckResult? check = session.Monitor.TakeCheck();
        recorder.Begin(protocol with { SignalCheck = check?.ToMeta() });
        return Results.Json(new { recording = true, signalCheck = check?.Summary ?? "no signal check since the previous set" });
    }

    // An optional body {"pain_nrs": N}: the pain rating asked right after the set.
    private static async Task<IResult> StopSet(HttpRequest request, SetRecorder? recorder)
    {
        if (recorder == null || !recorder.Recording) return Results.Conflict(new { error = "no set is being recorded" });
        int? pain;
        try
        {
            string body = await new StreamReader(request.Body).ReadToEndAsync();
            pain = body.Trim().Length == 0 ? null : SetProtocolJson.Parse(body).PainNrs;
            new SetProtocol { PainNrs = pain }.Validate();   // the one range check of pain_nrs
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return Results.BadRequest(new { error = "end of set: " + e.Message.Split(". Path")[0] });
        }

        try
        {
            RecordedSet set = recorder.End(pain);
            return Results.Text(new System.Text.Json.Nodes.JsonObject
            {
                ["folder"] = Path.GetFileName(set.Folder),
                ["samples"] = set.EnvelopeSamples,
                ["protocol"] = System.Text.Json.Nodes.JsonNode.Parse(SetProtocolJson.Serialize(set.Protocol)),
            }.ToJsonString(), "application/json");
        }
        catch (InvalidOperationException e)
        {
            return Results.Conflict(new { error = e.Message });
        }
    }

    private static string[] Reports(string? directory) => directory == null || !Directory.Exists(directory)
        ? Array.Empty<string>()
        : Directory.GetFiles(directory, "index.html", SearchOption.AllDirectories)
            .Select(f => "/reports/" + Path.GetRelativePath(directory, f).Replace('\\', '/')).OrderBy(p => p).ToArray();
}
