using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>The action catalog the service answers from now, and since when; replaced whole when a newer one is read.</summary>
/// <remarks>
/// A catalog is immutable, so replacing the reference is the whole swap: a request takes the catalog once, at the start
/// of its scope (see <see cref="CatalogServiceCollectionExtensions"/>), and finishes on it whatever happens meanwhile.
/// </remarks>
public sealed class CurrentCatalog
{
    private volatile ActionCatalog? _catalog;

    /// <summary>The catalog now in force.</summary>
    public ActionCatalog Catalog =>
        _catalog ?? throw new InvalidOperationException("The action catalog is read while the host starts; nothing may ask for it before.");

    /// <summary>Whether a catalog has been read.</summary>
    public bool IsLoaded => _catalog is not null;

    /// <summary>Puts <paramref name="catalog"/> in force for every request that starts from now on.</summary>
    internal void Replace(ActionCatalog catalog) => _catalog = catalog;
}
