using RefineService.Api.Health;

namespace RefineService.Api.Catalog;

/// <summary>Registers the action catalog: its options, its source, its holder, its loader and its readiness check.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddActionCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName);
        services.AddSingleton<ICatalogSource, ConfiguredCatalogSource>();
        services.AddSingleton<CatalogState>();
        services.AddHostedService<CatalogLoader>();
        services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
