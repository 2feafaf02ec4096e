using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RefineService.Api.Errors;

namespace RefineService.Api.Security;

/// <summary>
/// The per-client limit, a policy of the framework's rate limiter: one <see cref="TokenBucket"/> per client, per API key
/// when keys are configured, else per client address, its tokens coming back by the service's <see cref="TimeProvider"/>.
/// Off unless configured (<c>RateLimiting:Enabled</c>). A client over its limit is answered 429 problem details with
/// <c>Retry-After</c>.
/// </summary>
public static class ClientRateLimiting
{
    /// <summary>The name of the rate limiting policy the API's endpoints use.</summary>
    public const string Policy = "per-client";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ClientRateLimitOptions>().BindConfiguration(ClientRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ClientRateLimitOptions>, TimeProvider>((limiter, configured, time) =>
        {
            var limits = configured.Value;
            limiter.AddPolicy(Policy, context => limits.Enabled
                ? RateLimitPartition.Get(ClientOf(context), _ => new TokenBucket(limits.Burst, limits.PermitsPerSecond, time))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }

    /// <summary>Answers a client refused by its bucket: 429 problem details with the time until its next token as <c>Retry-After</c>.</summary>
    internal static ValueTask RefuseAsync(HttpContext context, RateLimitLease lease)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<ClientRateLimitOptions>>().Value;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return context.WriteProblemAsync(
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            string.Create(CultureInfo.InvariantCulture,
                $"This client may make {limits.PermitsPerSecond} requests a second ({limits.Burst} at once); retry after {seconds} seconds."));
    }

    // The API key's client when the request was authenticated by one, else the address it came from.
    private static string ClientOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } client }
            ? "key:" + client
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
