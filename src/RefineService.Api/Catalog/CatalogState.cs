using RefineService.Core.Catalog;

namespace RefineService.Api.Catalog;

/// <summary>Holds the action catalog once it is loaded; readiness and the endpoints ask it.</summary>
public sealed class CatalogState
{
    private volatile ActionCatalog? _catalog;

    /// <summary>The catalog, or null while it is still loading.</summary>
    public ActionCatalog? Catalog => _catalog;

    internal void Set(ActionCatalog catalog) => _catalog = catalog;
}
