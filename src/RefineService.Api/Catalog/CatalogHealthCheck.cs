using Microsoft.Extensions.Diagnostics.HealthChecks;
using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Readiness: the service answers from the action catalog it reports the version of.</summary>
internal sealed class CatalogHealthCheck(ActionCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("The action catalog is loaded.", new Dictionary<string, object> { ["catalogVersion"] = catalog.Version }));
}
