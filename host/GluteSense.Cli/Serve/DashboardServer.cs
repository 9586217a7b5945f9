using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GluteSense.Host.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace GluteSense.Cli.Serve;

/// <summary>
/// The local web dashboard (docs/dashboard.md): one page, a Server-Sent Events stream of live snapshots, and POST
/// endpoints that send start, stop and marker commands to the board. Listens on localhost only unless
/// <c>--listen</c> names another interface; then every request must carry the random access token printed at start
/// (query <c>?token=</c> once, which sets a same-site cookie, or the <c>X-GluteSense-Token</c> header).
/// </summary>
internal static class DashboardServer
{
    /// <summary>How often the event stream pushes a snapshot (ms): fast enough for smooth traces at 100 Hz envelope.</summary>
    public const int PushPeriodMs = 50;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Cookie and header that carry the access token.</summary>
    public const string TokenCookie = "gs_token", TokenHeader = "X-GluteSense-Token";

    /// <summary>A random access token: 128 bits from the OS's cryptographic generator, hex.</summary>
    public static string NewToken() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static WebApplication Build(ILiveSource session, string? reportsDirectory, string url, string? token = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
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
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(reportsDirectory)), RequestPath = "/reports" });
        }

        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/events", async (HttpContext context, CancellationToken aborted) =>
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            while (!aborted.IsCancellationRequested)
            {
                LiveSnapshot snapshot = session.Tick();
                await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(snapshot, Json) + "\n\n", aborted);
                await context.Response.Body.FlushAsync(aborted);
                try
                {
                    await Task.Delay(PushPeriodMs, aborted);
                }
                catch (TaskCanceledException)
                {
                    break;
                }
            }
        });
        app.MapPost("/api/start", () => { session.Start(); return Results.Json(new { streaming = true }); });
        app.MapPost("/api/stop", () => { session.Stop(); return Results.Json(new { streaming = false }); });
        app.MapPost("/api/marker", () => Results.Json(new { marker = session.Marker() }));
        app.MapGet("/api/reports", () => Results.Json(Reports(reportsDirectory)));
        return app;
    }

    private static string[] Reports(string? directory) => directory == null || !Directory.Exists(directory)
        ? Array.Empty<string>()
        : Directory.GetFiles(directory, "index.html", SearchOption.AllDirectories)
            .Select(f => "/reports/" + Path.GetRelativePath(directory, f).Replace('\\', '/')).OrderBy(p => p).ToArray();
}
