using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RefineService.Api.Health;

/// <summary>The liveness and readiness probes, kept out of the OpenAPI document.</summary>
public static class HealthEndpoints
{
    /// <summary>The path every health endpoint lies under.</summary>
    public const string Prefix = "/health";

    public const string LivePath = Prefix + "/live";
    public const string ReadyPath = Prefix + "/ready";
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Both are outside the rate limiter, its concurrency limit included: a flood of API requests never starves a probe.
        // Live: the process answers; no checks, so a slow dependency never gets the pod restarted.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting()
            .ExcludeFromDescription();

        // Ready: the catalog is loaded, so requests can be served.
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .DisableRateLimiting()
            .ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var catalogVersion = report.Entries.Values
            .Select(e => e.Data.TryGetValue("catalogVersion", out var v) ? v as string : null)
            .FirstOrDefault(v => v is not null);
        var body = new HealthResponse(report.Status.ToString(), catalogVersion);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJsonContext.Default.HealthResponse, context.RequestAborted);
    }
}
