namespace RefineService.Api.Contracts;

/// <summary>One principal's activity data in an account's request: what tells its unused actions besides Access Analyzer's findings.</summary>
public sealed record PrincipalActivity : ContractObject
{
    /// <summary>The role or user the data is of, as <c>aws iam generate-service-last-accessed-details --arn</c> was given it.</summary>
    /// <example>arn:aws:iam::123456789012:role/my-role</example>
    public string? PrincipalArn { get; init; }

    /// <summary>As <c>usedActions</c> of <c>/v1/recommendations</c>: actions the principal used, each a name or <c>{ "action", "lastAccessed" }</c>.</summary>
    public IReadOnlyList<UsedAction?>? UsedActions { get; init; }

    /// <summary>As <c>lastAccessedDetails</c> of <c>/v1/recommendations</c>: the principal's report, exactly as <c>aws iam get-service-last-accessed-details</c> prints it.</summary>
    public LastAccessedDetails? LastAccessedDetails { get; init; }
}
