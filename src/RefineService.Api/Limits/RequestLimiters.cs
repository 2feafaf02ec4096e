using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using RefineService.Api.Errors;
using RefineService.Api.Security;
using RefineService.Api.Telemetry;

namespace RefineService.Api.Limits;

/// <summary>
/// The framework's rate limiter, holding both limits of the API: the service's concurrency limit for every request
/// (<see cref="ServiceConcurrencyLimit"/>, always on) and the per-client limit of the <c>/v1</c> endpoints
/// (<see cref="ClientRateLimiting"/>, off unless configured). Each refusal is a problem details answer and a count in
/// <c>refineservice.requests.refused</c>.
/// </summary>
public static class RequestLimiters
{
    public static IServiceCollection AddRequestLimiters(this IServiceCollection services)
    {
        services.AddOptions<ConcurrencyLimitOptions>().BindConfiguration(ConcurrencyLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServiceConcurrencyLimit>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ServiceConcurrencyLimit>((limiter, concurrency) =>
        {
            limiter.GlobalLimiter = concurrency;
            limiter.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                var metrics = context.RequestServices.GetRequiredService<ServiceMetrics>();
                if (ServiceConcurrencyLimit.IsRefusal(rejected.Lease))
                {
                    metrics.Refused("concurrency", "queue_full");
                    return RefuseBusyAsync(context, concurrency.Options);
                }

                metrics.Refused("client_rate", "no_token");
                return ClientRateLimiting.RefuseAsync(context, rejected.Lease);
            };
        });
        services.AddClientRateLimiting();
        return services;
    }

    // 503, not 429: the service as a whole is saturated, whoever asks; a second is about what the queue takes to move on.
    private static ValueTask RefuseBusyAsync(HttpContext context, ConcurrencyLimitOptions limits)
    {
        context.Response.Headers.RetryAfter = "1";
        return context.WriteProblemAsync(
            StatusCodes.Status503ServiceUnavailable,
            "The service is busy",
            string.Create(CultureInfo.InvariantCulture,
                $"The service works on {limits.PermitLimit} requests at once and {limits.QueueLimit} are waiting; retry after 1 second."));
    }
}
