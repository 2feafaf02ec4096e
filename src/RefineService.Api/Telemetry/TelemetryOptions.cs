namespace RefineService.Api.Telemetry;

/// <summary>What the service exports to monitoring (configuration section <c>Telemetry</c>); OTLP follows the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Whether metrics are collected and served for Prometheus at <see cref="TelemetryExtensions.MetricsPath"/>.</summary>
    public bool PrometheusEnabled { get; set; } = true;
}
