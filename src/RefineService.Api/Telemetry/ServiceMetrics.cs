using System.Diagnostics.Metrics;
using RefineService.Api.Catalog;
using RefineService.Core.Catalog;

namespace RefineService.Api.Telemetry;

/// <summary>The service's own instruments (meter <c>RefineService</c>): what was recommended, what the engine cost, what was refused, how old the catalog is.</summary>
/// <remarks>
/// Counts and durations only, tagged with values from small fixed sets (an access level, a limit, a recommended action),
/// so that no policy content and no unbounded label reaches a metrics back end.
/// </remarks>
public sealed class ServiceMetrics
{
    /// <summary>The name of the service's meter, which the OpenTelemetry pipeline listens to.</summary>
    public const string MeterName = "RefineService";

    // Engine time per policy runs from tens of microseconds (the seed) to a second (the limits): buckets over that span.
    private static readonly double[] EngineSecondsBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _recommendations;
    private readonly Counter<long> _policies;
    private readonly Counter<long> _actionsRemoved;
    private readonly Histogram<double> _engineTime;
    private readonly Counter<long> _refused;

    public ServiceMetrics(IMeterFactory meters, CurrentCatalog catalog, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _recommendations = meter.CreateCounter<long>("refineservice.recommendations", "{request}", "Recommendation requests answered.");
        _policies = meter.CreateCounter<long>("refineservice.policies.refined", "{policy}", "Policies refined, by the action recommended for each.");
        _actionsRemoved = meter.CreateCounter<long>("refineservice.actions.removed", "{action}", "Catalog actions removed from the policies' Allow statements, by IAM access level.");
        _engineTime = meter.CreateHistogram("refineservice.engine.duration", "s", "Time the engine took to refine one policy.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EngineSecondsBuckets });
        _refused = meter.CreateCounter<long>("refineservice.requests.refused", "{request}", "API requests refused by a limit of the service, by limit and reason.");
        meter.CreateObservableGauge("refineservice.catalog.age", () => CatalogAge(catalog, time), "s",
            "Age of the action catalog's data in force, tagged with its version.");
        meter.CreateObservableGauge("refineservice.catalog.actions", () => CatalogActions(catalog), "{action}",
            "Actions of the action catalog in force, tagged with its version.");
    }

    /// <summary>A recommendation request was answered.</summary>
    public void RecommendationMade() => _recommendations.Add(1);

    /// <summary>One policy was refined in <paramref name="engineTime"/>; <paramref name="recommendedAction"/> is what the answer recommends for it.</summary>
    public void PolicyRefined(string recommendedAction, TimeSpan engineTime, IReadOnlyDictionary<AccessLevel, int> removedByAccessLevel)
    {
        ArgumentNullException.ThrowIfNull(removedByAccessLevel);
        _policies.Add(1, new KeyValuePair<string, object?>("refineservice.recommended_action", recommendedAction));
        _engineTime.Record(engineTime.TotalSeconds);
        foreach (var (level, count) in removedByAccessLevel)
        {
            if (count > 0)
            {
                _actionsRemoved.Add(count, new KeyValuePair<string, object?>("refineservice.access_level", level.ToDisplayName()));
            }
        }
    }

    /// <summary>An API request was refused by <paramref name="limit"/> (<c>concurrency</c>, <c>client_rate</c>, <c>time</c>) for <paramref name="reason"/>.</summary>
    public void Refused(string limit, string reason) =>
        _refused.Add(1, new KeyValuePair<string, object?>("refineservice.limit", limit), new KeyValuePair<string, object?>("refineservice.reason", reason));

    private static IEnumerable<Measurement<double>> CatalogAge(CurrentCatalog current, TimeProvider time)
    {
        if (current.IsLoaded && current.Catalog is { DataDate: { } date } catalog)
        {
            yield return new Measurement<double>((time.GetUtcNow() - date).TotalSeconds, new KeyValuePair<string, object?>("refineservice.catalog.version", catalog.Version));
        }
    }

    private static IEnumerable<Measurement<long>> CatalogActions(CurrentCatalog current)
    {
        if (current.IsLoaded)
        {
            var catalog = current.Catalog;
            yield return new Measurement<long>(catalog.Count, new KeyValuePair<string, object?>("refineservice.catalog.version", catalog.Version));
        }
    }
}
