namespace RefineService.Core.Refinement;

/// <summary>IAM's service last accessed report of one principal (GetServiceLastAccessedDetails, a completed job), as the engine reads it.</summary>
/// <param name="ActionLevel">Whether the job was generated with <c>ACTION_LEVEL</c> granularity: only then are tracked actions read.</param>
/// <param name="Services">Every service the principal's policies allow, with when it was last authenticated.</param>
public sealed record LastAccessedReport(bool ActionLevel, IReadOnlyList<ReportedService> Services);

/// <summary>One service of a <see cref="LastAccessedReport"/>.</summary>
/// <param name="ServiceNamespace">The service prefix, e.g. <c>s3</c>.</param>
/// <param name="LastAuthenticated">When an authenticated entity last used the service; null when none did within the report's tracking period.</param>
/// <param name="TrackedActions">With action-level tracking, the service's tracked actions; null when the service has none (or the job is service level).</param>
public sealed record ReportedService(string ServiceNamespace, DateTimeOffset? LastAuthenticated, IReadOnlyList<TrackedAction>? TrackedActions)
{
    /// <summary>The JSON path it was read from, which warnings and the per-service account name.</summary>
    public string? Path { get; init; }
}

/// <summary>One tracked action of a service: its name (with or without the service prefix) and when it was last used, if within the tracking period.</summary>
public sealed record TrackedAction(string ActionName, DateTimeOffset? LastAccessedTime);
