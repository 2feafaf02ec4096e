using System.Text.Json;

namespace RefineService.Api.Contracts;

/// <summary>
/// One item of Access Analyzer's <c>findingDetails</c>: a union holding exactly one of six members. Unused permissions are
/// refined; unused roles, access keys and passwords are answered with a remediation; external and internal access are not
/// unused-access findings and get a warning.
/// </summary>
// Settable, not init-only, as Finding is: the JSON source generator reads init-only members through a constructor's argument array.
public sealed record FindingDetail : AwsShape
{
    /// <summary>The unused actions of one service (finding type <c>UnusedPermission</c>).</summary>
    public UnusedPermissionDetails? UnusedPermissionDetails { get; set; }

    /// <summary>A role that is not used at all (finding type <c>UnusedIAMRole</c>).</summary>
    public UnusedIamRoleDetails? UnusedIamRoleDetails { get; set; }

    /// <summary>An access key of a user that is not used (finding type <c>UnusedIAMUserAccessKey</c>).</summary>
    public UnusedIamUserAccessKeyDetails? UnusedIamUserAccessKeyDetails { get; set; }

    /// <summary>A user's console password that is not used (finding type <c>UnusedIAMUserPassword</c>).</summary>
    public UnusedIamUserPasswordDetails? UnusedIamUserPasswordDetails { get; set; }

    /// <summary>Access from outside the zone of trust (finding type <c>ExternalAccess</c>); not read.</summary>
    public JsonElement? ExternalAccessDetails { get; set; }

    /// <summary>Access from inside the organization or account (finding type <c>InternalAccess</c>); not read.</summary>
    public JsonElement? InternalAccessDetails { get; set; }

    /// <summary>The names of the union's members this item holds, in the order of the shape.</summary>
    internal IEnumerable<string> Members()
    {
        if (UnusedPermissionDetails is not null)
        {
            yield return "unusedPermissionDetails";
        }

        if (UnusedIamRoleDetails is not null)
        {
            yield return "unusedIamRoleDetails";
        }

        if (UnusedIamUserAccessKeyDetails is not null)
        {
            yield return "unusedIamUserAccessKeyDetails";
        }

        if (UnusedIamUserPasswordDetails is not null)
        {
            yield return "unusedIamUserPasswordDetails";
        }

        if (ExternalAccessDetails is { ValueKind: not JsonValueKind.Null })
        {
            yield return "externalAccessDetails";
        }

        if (InternalAccessDetails is { ValueKind: not JsonValueKind.Null })
        {
            yield return "internalAccessDetails";
        }
    }
}

/// <summary>Access Analyzer's <c>unusedPermissionDetails</c>: one service and its unused actions.</summary>
public sealed record UnusedPermissionDetails : AwsShape
{
    /// <summary>The service prefix, e.g. <c>s3</c>: lower-case letters, digits and hyphens.</summary>
    /// <example>s3</example>
    public string? ServiceNamespace { get; set; }

    /// <summary>The unused actions; absent or empty: the whole service is unused.</summary>
    public IReadOnlyList<UnusedAction?>? Actions { get; set; }

    /// <summary>When the service was last used, if ever.</summary>
    public AwsTimestamp? LastAccessed { get; set; }
}

/// <summary>Access Analyzer's <c>unusedIamRoleDetails</c>: the role has not been used.</summary>
public sealed record UnusedIamRoleDetails : AwsShape
{
    /// <summary>When the role was last used, if ever.</summary>
    public AwsTimestamp? LastAccessed { get; set; }
}

/// <summary>Access Analyzer's <c>unusedIamUserAccessKeyDetails</c>: an access key of the user has not been used.</summary>
public sealed record UnusedIamUserAccessKeyDetails : AwsShape
{
    /// <summary>The access key's id.</summary>
    /// <example>AKIAIOSFODNN7EXAMPLE</example>
    public string? AccessKeyId { get; set; }

    /// <summary>When the key was last used, if ever.</summary>
    public AwsTimestamp? LastAccessed { get; set; }
}

/// <summary>Access Analyzer's <c>unusedIamUserPasswordDetails</c>: the user's console password has not been used.</summary>
public sealed record UnusedIamUserPasswordDetails : AwsShape
{
    /// <summary>When the password was last used, if ever.</summary>
    public AwsTimestamp? LastAccessed { get; set; }
}
