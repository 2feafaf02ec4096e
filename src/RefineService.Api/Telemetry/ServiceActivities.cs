using System.Diagnostics;

namespace RefineService.Api.Telemetry;

/// <summary>The service's own traces: one activity per recommendation request, tagged with counts, never with policy content.</summary>
public static class ServiceActivities
{
    /// <summary>The name of the service's activity source, which the OpenTelemetry pipeline listens to.</summary>
    public const string SourceName = "RefineService";

    /// <summary>The name of a recommendation's activity.</summary>
    public const string Recommendation = "refineservice.recommendation";

    /// <summary>The source; an activity is made only while something listens (a tracer provider, a test).</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
