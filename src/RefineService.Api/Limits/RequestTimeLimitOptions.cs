using System.ComponentModel.DataAnnotations;

namespace RefineService.Api.Limits;

/// <summary>How long one API request may take (configuration section <c>RequestTimeLimit</c>).</summary>
public sealed class RequestTimeLimitOptions
{
    public const string SectionName = "RequestTimeLimit";

    /// <summary>The time after which the work of a request is cancelled and it is answered 503. Keep it under the shutdown timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
