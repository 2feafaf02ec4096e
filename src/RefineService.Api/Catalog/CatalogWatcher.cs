using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>
/// Reads the catalog file named by <c>Catalog:Path</c> again every <c>Catalog:ReloadInterval</c>; a file whose content
/// changed and reads as a catalog replaces the one in force (<see cref="CurrentCatalog"/>), one that does not is logged
/// and ignored, and the old catalog stays. Readiness never drops: the service always has a catalog.
/// </summary>
/// <remarks>
/// The content is compared, not the file's times: a Kubernetes ConfigMap or Secret volume replaces a file by moving a
/// symbolic link, and a copy may keep its modification time. Hashing a catalog file (about 1 MB) every 30 s costs about
/// a millisecond.
/// </remarks>
internal sealed partial class CatalogWatcher(
    IOptions<CatalogOptions> options, CurrentCatalog current, TimeProvider time, ILogger<CatalogWatcher> logger) : BackgroundService
{
    private readonly string? _path = string.IsNullOrWhiteSpace(options.Value.Path) ? null : options.Value.Path;
    private byte[]? _seen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_path is null)
        {
            return;
        }

        // The file as read at start-up is the one in force: only a later change replaces it.
        _seen = await HashAsync(_path, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Reads the file once: a changed, readable catalog replaces the one in force; returns whether it did.</summary>
    internal async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            return false;
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(_path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, _path, ex.Message);
            return false;
        }

        var hash = SHA256.HashData(content);
        if (_seen is not null && hash.AsSpan().SequenceEqual(_seen))
        {
            return false;
        }

        _seen = hash;
        ActionCatalog catalog;
        try
        {
            catalog = ActionCatalog.Load(new MemoryStream(content, writable: false));
        }
        catch (CatalogLoadException ex)
        {
            LogIgnored(logger, _path, ex.Message, current.Catalog.Version);
            return false;
        }

        var previous = current.Catalog;
        current.Replace(catalog);
        LogReplaced(logger, catalog.Source, catalog.Version, catalog.Services.Count, catalog.Count, previous.Version);
        return true;
    }

    private static async Task<byte[]?> HashAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action catalog {CatalogSource}@{CatalogVersion} loaded: {ServiceCount} services, {ActionCount} actions; it replaces {PreviousCatalogVersion}")]
    private static partial void LogReplaced(ILogger logger, string catalogSource, string catalogVersion, int serviceCount, int actionCount, string previousCatalogVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "The new action catalog file {CatalogFile} is ignored: {Problem}. The service goes on with {CatalogVersion}.")]
    private static partial void LogIgnored(ILogger logger, string catalogFile, string problem, string catalogVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The action catalog file {CatalogFile} cannot be read: {Problem}. The catalog in force stays.")]
    private static partial void LogUnreadable(ILogger logger, string catalogFile, string problem);
}
