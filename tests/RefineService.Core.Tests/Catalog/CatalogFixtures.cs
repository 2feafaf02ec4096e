using RefineService.Core.Catalog;

namespace RefineService.Core.Tests.Catalog;

/// <summary>Catalogs derived from the shipped one, for tests that need the catalog of another day.</summary>
public static class CatalogFixtures
{
    /// <summary>The shipped catalog without the named actions (full names, any case).</summary>
    public static ActionCatalog ShippedWithout(params string[] actions)
    {
        var catalog = ShippedCatalog.Instance;
        var removed = new HashSet<string>(actions, StringComparer.OrdinalIgnoreCase);
        return ActionCatalog.Create(
            catalog.Source,
            catalog.Version + "-fixture",
            catalog.Services.Select(s => (
                s.Prefix,
                s.Name,
                catalog.ActionsOf(s).Where(a => !removed.Contains(a.FullName)).Select(a => (a.Name, a.AccessLevel)))));
    }

    /// <summary>A small catalog of the given full names, all with access level Read.</summary>
    public static ActionCatalog Of(params string[] actions) =>
        ActionCatalog.Create(
            "fixture",
            "1",
            actions.GroupBy(a => a.Split(':')[0]).Select(g => (g.Key, g.Key, g.Select(a => (a.Split(':')[1], AccessLevel.Read)))));
}
