using Microsoft.Extensions.Options;
using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Loads the catalog file named by <see cref="CatalogOptions.Path"/>, or the embedded catalog when none is named.</summary>
internal sealed class ConfiguredCatalogSource(IOptions<CatalogOptions> options) : ICatalogSource
{
    private readonly string? _path = string.IsNullOrWhiteSpace(options.Value.Path) ? null : options.Value.Path;

    public string Description => _path ?? "embedded catalog";

    public async Task<ActionCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            return ActionCatalog.LoadEmbedded();
        }

        if (!File.Exists(_path))
        {
            throw new CatalogLoadException("the file does not exist");
        }

        await using var file = File.OpenRead(_path);
        return ActionCatalog.Load(file);
    }
}
