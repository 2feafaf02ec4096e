using System.Globalization;
using RefineService.Api.Catalog;
using RefineService.Api.Contracts;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>
/// The warnings that say the catalog may be behind AWS: <c>CatalogStale</c> when its data is older than
/// <c>Catalog:MaxAgeDays</c>, <c>UnknownActions</c> when the request names actions the catalog does not know. Both at the
/// request's root, added after a recommendation's own warnings.
/// </summary>
public static class CatalogWarnings
{
    /// <summary>The catalog's data is older than the configured maximum age.</summary>
    public const string CatalogStale = "CatalogStale";

    /// <summary>The request names actions, patterns or services the catalog does not know.</summary>
    public const string UnknownActions = "UnknownActions";

    /// <summary>The catalog's warnings for a recommendation whose own warnings are <paramref name="warnings"/>.</summary>
    public static IEnumerable<Warning> For(ActionCatalog catalog, CatalogFreshness freshness, IReadOnlyList<Warning> warnings)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(freshness);
        ArgumentNullException.ThrowIfNull(warnings);
        var dataOf = catalog.DataDate is { } date ? string.Create(CultureInfo.InvariantCulture, $" (data of {date:yyyy-MM-dd})") : string.Empty;
        if (freshness.AgeDays(catalog) is { } age && age > freshness.MaxAgeDays)
        {
            yield return new Warning
            {
                Code = CatalogStale,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"The action catalog {catalog.Version}{dataOf} is {age} days old, older than {freshness.MaxAgeDays}: actions AWS added since are unknown to it, so a wildcard's replacement may leave out an action the role uses. Refresh the catalog."),
                Path = JsonPath.Root,
            };
        }

        var unknown = warnings.Count(w => w.Code is RefinementWarningCodes.UnknownAction or RefinementWarningCodes.UnknownService);
        if (unknown > 0)
        {
            yield return new Warning
            {
                Code = UnknownActions,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"{unknown} {(unknown == 1 ? "action, pattern or service" : "actions, patterns or services")} of this request {(unknown == 1 ? "is" : "are")} not in the action catalog {catalog.Version}{dataOf} (see the UnknownAction and UnknownService warnings). If AWS added them since, the catalog may be behind: compare GET /v1/catalog with the newest data."),
                Path = JsonPath.Root,
            };
        }
    }
}
