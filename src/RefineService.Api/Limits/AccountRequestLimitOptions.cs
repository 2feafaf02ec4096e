using System.ComponentModel.DataAnnotations;

namespace RefineService.Api.Limits;

/// <summary>The limits of <c>POST /v1/accounts/recommendations</c>, whose bodies are whole accounts (configuration section <c>AccountRequestLimit</c>).</summary>
public sealed class AccountRequestLimitOptions
{
    public const string SectionName = "AccountRequestLimit";

    /// <summary>The largest body read, decompressed, in bytes: 64 MiB by default; a larger one is answered 413.</summary>
    [Range(1024L, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The time after which the work is cancelled: 503 before the answer started, a cut stream after. Keep it under the shutdown timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
