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
                StatusCodes.Status413PayloadTooLarge => $"The request body is larger than {RequestLimits.MaxBodyBytes} bytes (1 MiB), the most this service reads.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with the header Content-Type: application/json.",
                _ => null,
            };
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }
}
