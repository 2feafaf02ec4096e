using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>The answer in the exact shape of Access Analyzer's <c>GetFindingRecommendationResponse</c>.</summary>
public sealed record FindingRecommendation
{
    /// <summary>When the recommendation was started.</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it was completed.</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Why no recommendation could be made; present only with status <c>FAILED</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecommendationError? Error { get; init; }

    /// <summary>The principal's ARN: the finding's <c>resource</c>, or the request's <c>resourceArn</c>.</summary>
    /// <example>arn:aws:iam::123456789012:role/my-role</example>
    public required string ResourceArn { get; init; }

    /// <summary>The steps, one union per step: per changed policy <c>CREATE_POLICY</c> then <c>DETACH_POLICY</c>; per policy with nothing left <c>DETACH_POLICY</c> alone.</summary>
    public required IReadOnlyList<RecommendedStep> RecommendedSteps { get; init; }

    /// <summary>Always <c>UnusedPermissionRecommendation</c>, the one type Access Analyzer defines.</summary>
    public required RecommendationType RecommendationType { get; init; }

    /// <summary><c>SUCCEEDED</c>, or <c>FAILED</c> with <c>error</c> when the finding is not one a policy change resolves.</summary>
    public required RecommendationStatus Status { get; init; }
}

/// <summary>Access Analyzer's <c>RecommendationType</c>.</summary>
public enum RecommendationType
{
    /// <summary>A recommendation for an unused-permission finding.</summary>
    [JsonStringEnumMemberName("UnusedPermissionRecommendation")]
    UnusedPermissionRecommendation,
}

/// <summary>The statuses of a recommendation this service gives: Access Analyzer's <c>Status</c> without <c>IN_PROGRESS</c>, since the answer is synchronous.</summary>
public enum RecommendationStatus
{
    /// <summary>The recommendation was made.</summary>
    [JsonStringEnumMemberName("SUCCEEDED")]
    Succeeded,

    /// <summary>No recommendation could be made; <c>error</c> says why.</summary>
    [JsonStringEnumMemberName("FAILED")]
    Failed,
}

/// <summary>Access Analyzer's <c>RecommendationError</c>.</summary>
public sealed record RecommendationError
{
    /// <summary>A stable code, e.g. <c>UnsupportedFindingType</c>.</summary>
    public required string Code { get; init; }

    /// <summary>A sentence for people.</summary>
    public required string Message { get; init; }
}

/// <summary>The request's finding, as the answer concerns it.</summary>
public sealed record FindingSummary
{
    /// <summary>The finding's id.</summary>
    public string? Id { get; init; }

    /// <summary>The principal's ARN.</summary>
    public string? Resource { get; init; }

    /// <summary>The finding's type as given.</summary>
    public string? FindingType { get; init; }

    /// <summary>The finding's status as given.</summary>
    public string? Status { get; init; }
}

/// <summary>What to do about a finding that no policy change resolves.</summary>
public sealed record Remediation
{
    /// <summary><c>deleteRole</c>, <c>deactivateAccessKey</c> or <c>removeConsolePassword</c>.</summary>
    public required RemediationKind Kind { get; init; }

    /// <summary>A sentence for people, naming the AWS CLI command that does it.</summary>
    public required string Message { get; init; }

    /// <summary>The JSON path of the finding detail it answers.</summary>
    public required string Path { get; init; }

    /// <summary>The access key concerned, with <c>deactivateAccessKey</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKeyId { get; init; }

    /// <summary>When the role, key or password was last used, when the finding says.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? LastAccessed { get; init; }
}

/// <summary>The kinds of <see cref="Remediation"/>.</summary>
public enum RemediationKind
{
    /// <summary>An unused role: delete it.</summary>
    DeleteRole,

    /// <summary>An unused access key: deactivate it, then delete it.</summary>
    DeactivateAccessKey,

    /// <summary>An unused console password: remove it (the user's login profile).</summary>
    RemoveConsolePassword,
}
