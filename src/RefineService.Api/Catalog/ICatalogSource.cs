using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Reads the action catalog; the default reads the configured file or the embedded data.</summary>
public interface ICatalogSource
{
    /// <summary>A name for the source in log lines: the file path, or "embedded".</summary>
    string Description { get; }

    Task<ActionCatalog> LoadAsync(CancellationToken cancellationToken);
}
