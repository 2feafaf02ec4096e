using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>The unused actions of one finding, resolved against the catalog once and shared by every policy refined with them.</summary>
public sealed class UnusedActionSet
{
    /// <summary>Resolves Access Analyzer's unused permissions; names the catalog lacks become warnings (paths relative to <paramref name="permissions"/>, e.g. <c>$[0].actions[2]</c>).</summary>
    public static UnusedActionSet Create(ActionCatalog catalog, IEnumerable<UnusedActions> permissions) =>
        throw new NotImplementedException("The engine is being written.");

    /// <summary>Warnings about unknown services and actions in the findings.</summary>
    public IReadOnlyList<RefinementWarning> Warnings { get; } = [];
}
