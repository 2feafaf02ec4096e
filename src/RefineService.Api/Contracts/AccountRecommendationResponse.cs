using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>The answer of <c>POST /v1/accounts/recommendations</c> as one JSON object; as NDJSON, each principal is a line, then the <see cref="AccountSummary"/>.</summary>
public sealed record AccountRecommendationResponse
{
    /// <summary>The version of the action catalog the refinement used.</summary>
    public required string CatalogVersion { get; init; }

    /// <summary>One answer per finding of the request, in the same order, then one per principal of <c>activity</c> that has no finding.</summary>
    public required IReadOnlyList<PrincipalRecommendation> Principals { get; init; }

    /// <summary>Policies attached to several principals (or to a group), each refined once for all of them.</summary>
    public required IReadOnlyList<SharedPolicyRecommendation> SharedPolicies { get; init; }

    /// <summary>What the campaign amounts to.</summary>
    public required AccountTotals Totals { get; init; }

    /// <summary>Things to know about the request as a whole, each at its JSON path.</summary>
    public required IReadOnlyList<Warning> Warnings { get; init; }
}

/// <summary>The last line of an NDJSON answer: everything of <see cref="AccountRecommendationResponse"/> but the principals, which came before it.</summary>
public sealed record AccountSummary
{
    /// <summary>The version of the action catalog the refinement used.</summary>
    public required string CatalogVersion { get; init; }

    /// <summary>As in the JSON answer.</summary>
    public required IReadOnlyList<SharedPolicyRecommendation> SharedPolicies { get; init; }

    /// <summary>As in the JSON answer.</summary>
    public required AccountTotals Totals { get; init; }

    /// <summary>As in the JSON answer.</summary>
    public required IReadOnlyList<Warning> Warnings { get; init; }
}

/// <summary>The answer for one principal: what Access Analyzer would recommend, and more.</summary>
public sealed record PrincipalRecommendation
{
    /// <summary>The principal's ARN, the finding's <c>resource</c>.</summary>
    /// <example>arn:aws:iam::123456789012:role/my-role</example>
    public required string? PrincipalArn { get; init; }

    /// <summary>The finding's <c>id</c>; null for a principal answered from its activity data alone.</summary>
    public required string? FindingId { get; init; }

    /// <summary>The result in the exact shape of GetFindingRecommendation: steps for each of the principal's own policies that changes (inline ones by name, attached ones by ARN), or <c>FAILED</c> with an error saying why this principal could not be answered.</summary>
    public required FindingRecommendation FindingRecommendation { get; init; }

    /// <summary>One recommendation per policy of the principal's own (inline, then attached), as <c>/v1/recommendations</c> gives it for the same policy and finding; without <c>recommendedPolicy</c> and <c>unifiedDiff</c> unless <c>options.details</c>.</summary>
    public required IReadOnlyList<PolicyRecommendation> Recommendations { get; init; }

    /// <summary>For each shared policy of the principal refined once for all (<c>sharedPolicies</c>): what this principal still has unused in it after that refinement.</summary>
    public required IReadOnlyList<AfterSharedRefinement> AfterSharedRefinements { get; init; }

    /// <summary>What to do about findings no policy change resolves (an unused role, key or password).</summary>
    public required IReadOnlyList<Remediation> Remediations { get; init; }

    /// <summary>With a last accessed report for this principal (<c>activity[].lastAccessedDetails</c>): what it could tell about each of its services, as <c>/v1/recommendations</c> says it.</summary>
    public IReadOnlyList<LastAccessedService>? LastAccessedServices { get; init; }

    /// <summary>Things to know about this principal, each at its JSON path in the request.</summary>
    public required IReadOnlyList<Warning> Warnings { get; init; }
}

/// <summary>One shared policy of a principal after its shared refinement.</summary>
public sealed record AfterSharedRefinement
{
    /// <summary>The shared policy: a managed policy's ARN, or a group's inline policy as <c>group-name/policy-name</c>.</summary>
    public required string PolicyId { get; init; }

    /// <summary>How many catalog actions the policy allows after its shared refinement that this principal has unused: 0 means no copy of its own is needed.</summary>
    public required int StillUnusedActions { get; init; }
}

/// <summary>How a shared policy's refinement is applied.</summary>
public enum SharedPolicyUpdate
{
    /// <summary>A customer-managed policy: create a new default version (<c>aws iam create-policy-version --set-as-default</c>).</summary>
    [JsonStringEnumMemberName("CREATE_POLICY_VERSION")]
    CreatePolicyVersion,

    /// <summary>A group's inline policy: put the new document in its place (<c>aws iam put-group-policy</c>).</summary>
    [JsonStringEnumMemberName("PUT_GROUP_POLICY")]
    PutGroupPolicy,
}

/// <summary>A policy shared by several principals, or a group's, refined once so that it is safe for every one of them.</summary>
public sealed record SharedPolicyRecommendation
{
    /// <summary>The policy: a managed policy's ARN, or a group's inline policy as <c>group-name/policy-name</c>.</summary>
    public required string PolicyId { get; init; }

    /// <summary>How the refinement is applied, in place.</summary>
    public required SharedPolicyUpdate Update { get; init; }

    /// <summary>The ARNs of every principal the policy applies to (users through their groups too).</summary>
    public required IReadOnlyList<string> Principals { get; init; }

    /// <summary>Those of them the request has no finding for: while any is missing, no refinement is offered (it could remove an action they use).</summary>
    public required IReadOnlyList<string> MissingPrincipals { get; init; }

    /// <summary>The refinement without the actions every principal has unused (the intersection of their findings); absent while principals are missing or a principal could not be answered.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PolicyRecommendation? Recommendation { get; init; }

    /// <summary>How many catalog actions every one of its principals has unused.</summary>
    public required int CommonUnusedActions { get; init; }
}

/// <summary>What an account's campaign amounts to.</summary>
public sealed record AccountTotals
{
    /// <summary>Findings answered.</summary>
    public required int Principals { get; init; }

    /// <summary>Principals answered <c>SUCCEEDED</c>.</summary>
    public required int Succeeded { get; init; }

    /// <summary>Principals answered <c>FAILED</c>.</summary>
    public required int Failed { get; init; }

    /// <summary>New policies a campaign creates with Access Analyzer's approach: one per <c>CREATE_POLICY</c> step of every principal.</summary>
    public required int PoliciesCreatedPerPrincipal { get; init; }

    /// <summary>New policies a campaign creates when it applies the shared refinements first: a copy per principal only where a shared policy still holds actions it has unused, plus the principals' own policies that change.</summary>
    public required int PoliciesCreatedWithSharedRefinements { get; init; }

    /// <summary>Shared policies updated in place (new default versions or group policies).</summary>
    public required int SharedPolicyUpdates { get; init; }
}
