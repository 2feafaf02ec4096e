using System.Text.Json;

namespace RefineService.Api.Contracts;

/// <summary>
/// Access Analyzer's GetFindingV2 answer, exactly as <c>aws accessanalyzer get-finding-v2</c> or boto3's <c>get_finding_v2</c>
/// print it. Its <c>findingDetails</c> are read; <c>id</c>, <c>resource</c>, <c>findingType</c> and <c>status</c> are carried
/// into the answer; members this service does not read are tolerated and counted in a warning.
/// </summary>
// Settable, not init-only: the JSON source generator binds init-only members as constructor arguments, boxing each value into
// an argument array, which made reading a finding a sixth slower than the seed's whole request.
public sealed record Finding : AwsShape
{
    /// <summary>The finding's id, e.g. <c>a1b2c3d4-5678-90ab-cdef-EXAMPLE11111</c>.</summary>
    /// <example>a1b2c3d4-5678-90ab-cdef-EXAMPLE11111</example>
    public string? Id { get; set; }

    /// <summary>The principal the finding is about: the ARN of a role or user, e.g. <c>arn:aws:iam::123456789012:role/my-role</c>.</summary>
    /// <example>arn:aws:iam::123456789012:role/my-role</example>
    public string? Resource { get; set; }

    /// <summary>The resource's type, e.g. <c>AWS::IAM::Role</c>.</summary>
    /// <example>AWS::IAM::Role</example>
    public string? ResourceType { get; set; }

    /// <summary>The account that owns the resource.</summary>
    /// <example>123456789012</example>
    public string? ResourceOwnerAccount { get; set; }

    /// <summary>The kind of finding: <c>UnusedPermission</c>, <c>UnusedIAMRole</c>, <c>UnusedIAMUserAccessKey</c>, <c>UnusedIAMUserPassword</c>, <c>ExternalAccess</c> or <c>InternalAccess</c>.</summary>
    /// <example>UnusedPermission</example>
    public string? FindingType { get; set; }

    /// <summary>The finding's status: <c>ACTIVE</c>, <c>ARCHIVED</c> or <c>RESOLVED</c>.</summary>
    /// <example>ACTIVE</example>
    public string? Status { get; set; }

    /// <summary>When the finding was created.</summary>
    public AwsTimestamp? CreatedAt { get; set; }

    /// <summary>When the resource was analyzed.</summary>
    public AwsTimestamp? AnalyzedAt { get; set; }

    /// <summary>When the finding was updated.</summary>
    public AwsTimestamp? UpdatedAt { get; set; }

    /// <summary>Access Analyzer's error for the finding, if any.</summary>
    public string? Error { get; set; }

    /// <summary>The token of the next page of <c>findingDetails</c>; a finding with more pages must be sent with its pages' details joined.</summary>
    public string? NextToken { get; set; }

    /// <summary>The finding's details: a list of unions, each item holding exactly one member.</summary>
    public IReadOnlyList<FindingDetail?>? FindingDetails { get; set; }

    /// <summary>What boto3 adds to every answer (request id, HTTP headers); not read, and not counted as unknown.</summary>
    public JsonElement? ResponseMetadata { get; set; }
}
