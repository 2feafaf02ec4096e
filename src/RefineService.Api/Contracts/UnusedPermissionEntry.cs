namespace RefineService.Api.Contracts;

/// <summary>The unused actions of one service, in the seed article's shape.</summary>
public sealed record UnusedPermissionEntry : ContractObject
{
    /// <summary>The service prefix, e.g. <c>s3</c>: lower-case letters, digits and hyphens.</summary>
    public string? ServiceNamespace { get; init; }

    /// <summary>The unused actions, without the service prefix: each a name (<c>"GetObject"</c>, wildcards allowed) or an object <c>{ "action", "lastAccessed" }</c> as Access Analyzer writes them. Absent or empty: the whole service is unused.</summary>
    public IReadOnlyList<UnusedAction?>? Actions { get; init; }

    /// <summary>When the service was last used, if ever, as in Access Analyzer's <c>unusedPermissionDetails</c>.</summary>
    public AwsTimestamp? LastAccessed { get; init; }
}
