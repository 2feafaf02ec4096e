using Microsoft.AspNetCore.RateLimiting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RefineService.Api.Health;

namespace RefineService.Api.Telemetry;

/// <summary>
/// OpenTelemetry: the framework's HTTP server metrics and the service's own (<see cref="ServiceMetrics"/>), served for
/// Prometheus at <c>/metrics</c>; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics and traces also go out by OTLP.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    // The framework's meters: HTTP request durations and counts, connections, and the rate limiter's own view.
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics"];

    public static WebApplicationBuilder AddServiceTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        builder.Services.AddSingleton<ServiceMetrics>();
        if (!options.PrometheusEnabled && !otlp)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("refineservice"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(ServiceMetrics.MeterName).AddMeter(FrameworkMeters);
            if (options.PrometheusEnabled)
            {
                metrics.AddPrometheusExporter();
            }
        });

        // Traces only when a collector is configured: an activity per request costs more than a counter, and nothing
        // would read it otherwise. Probes and scrapes are left out of them.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServiceActivities.SourceName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthEndpoints.Prefix) && !context.Request.Path.StartsWithSegments(MetricsPath)));
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Serves the metrics for Prometheus at <see cref="MetricsPath"/>, open like the probes and outside every limit, so that scrapes go on under load.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The instruments are made with the meter: made now, the catalog's gauges are there from the first scrape on.
        app.ServiceProvider.GetRequiredService<ServiceMetrics>();
        if (app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.PrometheusEnabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting().ExcludeFromDescription();
        }

        return app;
    }
}
