namespace RefineService.Api.Contracts;

/// <summary>One item of Access Analyzer's <c>findingDetails</c>; items of other kinds than unused permissions are ignored.</summary>
public sealed record FindingDetail
{
    /// <summary>The unused actions of one service.</summary>
    public UnusedPermissionDetails? UnusedPermissionDetails { get; init; }
}

/// <summary>Access Analyzer's <c>unusedPermissionDetails</c>: one service and its unused actions.</summary>
public sealed record UnusedPermissionDetails
{
    /// <summary>The service prefix, e.g. <c>s3</c>: lower-case letters, digits and hyphens.</summary>
    public string? ServiceNamespace { get; init; }

    /// <summary>The unused actions; absent or empty: the whole service is unused.</summary>
    public IReadOnlyList<UnusedAction?>? Actions { get; init; }

    /// <summary>When the service was last used, if ever; not used by the refinement.</summary>
    public DateTimeOffset? LastAccessed { get; init; }
}
