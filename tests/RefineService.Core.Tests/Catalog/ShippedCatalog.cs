using RefineService.Core.Catalog;

namespace RefineService.Core.Tests.Catalog;

/// <summary>The embedded catalog, loaded once for the whole test run.</summary>
public static class ShippedCatalog
{
    private static readonly Lazy<ActionCatalog> Loaded = new(ActionCatalog.LoadEmbedded);

    public static ActionCatalog Instance => Loaded.Value;
}
