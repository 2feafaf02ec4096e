using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using RefineService.Api.Errors;
using RefineService.Api.Telemetry;

namespace RefineService.Api.Limits;

/// <summary>The framework's request timeouts, applied to the API: work past the limit is cancelled and answered 503 problem details.</summary>
public static class RequestTimeLimit
{
    /// <summary>The name of the timeout policy the API's endpoints use.</summary>
    public const string Policy = "api";

    public static IServiceCollection AddRequestTimeLimit(this IServiceCollection services)
    {
        services.AddOptions<RequestTimeLimitOptions>().BindConfiguration(RequestTimeLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestTimeLimitOptions>>((timeouts, limit) =>
            timeouts.AddPolicy(Policy, new RequestTimeoutPolicy
            {
                Timeout = limit.Value.Timeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => Refused(context).WriteProblemAsync(
                    StatusCodes.Status503ServiceUnavailable,
                    "The request took too long",
                    string.Create(CultureInfo.InvariantCulture,
                        $"The service stopped working on this request after {limit.Value.Timeout.TotalSeconds:0.###} seconds; send fewer or smaller policies, or retry later.")).AsTask(),
            }));
        return services;
    }

    private static HttpContext Refused(HttpContext context)
    {
        context.RequestServices.GetRequiredService<ServiceMetrics>().Refused("time", "timed_out");
        return context;
    }
}
