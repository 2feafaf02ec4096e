using System.Text.Json.Serialization;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Contracts;

/// <summary>The body of <c>POST /v1/recommendations</c>: the policies to refine and the actions found unused.</summary>
// Settable, not init-only: the JSON source generator binds init-only members as a constructor's arguments, boxing each value
// into an array (docs/performance.md, the finding's budget).
public sealed record RecommendationRequest : ContractObject
{
    /// <summary>One IAM policy document to refine: a JSON object, a string holding the JSON of one, or that string URL-encoded as IAM's query API returns it. Give this or <c>policies</c>, not both.</summary>
    [JsonConverter(typeof(PolicyDocumentConverter))]
    public PolicyDocument? Policy { get; set; }

    /// <summary>With <c>policy</c>: what the policy is, its ARN (a managed policy) or its name (an inline one); the answer's steps name it as <c>existingPolicyId</c>.</summary>
    /// <example>arn:aws:iam::123456789012:policy/my-policy</example>
    public string? PolicyId { get; set; }

    /// <summary>With <c>policy</c>: its kind, as <c>policies[].kind</c> (default <c>managed</c>).</summary>
    [JsonConverter(typeof(PolicyKindConverter))]
    public PolicyKind? PolicyKind { get; set; }

    /// <summary>With <c>policy</c>: when the policy was last updated; repeated in its steps as <c>policyUpdatedAt</c>.</summary>
    public AwsTimestamp? PolicyUpdatedAt { get; set; }

    /// <summary>Up to 100 policies to refine with the same unused actions. Give this or <c>policy</c>, not both.</summary>
    public IReadOnlyList<PolicyInput>? Policies { get; set; }

    /// <summary>The unused actions per service, as in the seed article. Give this, <c>finding</c>, <c>findingDetails</c>, <c>lastAccessedDetails</c>, <c>usedActions</c>, or several (an action any of them reports unused is unused).</summary>
    public IReadOnlyList<UnusedPermissionEntry>? UnusedPermissions { get; set; }

    /// <summary>A whole GetFindingV2 answer of Access Analyzer, as the AWS CLI or an SDK prints it: its <c>findingDetails</c> are read, and its <c>resource</c>, <c>id</c>, <c>findingType</c> and <c>status</c> carried into the answer.</summary>
    public Finding? Finding { get; set; }

    /// <summary>The <c>findingDetails</c> of Access Analyzer's GetFindingV2 answer, copied verbatim, for those who send only that.</summary>
    public IReadOnlyList<FindingDetail?>? FindingDetails { get; set; }

    /// <summary>Actions the principal has used, as CloudTrail-derived tools list them (<c>s3:GetObject</c>, patterns allowed), each a name or <c>{ "action", "lastAccessed" }</c>: every catalog action the policies allow that none of them covers is unused.</summary>
    public IReadOnlyList<UsedAction?>? UsedActions { get; set; }

    /// <summary>IAM's last accessed report of the principal, exactly as <c>aws iam get-service-last-accessed-details</c> prints it (a job generated with <c>--granularity ACTION_LEVEL</c> tells the most).</summary>
    public LastAccessedDetails? LastAccessedDetails { get; set; }

    /// <summary>The ARN of the principal the policies belong to, for the answer's <c>findingRecommendation</c>; <c>finding.resource</c> gives it too.</summary>
    /// <example>arn:aws:iam::123456789012:role/my-role</example>
    public string? ResourceArn { get; set; }

    /// <summary>How to refine; every field has a default.</summary>
    public RecommendationOptions? Options { get; set; }
}

/// <summary>One policy of a request's <c>policies</c>.</summary>
public sealed record PolicyInput : ContractObject
{
    /// <summary>What the policy is: its ARN (a managed policy) or its name (an inline one); repeated in the answer as <c>policyId</c> and <c>existingPolicyId</c>.</summary>
    /// <example>arn:aws:iam::123456789012:policy/my-policy</example>
    public string? Id { get; init; }

    /// <summary>The kind of policy, which sets IAM's size limit: <c>managed</c> (default, 6,144 characters), <c>awsManaged</c>, <c>inlineRole</c> (10,240), <c>inlineUser</c> (2,048) or <c>inlineGroup</c> (5,120).</summary>
    [JsonConverter(typeof(PolicyKindConverter))]
    public PolicyKind? Kind { get; init; }

    /// <summary>The IAM policy document: a JSON object, a string holding the JSON of one, or that string URL-encoded (as IAM's own APIs return it).</summary>
    [JsonConverter(typeof(PolicyDocumentConverter))]
    public PolicyDocument? Document { get; init; }

    /// <summary>When the policy was last updated (a managed policy's <c>UpdateDate</c>); repeated in its steps as <c>policyUpdatedAt</c>.</summary>
    public AwsTimestamp? UpdatedAt { get; init; }
}

/// <summary>Options of a refinement.</summary>
public sealed record RecommendationOptions : ContractObject, IUnusedActionFilterOptions
{
    /// <summary>How a wildcard that covers unused actions is rewritten: <c>prefix</c> (default) by its shortest safe prefixes such as <c>s3:GetObject*</c>, <c>none</c> by every kept action in full, <c>compact</c> by the same prefixes cut to the fewest characters that start the same catalog actions (fewer characters; likelier to match actions AWS adds later).</summary>
    [JsonConverter(typeof(WildcardModeConverter))]
    public WildcardMode? Wildcards { get; init; }

    /// <summary>Whether to explain: each replaced wildcard carries, as <c>trie</c>, the trie that chose its replacements as a Mermaid flowchart, and each policy, as <c>explained</c>, every action reported unused that it allowed with the input that reported it and what spared it. Default false.</summary>
    public bool? Explain { get; init; }

    /// <summary>Whether entries of the original that another entry of the same statement covers are dropped too (entries the refinement writes always are). Default false.</summary>
    public bool? Compact { get; init; }

    /// <summary>What a recommendation over its kind's size limit leads with: <c>warn</c> (default) the one policy and a <c>PolicySizeExceeded</c> warning, the split beside it; <c>split</c> the split, one <c>CREATE_POLICY</c> step per part; <c>notAction</c> writes a statement that allowed every action (<c>"*"</c>) as the <c>NotAction</c> of its unused actions where that is shorter than its refined <c>Action</c> list (the same catalog actions; like the original it keeps allowing actions and services AWS adds later), and otherwise leads as <c>warn</c> does.</summary>
    [JsonConverter(typeof(FitModeConverter))]
    public FitMode? Fit { get; init; }

    /// <summary>An action counts as unused only if never used, or last used more than this many days before <c>asOf</c>, whatever input dates it (1 to 3650). Absent: dates spare nothing.</summary>
    /// <example>90</example>
    public int? UnusedForDays { get; init; }

    /// <summary>The instant <c>unusedForDays</c> counts back from, as a timestamp; default: now.</summary>
    public AwsTimestamp? AsOf { get; init; }

    /// <summary>Action patterns never removed, as IAM writes them (<c>iam:PassRole</c>, <c>kms:*</c>, <c>*:Describe*</c>); a wildcard that covers a kept action is refined as if that action were used.</summary>
    public IReadOnlyList<string?>? Keep { get; init; }

    /// <summary>Remove only unused actions of these access levels: <c>List</c>, <c>Read</c>, <c>Write</c>, <c>Permissions management</c>, <c>Tagging</c>. Absent: every level.</summary>
    public IReadOnlyList<string?>? AccessLevels { get; init; }

    /// <summary>The <c>Sid</c>s of statements copied unchanged, in every policy of the request.</summary>
    public IReadOnlyList<string?>? SkipStatements { get; init; }
}
