using RefineService.Api.Limits;
using RefineService.Api.Security;


namespace RefineService.Api.Endpoints;

/// <summary>The API: every <c>/v1</c> endpoint behind the API key policy, the per-client rate limit and the request time limit.</summary>
public static class ApiEndpoints
{
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(string.Empty);
        api.RequireAuthorization(ApiKeyAuthentication.Policy);
        api.RequireRateLimiting(ClientRateLimiting.Policy);
        api.WithRequestTimeout(RequestTimeLimit.Policy);
        api.ProducesProblem(StatusCodes.Status401Unauthorized);
        api.ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapRecommendations();
        api.MapCatalog();
        api.MapActions();
        return api;
    }
}
