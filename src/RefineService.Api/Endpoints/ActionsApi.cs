using Microsoft.AspNetCore.Http.HttpResults;
using RefineService.Api.Contracts;
using RefineService.Api.OpenApi;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;

namespace RefineService.Api.Endpoints;

/// <summary><c>POST /v1/actions/expand</c>: what IAM action patterns match in the catalog.</summary>
public static class ActionsApi
{
    public static RouteGroupBuilder MapActions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/actions").WithTags("Actions");

        group.MapPost("/expand", Expand)
            .WithName("ExpandActions")
            .WithSummary("Expand action patterns to the catalog actions they match")
            .WithDescription("For each pattern (`s3:Get*`, `ec2:Describe?pcs`, `*`), the catalog actions it matches, case-insensitively, as IAM matches them.")
            .WithValidation<ExpandActionsRequest>()
            .WithRequestExample(RequestExamples.Expand)
            .ProducesBodyProblems();

        return group;
    }

    // The body is optional only so that the validation filter can answer an empty one in its own words; it never reaches here null.
    public static Ok<ExpandActionsResponse> Expand(ExpandActionsRequest? request, ActionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TypedResults.Ok(new ExpandActionsResponse
        {
            CatalogVersion = catalog.Version,
            Patterns =
            [
                .. request.Patterns!.Select(pattern =>
                {
                    var actions = catalog.Match(pattern);
                    return new PatternExpansion
                    {
                        Pattern = pattern,
                        ActionCount = actions.Count,
                        Actions = [.. actions.Select(CatalogApi.Describe)],
                    };
                }),
            ],
        });
    }
}
