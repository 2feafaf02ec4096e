using System.Text.Json;

namespace RefineService.Api.Contracts;

/// <summary>
/// IAM's GetAccountAuthorizationDetails answer, one page of it or the pages merged, exactly as
/// <c>aws iam get-account-authorization-details</c> prints it: every role, user and group with its inline and attached
/// policies, and every managed policy with its versions. Members this service does not read are tolerated and counted.
/// </summary>
// Its records' members are settable, not init-only, as Finding's are: the JSON source generator reads init-only members through
// a constructor's argument array, boxing each value, and an account holds thousands of these records.
public sealed record AccountAuthorizationDetails : AwsShape
{
    /// <summary>The account's users.</summary>
    public IReadOnlyList<UserDetail?>? UserDetailList { get; set; }

    /// <summary>The account's groups.</summary>
    public IReadOnlyList<GroupDetail?>? GroupDetailList { get; set; }

    /// <summary>The account's roles.</summary>
    public IReadOnlyList<RoleDetail?>? RoleDetailList { get; set; }

    /// <summary>The managed policies (customer-managed, and AWS-managed ones that are attached), each with its versions.</summary>
    public IReadOnlyList<ManagedPolicyDetail?>? Policies { get; set; }

    /// <summary>Whether more pages follow: a truncated answer is refused, since principals or policies would be missing.</summary>
    public bool? IsTruncated { get; set; }

    /// <summary>Where the next page starts, when truncated.</summary>
    public string? Marker { get; set; }

    /// <summary>What boto3 adds to every answer; not read, and not counted as unknown.</summary>
    public JsonElement? ResponseMetadata { get; set; }
}

/// <summary>What roles, users and groups share in IAM's shape: their name, ARN and attached managed policies.</summary>
public abstract record PrincipalDetail : AwsShape
{
    /// <summary>The path of the principal's name, e.g. <c>/</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The principal's ARN, e.g. <c>arn:aws:iam::123456789012:role/my-role</c>, as findings name it in <c>resource</c>.</summary>
    public string? Arn { get; set; }

    /// <summary>When it was created.</summary>
    public AwsTimestamp? CreateDate { get; set; }

    /// <summary>The managed policies attached to it.</summary>
    public IReadOnlyList<AttachedPolicy?>? AttachedManagedPolicies { get; set; }
}

/// <summary>One role of <c>RoleDetailList</c>.</summary>
public sealed record RoleDetail : PrincipalDetail
{
    /// <summary>The role's name.</summary>
    public string? RoleName { get; set; }

    /// <summary>The role's unique id.</summary>
    public string? RoleId { get; set; }

    /// <summary>The trust policy: who may assume the role. Not a grant of permissions, so never refined; not read.</summary>
    public JsonElement? AssumeRolePolicyDocument { get; set; }

    /// <summary>The instance profiles holding the role; not read.</summary>
    public JsonElement? InstanceProfileList { get; set; }

    /// <summary>The role's inline policies.</summary>
    public IReadOnlyList<PolicyDetail?>? RolePolicyList { get; set; }

    /// <summary>The role's permissions boundary: it limits, never grants, so it is never refined.</summary>
    public AttachedPermissionsBoundary? PermissionsBoundary { get; set; }

    /// <summary>The role's tags; not read.</summary>
    public JsonElement? Tags { get; set; }

    /// <summary>When and where the role was last used; not read.</summary>
    public JsonElement? RoleLastUsed { get; set; }
}

/// <summary>One user of <c>UserDetailList</c>.</summary>
public sealed record UserDetail : PrincipalDetail
{
    /// <summary>The user's name.</summary>
    public string? UserName { get; set; }

    /// <summary>The user's unique id.</summary>
    public string? UserId { get; set; }

    /// <summary>The user's inline policies.</summary>
    public IReadOnlyList<PolicyDetail?>? UserPolicyList { get; set; }

    /// <summary>The names of the groups the user is in.</summary>
    public IReadOnlyList<string?>? GroupList { get; set; }

    /// <summary>The user's permissions boundary: it limits, never grants, so it is never refined.</summary>
    public AttachedPermissionsBoundary? PermissionsBoundary { get; set; }

    /// <summary>The user's tags; not read.</summary>
    public JsonElement? Tags { get; set; }
}

/// <summary>One group of <c>GroupDetailList</c>.</summary>
public sealed record GroupDetail : PrincipalDetail
{
    /// <summary>The group's name, as its users' <c>GroupList</c> name it.</summary>
    public string? GroupName { get; set; }

    /// <summary>The group's unique id.</summary>
    public string? GroupId { get; set; }

    /// <summary>The group's inline policies.</summary>
    public IReadOnlyList<PolicyDetail?>? GroupPolicyList { get; set; }
}

/// <summary>An inline policy: its name and document (a JSON object, or URL-encoded JSON text as IAM's query API returns it).</summary>
public sealed record PolicyDetail : AwsShape
{
    /// <summary>The policy's name, which the steps use as its <c>existingPolicyId</c>.</summary>
    public string? PolicyName { get; set; }

    /// <summary>The policy document.</summary>
    public DeferredPolicyDocument? PolicyDocument { get; set; }
}

/// <summary>A managed policy attached to a principal.</summary>
public sealed record AttachedPolicy : AwsShape
{
    /// <summary>The policy's name.</summary>
    public string? PolicyName { get; set; }

    /// <summary>The policy's ARN, which <c>Policies</c> holds it under.</summary>
    public string? PolicyArn { get; set; }
}

/// <summary>A permissions boundary: it limits what a principal's policies grant and grants nothing itself.</summary>
public sealed record AttachedPermissionsBoundary : AwsShape
{
    /// <summary>Always <c>PermissionsBoundaryPolicy</c>.</summary>
    public string? PermissionsBoundaryType { get; set; }

    /// <summary>The boundary policy's ARN.</summary>
    public string? PermissionsBoundaryArn { get; set; }
}

/// <summary>One managed policy of <c>Policies</c>, with its versions.</summary>
public sealed record ManagedPolicyDetail : AwsShape
{
    /// <summary>The policy's name.</summary>
    public string? PolicyName { get; set; }

    /// <summary>The policy's unique id.</summary>
    public string? PolicyId { get; set; }

    /// <summary>The policy's ARN; an AWS-managed policy's account is <c>aws</c> (<c>arn:aws:iam::aws:policy/ReadOnlyAccess</c>).</summary>
    public string? Arn { get; set; }

    /// <summary>The path of the policy's name.</summary>
    public string? Path { get; set; }

    /// <summary>The id of the version in force, e.g. <c>v3</c>.</summary>
    public string? DefaultVersionId { get; set; }

    /// <summary>How many principals it is attached to, over the whole account.</summary>
    public int? AttachmentCount { get; set; }

    /// <summary>How many principals use it as their permissions boundary.</summary>
    public int? PermissionsBoundaryUsageCount { get; set; }

    /// <summary>Whether it can be attached.</summary>
    public bool? IsAttachable { get; set; }

    /// <summary>The policy's description.</summary>
    public string? Description { get; set; }

    /// <summary>When it was created.</summary>
    public AwsTimestamp? CreateDate { get; set; }

    /// <summary>When it was last updated; repeated in its steps as <c>policyUpdatedAt</c>.</summary>
    public AwsTimestamp? UpdateDate { get; set; }

    /// <summary>Its versions; the one with <c>IsDefaultVersion</c> is in force and is the one refined.</summary>
    public IReadOnlyList<PolicyVersion?>? PolicyVersionList { get; set; }
}

/// <summary>One version of a managed policy.</summary>
public sealed record PolicyVersion : AwsShape
{
    /// <summary>The version's document.</summary>
    public DeferredPolicyDocument? Document { get; set; }

    /// <summary>The version's id, e.g. <c>v3</c>.</summary>
    public string? VersionId { get; set; }

    /// <summary>Whether this version is in force.</summary>
    public bool? IsDefaultVersion { get; set; }

    /// <summary>When the version was created.</summary>
    public AwsTimestamp? CreateDate { get; set; }
}
