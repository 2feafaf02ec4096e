using RefineService.Api.Catalog;
using RefineService.Api.Endpoints;
using RefineService.Api.Errors;
using RefineService.Api.Health;
using RefineService.Api.Hosting;
using RefineService.Api.Json;
using RefineService.Api.Limits;
using RefineService.Api.OpenApi;
using RefineService.Api.Playground;
using RefineService.Api.Security;
using RefineService.Api.Telemetry;
using RefineService.Api.Validation;
using Serilog;

// `--probe`: the container's health check asks the running instance and exits (HealthProbe).
if (HealthProbe.TryRun(args, out var probeExitCode)) { Environment.ExitCode = probeExitCode; return; }

// A plain console logger until the host's own is built, so start-up failures are still written.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    // Configuration (appsettings.json) is read from beside the program, wherever it is started from, unless a content
    // root is given (--contentRoot, ASPNETCORE_CONTENTROOT or DOTNET_CONTENTROOT; the test host gives one).
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = ContentRoot.IsGiven(args) ? null : AppContext.BaseDirectory,
    });

    // http://localhost:8080 unless a URL or port is given (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS as in the image).
    builder.ListenOnDefaultAddressUnlessConfigured();

    // Structured logs, configured in appsettings.json.
    builder.AddSerilogLogging();

    // Bodies over 1 MiB are refused (413) before they are read, unless an endpoint sets a limit of its own (whole accounts);
    // no Server header tells what answers.
    builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        kestrel.AddServerHeader = false;
    });

    // The IAM action catalog, read before the server listens; a catalog that cannot be read stops the service.
    builder.Services.AddActionCatalog();

    // Every error as application/problem+json; unreadable bodies as 400 with the JSON error's path, line and position.
    builder.Services.AddApiProblemDetails();

    // camelCase JSON from source-generated contracts; duplicate keys refused.
    builder.Services.AddApiJson();

    // FluentValidation rules for request bodies, errors keyed by JSON path.
    builder.Services.AddRequestValidation();

    // The OpenAPI document and Swagger UI, described from the contracts' XML documentation.
    builder.Services.AddOpenApiDocument();

    // Optional API keys (X-Api-Key): off unless configured, then needed on every API call.
    builder.Services.AddApiKeyAuthentication();

    // One clock for the service, read by the rate limits, so that tests can swap in a fake one.
    builder.Services.AddSingleton(TimeProvider.System);

    // The framework's rate limiter: a concurrency limit with a bounded queue (503 when saturated), and a per-client
    // limit (per key, or per address) off unless configured, so that a pipeline driving the service is never throttled.
    builder.Services.AddRequestLimiters();

    // OpenTelemetry: the framework's HTTP metrics and the service's own for Prometheus; OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    builder.AddServiceTelemetry();

    // A time limit per API request: work past it is cancelled and answered 503.
    builder.Services.AddRequestTimeLimit();

    // Bodies sent with Content-Encoding gzip or br are decompressed, as pipelines send account dumps.
    builder.Services.AddRequestDecompression();

    var app = builder.Build();

    // One log line per request: method, path, status, elapsed, trace id.
    app.UseRequestLogging();

    // X-Content-Type-Options: nosniff on every answer; Cache-Control: no-store on answers holding policies.
    app.UseSecurityHeaders();

    // Exceptions become problem details: 400/413/415 for unreadable requests, 500 with a trace id for bugs.
    app.UseExceptionHandler();

    // Empty error answers (404 unknown route, 405 wrong method) become problem details too.
    app.UseStatusCodePages();

    // Swagger UI at /swagger, the document at /swagger/v1/swagger.json.
    app.MapOpenApiDocument();

    // The playground at /, its files under /playground: a page for people that sends the API's requests and draws the answers.
    app.MapPlayground();

    // The endpoint is chosen first, so that keys, rate limits and time limits apply to the API's endpoints only.
    app.UseRouting();
    app.UseAuthentication();

    // After authentication, so that a client with a key has its own limit; before authorization, so that key guessing is
    // limited too. The probes and /metrics are outside every limit.
    app.UseRateLimiter();
    app.UseAuthorization();
    app.UseRequestTimeouts();

    // After routing, so that the endpoint's own body limit applies to the decompressed body.
    app.UseRequestDecompression();

    // JSON bodies are read whole first, decompressed: over the endpoint's limit (1 MiB unless it has its own) is 413.
    app.UseJsonBodyChecks();

    // Liveness and readiness probes, open to the orchestrator.
    app.MapHealthEndpoints();

    // Metrics for Prometheus at /metrics, open to the scraper like the probes.
    app.MapMetrics();

    // The API under /v1.
    app.MapApi();

    app.Run();
}
catch (CatalogUnavailableException)
{
    // CatalogLoader has said why in one line, and the host has logged the exception: nothing to add.
    Environment.ExitCode = 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The service stopped unexpectedly");
    Environment.ExitCode = 1;
}
finally
{
    Log.CloseAndFlush();
}

/// <summary>The service's entry point; public so that tests can host it.</summary>
public partial class Program;
