using Microsoft.AspNetCore.Http.HttpResults;

namespace RefineService.Api.Endpoints;

/// <summary>The problems every catalog-backed endpoint may answer.</summary>
internal static class CatalogProblems
{
    /// <summary>503 while the action catalog is still loading after a start.</summary>
    public static ProblemHttpResult Loading() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The action catalog is loading",
        detail: "The service has just started and is still loading the IAM action catalog; retry in a few seconds.");
}
