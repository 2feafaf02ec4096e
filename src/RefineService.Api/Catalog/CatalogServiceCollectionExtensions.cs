using RefineService.Api.Health;
using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Registers the action catalog: its options, its source, its loader, the catalog itself and its readiness check.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddActionCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ICatalogSource, ConfiguredCatalogSource>();
        services.AddSingleton<CurrentCatalog>();
        services.AddSingleton<CatalogFreshness>();
        services.AddSingleton<CatalogLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<CatalogLoader>());

        // A catalog file is watched, and a new one replaces the catalog in force.
        services.AddSingleton<CatalogWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<CatalogWatcher>());

        // Handlers take the catalog itself, once per request: it is loaded before the first request can arrive (CatalogLoader),
        // and a request keeps the one it started with when a newer one replaces it.
        services.AddScoped(provider => provider.GetRequiredService<CurrentCatalog>().Catalog);
        services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
