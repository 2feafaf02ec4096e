using Microsoft.Extensions.Options;
using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>How old a catalog's data is by the service's clock, and whether that is older than <c>Catalog:MaxAgeDays</c>.</summary>
public sealed class CatalogFreshness(IOptions<CatalogOptions> options, TimeProvider time)
{
    /// <summary>The age past which a catalog is stale.</summary>
    public int MaxAgeDays => options.Value.MaxAgeDays;

    /// <summary>Whole days since the catalog's data date; null when the catalog has none.</summary>
    public int? AgeDays(ActionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.DataDate is { } date ? Math.Max(0, (int)(time.GetUtcNow() - date).TotalDays) : null;
    }

    /// <summary>Whether the catalog's data is older than <see cref="MaxAgeDays"/>.</summary>
    public bool IsStale(ActionCatalog catalog) => AgeDays(catalog) > MaxAgeDays;
}
