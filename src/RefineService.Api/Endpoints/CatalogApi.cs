using Microsoft.AspNetCore.Http.HttpResults;
using RefineService.Api.Catalog;
using RefineService.Api.Contracts;
using RefineService.Core.Catalog;

namespace RefineService.Api.Endpoints;

/// <summary><c>GET /v1/catalog</c> and its services: the IAM action data the refinement works with.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/catalog").WithTags("Catalog");

        group.MapGet("/", GetCatalog)
            .WithName("GetCatalog")
            .WithSummary("Which action catalog the service uses")
            .WithDescription("The npm package the IAM action data comes from, its version (reported by recommendations as `catalogVersion`), how many services and actions it holds, the date of its data, its age in days and whether that is past `maxAgeDays` (stale).");

        group.MapGet("/services", ListServices)
            .WithName("ListServices")
            .WithSummary("Every AWS service of the catalog")
            .WithDescription("Each service's prefix, display name and number of actions, sorted by prefix.");

        group.MapGet("/services/{prefix}", GetService)
            .WithName("GetService")
            .WithSummary("One service and its actions")
            .WithDescription("The service's actions with IAM's access levels, sorted by name; the prefix is matched in any case. 404 when the catalog has no such service.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static Ok<CatalogInfo> GetCatalog(ActionCatalog catalog, CatalogFreshness freshness) => TypedResults.Ok(new CatalogInfo
    {
        Source = catalog.Source,
        Version = catalog.Version,
        ServiceCount = catalog.Services.Count,
        ActionCount = catalog.Count,
        DataDate = catalog.DataDate,
        AgeDays = freshness.AgeDays(catalog),
        MaxAgeDays = freshness.MaxAgeDays,
        Stale = freshness.IsStale(catalog),
    });

    public static Ok<ServiceList> ListServices(ActionCatalog catalog) => TypedResults.Ok(new ServiceList
    {
        Services = [.. catalog.Services.Select(s => new ServiceSummary { Prefix = s.Prefix, Name = s.Name, ActionCount = s.ActionCount })],
    });

    /// <param name="prefix">The service prefix, e.g. <c>s3</c>, in any case.</param>
    /// <param name="catalog">The action catalog.</param>
    public static Results<Ok<ServiceDetail>, ProblemHttpResult> GetService(string prefix, ActionCatalog catalog)
    {
        if (!catalog.TryGetService(prefix, out var service))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such service",
                detail: $"The action catalog has no service with the prefix '{prefix}'; GET /v1/catalog/services lists them.");
        }

        return TypedResults.Ok(new ServiceDetail
        {
            Prefix = service.Prefix,
            Name = service.Name,
            ActionCount = service.ActionCount,
            Actions = [.. catalog.ActionsOf(service).Select(Describe)],
        });
    }

    internal static CatalogActionInfo Describe(CatalogAction action) =>
        new() { Action = action.FullName, AccessLevel = action.AccessLevel.ToDisplayName() };
}
