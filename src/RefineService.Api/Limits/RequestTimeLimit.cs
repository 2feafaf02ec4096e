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

    /// <summary>The name of the longer timeout policy of whole accounts (<see cref="AccountRequestLimitOptions.Timeout"/>).</summary>
    public const string AccountPolicy = "accounts";

    public static IServiceCollection AddRequestTimeLimit(this IServiceCollection services)
    {
        services.AddOptions<RequestTimeLimitOptions>().BindConfiguration(RequestTimeLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccountRequestLimitOptions>().BindConfiguration(AccountRequestLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestTimeLimitOptions>, IOptions<AccountRequestLimitOptions>>((timeouts, limit, accounts) =>
        {
            timeouts.AddPolicy(Policy, TimeoutPolicy(limit.Value.Timeout, "send fewer or smaller policies"));
            timeouts.AddPolicy(AccountPolicy, TimeoutPolicy(accounts.Value.Timeout, "send the account's principals in several requests"));
        });
        return services;
    }

    private static RequestTimeoutPolicy TimeoutPolicy(TimeSpan timeout, string advice) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = context => Refused(context).WriteProblemAsync(
            StatusCodes.Status503ServiceUnavailable,
            "The request took too long",
            string.Create(CultureInfo.InvariantCulture,
                $"The service stopped working on this request after {timeout.TotalSeconds:0.###} seconds; {advice}, or retry later.")).AsTask(),
    };

    private static HttpContext Refused(HttpContext context)
    {
        context.RequestServices.GetRequiredService<ServiceMetrics>().Refused("time", "timed_out");
        return context;
    }
}
