using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RefineService.Api.Catalog;

/// <summary>Ready once the action catalog is loaded.</summary>
internal sealed class CatalogHealthCheck(CatalogState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var catalog = state.Catalog;
        return Task.FromResult(catalog is null
            ? HealthCheckResult.Unhealthy("The action catalog is loading.")
            : HealthCheckResult.Healthy("The action catalog is loaded.", new Dictionary<string, object> { ["catalogVersion"] = catalog.Version }));
    }
}
