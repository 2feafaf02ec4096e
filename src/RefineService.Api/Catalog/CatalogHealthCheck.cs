using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RefineService.Api.Catalog;

/// <summary>Readiness: the service answers from the action catalog it reports the version of.</summary>
internal sealed class CatalogHealthCheck(CurrentCatalog current) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("The action catalog is loaded.", new Dictionary<string, object> { ["catalogVersion"] = current.Catalog.Version }));
}
