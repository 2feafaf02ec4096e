using RefineService.Api.Limits;

namespace RefineService.Api.Errors;

/// <summary>Every error answered as <c>application/problem+json</c>, with the request's trace id.</summary>
public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        // The default customisation adds "traceId"; unexpected exceptions get that and a generic title, nothing more.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Errors the framework answers alone (routing, Kestrel's body limit) get a sentence saying what to change.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => $"No endpoint answers {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}; the OpenAPI document at /swagger/v1/swagger.json lists them.",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Path} does not answer {context.HttpContext.Request.Method}; the OpenAPI document at /swagger/v1/swagger.json lists its methods.",
                StatusCodes.Status413PayloadTooLarge => TooLarge(RequestLimits.MaxBodyBytesOf(context.HttpContext)),
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with the header Content-Type: application/json.",
                _ => null,
            };
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    // Decompressed bytes count, so that a small compressed body that expands past the limit is refused too.
    private static string TooLarge(long limit) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The request body is larger than {limit} bytes ({limit / (1024 * 1024)} MiB, counted decompressed), the most this endpoint reads.");
}
