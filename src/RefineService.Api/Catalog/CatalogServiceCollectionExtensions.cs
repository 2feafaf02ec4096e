using RefineService.Api.Health;
using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Registers the action catalog: its options, its source, its loader, the catalog itself and its readiness check.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddActionCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName);
        services.AddSingleton<ICatalogSource, ConfiguredCatalogSource>();
        services.AddSingleton<CatalogLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<CatalogLoader>());

        // Handlers and validators take the catalog itself: it is loaded before the first request can arrive (CatalogLoader).
        services.AddSingleton(provider => provider.GetRequiredService<CatalogLoader>().Catalog);
        services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
