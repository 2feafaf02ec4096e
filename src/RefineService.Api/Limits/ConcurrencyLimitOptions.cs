using System.ComponentModel.DataAnnotations;

namespace RefineService.Api.Limits;

/// <summary>How many API requests the service works on at once, and how many may wait (configuration section <c>ConcurrencyLimit</c>).</summary>
public sealed class ConcurrencyLimitOptions
{
    public const string SectionName = "ConcurrencyLimit";

    /// <summary>The API requests worked on at once; the work is CPU-bound, so more than a few per core adds memory, not throughput.</summary>
    [Range(1, 10_000)]
    public int PermitLimit { get; set; } = 32;

    /// <summary>The API requests that may wait for a permit, oldest first; past them a request is refused with 503 at once.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 1_000;
}
