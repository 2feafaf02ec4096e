using RefineService.Api.Limits;
using RefineService.Api.Security;
using RefineService.Core.Catalog;

namespace RefineService.Api.Endpoints;

/// <summary>The API: every <c>/v1</c> endpoint behind the API key policy, the per-client rate limit and the request time limit.</summary>
public static class ApiEndpoints
{
    /// <summary>The header of every API answer that names the version of the catalog it was made from.</summary>
    public const string CatalogVersionHeader = "X-Catalog-Version";

    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(string.Empty);
        api.RequireAuthorization(ApiKeyAuthentication.Policy);
        api.RequireRateLimiting(ClientRateLimiting.Policy);
        api.WithRequestTimeout(RequestTimeLimit.Policy);

        // Every answer says which catalog it was made from: the one the request took at its start, whatever replaced it since.
        api.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.Response.Headers[CatalogVersionHeader] = context.HttpContext.RequestServices.GetRequiredService<ActionCatalog>().Version;
            return next(context);
        });

        // What the policies above and the exception handler answer, whichever endpoint was asked.
        api.ProducesProblem(StatusCodes.Status401Unauthorized);
        api.ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.ProducesProblem(StatusCodes.Status500InternalServerError);

        api.MapRecommendations();
        api.MapAccounts();
        api.MapCatalog();
        api.MapActions();
        return api;
    }

    /// <summary>Declares what an endpoint that reads a JSON body may also answer: 413 for a body over the size limit, 415 for one not declared as JSON.</summary>
    internal static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
