using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RefineService.Api.OpenApi;

/// <summary>Says in each response's description when the service answers with that status.</summary>
internal sealed class ResponseDescriptionOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["200"] = "The answer.",
        ["400"] = "The request breaks a rule or is not readable JSON; each key of `errors` is the JSON path of a field at fault, `$` for the body as a whole.",
        ["401"] = "API keys are configured and the request has no valid one in `X-Api-Key`.",
        ["404"] = "No such service in the catalog.",
        ["413"] = "The body is larger than 1 MiB.",
        ["415"] = "The body is not declared as `application/json`.",
        ["429"] = "This client has made more requests than its rate limit allows; `Retry-After` says when to retry.",
        ["500"] = "A fault of the service, never of the request; `traceId` finds it in the logs.",
        ["503"] = "The request took longer than the service's time limit; retry later.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && Descriptions.TryGetValue(status, out var description))
            {
                concrete.Description = description;
            }
        }
    }
}
