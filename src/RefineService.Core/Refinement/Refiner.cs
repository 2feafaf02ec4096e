using System.Text.Json.Nodes;
using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>Removes unused actions from a policy document, replacing wildcards by their shortest safe prefixes. Stateless and thread-safe.</summary>
public sealed class Refiner(ActionCatalog catalog)
{
    public ActionCatalog Catalog { get; } = catalog;

    /// <summary>Refines <paramref name="document"/> (left untouched) against <paramref name="unused"/>.</summary>
    public RefinementResult Refine(JsonObject document, UnusedActionSet unused, RefinementOptions? options = null) =>
        throw new NotImplementedException("The engine is being written.");
}
