using RefineService.Api.Infrastructure;
using Serilog;

// `--probe`: the container's health check asks the running instance and exits (HealthProbe).
if (HealthProbe.TryRun(args, out var probeExitCode)) { Environment.ExitCode = probeExitCode; return; }

// A plain console logger until the host's own is built, so start-up failures are still written.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);

    // Structured logs, configured in appsettings.json.
    builder.AddSerilogLogging();

    // The IAM action catalog, loaded once in the background; readiness waits for it.
    builder.Services.AddActionCatalog();

    var app = builder.Build();

    // One log line per request: method, path, status, elapsed.
    app.UseSerilogRequestLogging();

    // Liveness and readiness probes.
    app.MapHealthEndpoints();

    app.Run();
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
