using System.ComponentModel.DataAnnotations;

namespace RefineService.Api.Security;

/// <summary>How many API requests each client may make (configuration section <c>RateLimiting</c>).</summary>
public sealed class ClientRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Whether each client's requests are limited; off unless configured, as the service's callers are pipelines that call as fast as they can.</summary>
    public bool Enabled { get; set; }

    /// <summary>The requests per second a client may make on average.</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 10;

    /// <summary>The requests a client may make at once after a quiet spell.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 20;
}
