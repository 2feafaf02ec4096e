using RefineService.Api.Health;
using RefineService.Api.Telemetry;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RefineService.Api.Hosting;

/// <summary>Serilog set up from configuration, writing to stdout as compact JSON or, for people, as text.</summary>
public static class LoggingExtensions
{
    /// <summary>Configuration key choosing the console format: <c>json</c> (default) or <c>text</c>.</summary>
    public const string ConsoleFormatKey = "Serilog:ConsoleFormat";

    public static WebApplicationBuilder AddSerilogLogging(this WebApplicationBuilder builder)
    {
        var text = string.Equals(builder.Configuration[ConsoleFormatKey], "text", StringComparison.OrdinalIgnoreCase);

        // Each host owns its logger; the static Log.Logger stays the start-up one, so hosts side by side (tests) never
        // write through, or close, each other's.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext();
                // The console is written from a background thread: a request never waits on stdout. Under overload the
                // buffer drops events rather than stall requests.
                logger.WriteTo.Async(sink =>
                {
                    if (text)
                    {
                        sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}");
                    }
                    else
                    {
                        sink.Console(new RenderedCompactJsonFormatter());
                    }
                });
            },
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One log line per request (method, path, status, elapsed; trace id as the event's own; what the handler adds through
    /// <see cref="IDiagnosticContext"/>), through the host's logger. Health probes that pass are logged at Debug: an
    /// orchestrator probes every few seconds, and those lines would drown the requests.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = RequestLevel;
        });
        return app;
    }

    /// <summary>
    /// Error for a failure of the service's own (a 503 too: saturated or past its time limit), Debug for a health probe or
    /// a metrics scrape that passed, Warning for one that did not, Information otherwise.
    /// </summary>
    internal static LogEventLevel RequestLevel(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        var status = context.Response.StatusCode;
        if (context.Request.Path.StartsWithSegments(HealthEndpoints.Prefix, StringComparison.OrdinalIgnoreCase) ||
            context.Request.Path.StartsWithSegments(TelemetryExtensions.MetricsPath, StringComparison.OrdinalIgnoreCase))
        {
            return exception is null && status < StatusCodes.Status400BadRequest ? LogEventLevel.Debug : LogEventLevel.Warning;
        }

        return exception is not null || status >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error : LogEventLevel.Information;
    }
}
