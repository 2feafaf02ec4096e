using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Loads the action catalog once at startup; a catalog that cannot be read stops the service.</summary>
internal sealed partial class CatalogLoader(
    ICatalogSource source,
    CatalogState state,
    IHostApplicationLifetime lifetime,
    ILogger<CatalogLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var catalog = await source.LoadAsync(stoppingToken);
            state.Set(catalog);
            LogLoaded(logger, catalog.Source, catalog.Version, catalog.Services.Count, catalog.Count);
        }
        catch (Exception ex) when (ex is CatalogLoadException or IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, source.Description, ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action catalog {CatalogSource}@{CatalogVersion} loaded: {ServiceCount} services, {ActionCount} actions")]
    private static partial void LogLoaded(ILogger logger, string catalogSource, string catalogVersion, int serviceCount, int actionCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot load the action catalog from {CatalogFile}: {Problem}. The service stops.")]
    private static partial void LogFailed(ILogger logger, string catalogFile, string problem);
}
