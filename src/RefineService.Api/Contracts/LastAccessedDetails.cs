using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// IAM's GetServiceLastAccessedDetails answer, exactly as <c>aws iam get-service-last-accessed-details</c> prints it (member
/// names in PascalCase, as IAM's own): which services, and with <c>ACTION_LEVEL</c> granularity which tracked actions, the
/// principal used and when. Members this service does not read are tolerated and counted in a warning.
/// </summary>
public sealed record LastAccessedDetails : AwsShape
{
    /// <summary>The job's status: <c>COMPLETED</c> is required (<c>IN_PROGRESS</c> and <c>FAILED</c> are refused).</summary>
    /// <example>COMPLETED</example>
    [JsonPropertyName("JobStatus")]
    public string? JobStatus { get; init; }

    /// <summary><c>ACTION_LEVEL</c> (tracked actions are read) or <c>SERVICE_LEVEL</c> (services only, with a warning that the report is coarse).</summary>
    /// <example>ACTION_LEVEL</example>
    [JsonPropertyName("JobType")]
    public string? JobType { get; init; }

    /// <summary>When the job was created.</summary>
    [JsonPropertyName("JobCreationDate")]
    public AwsTimestamp? JobCreationDate { get; init; }

    /// <summary>When the job completed.</summary>
    [JsonPropertyName("JobCompletionDate")]
    public AwsTimestamp? JobCompletionDate { get; init; }

    /// <summary>Every service the principal's policies allow, with when it was last used.</summary>
    [JsonPropertyName("ServicesLastAccessed")]
    public IReadOnlyList<ServiceLastAccessed?>? ServicesLastAccessed { get; init; }

    /// <summary>Whether IAM has more services to return (<c>Marker</c>); a truncated report gets a warning, as its other pages are missing.</summary>
    [JsonPropertyName("IsTruncated")]
    public bool? IsTruncated { get; init; }

    /// <summary>The marker of the next page; not read.</summary>
    [JsonPropertyName("Marker")]
    public string? Marker { get; init; }

    /// <summary>IAM's error of a failed job; not read.</summary>
    [JsonPropertyName("Error")]
    public JsonElement? Error { get; init; }

    /// <summary>What boto3 adds to every answer (request id, HTTP headers); not read, and not counted as unknown.</summary>
    [JsonPropertyName("ResponseMetadata")]
    public JsonElement? ResponseMetadata { get; init; }
}

/// <summary>One service of IAM's last accessed report (<c>ServiceLastAccessed</c>).</summary>
public sealed record ServiceLastAccessed : AwsShape
{
    /// <summary>The service's name, e.g. <c>Amazon S3</c>; not read.</summary>
    /// <example>Amazon S3</example>
    [JsonPropertyName("ServiceName")]
    public string? ServiceName { get; init; }

    /// <summary>The service prefix, e.g. <c>s3</c>.</summary>
    /// <example>s3</example>
    [JsonPropertyName("ServiceNamespace")]
    public string? ServiceNamespace { get; init; }

    /// <summary>When an authenticated entity last used the service; absent or null when none did within the tracking period (the service is then unused as a whole).</summary>
    [JsonPropertyName("LastAuthenticated")]
    public AwsTimestamp? LastAuthenticated { get; init; }

    /// <summary>The ARN of the entity that last used the service; not read.</summary>
    [JsonPropertyName("LastAuthenticatedEntity")]
    public string? LastAuthenticatedEntity { get; init; }

    /// <summary>The Region it was last used from; not read.</summary>
    [JsonPropertyName("LastAuthenticatedRegion")]
    public string? LastAuthenticatedRegion { get; init; }

    /// <summary>How many entities used the service; not read (<c>LastAuthenticated</c> says whether any did).</summary>
    [JsonPropertyName("TotalAuthenticatedEntities")]
    public int? TotalAuthenticatedEntities { get; init; }

    /// <summary>With <c>ACTION_LEVEL</c>, the service's tracked actions; absent for a service without action-level tracking.</summary>
    [JsonPropertyName("TrackedActionsLastAccessed")]
    public IReadOnlyList<TrackedActionLastAccessed?>? TrackedActionsLastAccessed { get; init; }
}

/// <summary>One tracked action of a service in IAM's last accessed report (<c>TrackedActionLastAccessed</c>).</summary>
public sealed record TrackedActionLastAccessed : AwsShape
{
    /// <summary>The action's name, e.g. <c>GetObject</c>.</summary>
    /// <example>GetObject</example>
    [JsonPropertyName("ActionName")]
    public string? ActionName { get; init; }

    /// <summary>When an authenticated entity last used the action; absent or null when none did within the tracking period (the action is then unused).</summary>
    [JsonPropertyName("LastAccessedTime")]
    public AwsTimestamp? LastAccessedTime { get; init; }

    /// <summary>The ARN of the entity that last used the action; not read.</summary>
    [JsonPropertyName("LastAccessedEntity")]
    public string? LastAccessedEntity { get; init; }

    /// <summary>The Region it was last used from; not read.</summary>
    [JsonPropertyName("LastAccessedRegion")]
    public string? LastAccessedRegion { get; init; }
}
