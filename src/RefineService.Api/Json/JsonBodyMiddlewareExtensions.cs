namespace RefineService.Api.Json;

/// <summary>Adds <see cref="JsonBodyMiddleware"/> to the pipeline.</summary>
public static class JsonBodyMiddlewareExtensions
{
    public static IApplicationBuilder UseJsonBodyChecks(this IApplicationBuilder app) => app.UseMiddleware<JsonBodyMiddleware>();
}
