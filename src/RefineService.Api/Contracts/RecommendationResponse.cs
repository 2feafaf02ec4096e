using System.Text.Json.Serialization;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Contracts;

/// <summary>The answer of <c>POST /v1/recommendations</c>.</summary>
public sealed record RecommendationResponse
{
    /// <summary>The version of the action catalog the refinement used.</summary>
    public required string CatalogVersion { get; init; }

    /// <summary>One recommendation per policy of the request, in the same order.</summary>
    public required IReadOnlyList<PolicyRecommendation> Recommendations { get; init; }

    /// <summary>The same result as Access Analyzer's steps, for tools written for them: per changed policy a <c>CREATE_POLICY</c> step (one per part of its split with <c>options.fit</c> <c>split</c>) then a <c>DETACH_POLICY</c> step; per policy with nothing left a <c>DETACH_POLICY</c> step alone. The same list as <c>findingRecommendation.recommendedSteps</c>.</summary>
    public required IReadOnlyList<RecommendedStep> RecommendedSteps { get; init; }

    /// <summary>The whole result in the exact shape of Access Analyzer's GetFindingRecommendation answer; absent when the request names no principal (neither <c>finding.resource</c> nor <c>resourceArn</c>), which a warning then says.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FindingRecommendation? FindingRecommendation { get; init; }

    /// <summary>The request's <c>finding</c>, as far as the answer concerns it; absent when none was given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FindingSummary? Finding { get; init; }

    /// <summary>What to do about findings that no policy change resolves: an unused role, access key or console password.</summary>
    public required IReadOnlyList<Remediation> Remediations { get; init; }

    /// <summary>With <c>lastAccessedDetails</c>, what IAM's report could and could not tell about each of its services, in its order; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LastAccessedService>? LastAccessedServices { get; init; }

    /// <summary>Things to know about the request as a whole (members not read, findings that are not about unused access, an empty <c>findingDetails</c>); each names the element concerned by a JSON path.</summary>
    public required IReadOnlyList<Warning> Warnings { get; init; }
}

/// <summary>What to do with one policy.</summary>
public enum RecommendedAction
{
    /// <summary>Nothing changes.</summary>
    [JsonStringEnumMemberName("NONE")]
    None,

    /// <summary>Create the recommended policy (and detach the existing one).</summary>
    [JsonStringEnumMemberName("CREATE_POLICY")]
    CreatePolicy,

    /// <summary>Detach the policy: no statement of it is left.</summary>
    [JsonStringEnumMemberName("DETACH_POLICY")]
    DetachPolicy,
}

/// <summary>The recommendation for one policy.</summary>
public sealed record PolicyRecommendation
{
    /// <summary>The <c>id</c> the request gave the policy; absent when it gave none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PolicyId { get; init; }

    /// <summary><c>NONE</c> when nothing changes, <c>DETACH_POLICY</c> when no statement is left, else <c>CREATE_POLICY</c>.</summary>
    public required RecommendedAction RecommendedAction { get; init; }

    /// <summary>The recommended document: the original's structure, keys and order with the unused actions removed; absent with <c>DETACH_POLICY</c>, and in an account's answer unless <c>options.details</c> (its steps hold it as text).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(PolicyDocumentConverter))]
    public PolicyDocument? RecommendedPolicy { get; init; }

    /// <summary>One record per statement of the original document, in order.</summary>
    public required IReadOnlyList<StatementChange> Changes { get; init; }

    /// <summary>How many catalog actions the policy's Allow statements allow, before and after.</summary>
    public required PolicySummary Summary { get; init; }

    /// <summary>Among the catalog actions the policy allowed, how many each input had removed and how many each filter spared.</summary>
    public required UnusedActionSummary UnusedActions { get; init; }

    /// <summary>With <c>options.explain</c>, every catalog action the policy allowed that an input reported unused, in catalog order: removed or spared, and why. Absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ExplainedAction>? Explained { get; init; }

    /// <summary>The recommended document's size against IAM's limit for the policy's kind.</summary>
    public required PolicySize Size { get; init; }

    /// <summary>When the recommended document is over its kind's limit: the same statements over several policies, each within the limit where a statement can be cut (by its <c>Action</c> list; an Allow <c>NotAction</c> list too large for one policy is written as the <c>Action</c> list of the catalog actions it allows, with a <c>NotActionWrittenAsAction</c> warning), together allowing exactly what the document allows over the catalog. Absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SplitPart>? Split { get; init; }

    /// <summary>Both documents pretty-printed the same way and diffed line by line, as one hunk holding the whole document; empty with <c>NONE</c>. Always given by <c>/v1/recommendations</c>; in an account's answer only with <c>options.details</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UnifiedDiff { get; init; }

    /// <summary>Things to know, such as actions the catalog lacks; each names the element concerned by a JSON path into the request.</summary>
    public required IReadOnlyList<Warning> Warnings { get; init; }
}

/// <summary>What became of one statement.</summary>
public sealed record StatementChange
{
    /// <summary>The statement's 0-based position in the original document.</summary>
    public required int Index { get; init; }

    /// <summary>The statement's <c>Sid</c>, or null.</summary>
    public required string? Sid { get; init; }

    /// <summary><c>unchanged</c>, <c>modified</c>, <c>removed</c> (nothing of it is left) or <c>skipped</c> (its <c>Sid</c> is in <c>options.skipStatements</c>).</summary>
    public required StatementStatus Status { get; init; }

    /// <summary>Entries of the original <c>Action</c> or <c>NotAction</c> that are gone.</summary>
    public required IReadOnlyList<string> Removed { get; init; }

    /// <summary>Entries that are new.</summary>
    public required IReadOnlyList<string> Added { get; init; }

    /// <summary>Each wildcard entry that was replaced, with what replaced it.</summary>
    public required IReadOnlyList<Replacement> Replaced { get; init; }

    /// <summary>Entries left out because another entry of the statement allows every action name they allow: those the refinement would have written, and with <c>options.compact</c> the original's own.</summary>
    public required IReadOnlyList<CoveredEntry> Redundant { get; init; }

    /// <summary>With <c>options.fit</c> set to <c>notAction</c>: true when the statement, which allowed every action, is written as the equivalent and shorter <c>NotAction</c> of the unused actions (<c>added</c> lists its entries). Absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool WrittenAsNotAction { get; init; }
}

/// <summary>An entry left out of a statement as redundant.</summary>
public sealed record CoveredEntry
{
    /// <summary>The entry left out, e.g. <c>sagemaker:ListTrainingJobs*</c>.</summary>
    public required string Entry { get; init; }

    /// <summary>The entry of the statement that covers it, e.g. <c>sagemaker:ListTraining*</c>.</summary>
    public required string CoveredBy { get; init; }
}

/// <summary>One policy of a split recommendation.</summary>
public sealed record SplitPart
{
    /// <summary>The part's document: the recommended document's members with some of its statements.</summary>
    [JsonConverter(typeof(PolicyDocumentConverter))]
    public required PolicyDocument Document { get; init; }

    /// <summary>Its size as IAM counts it (characters, white space not counted).</summary>
    public required int Characters { get; init; }

    /// <summary>Whether it is within the limit; false only for a part holding one statement that cannot be cut (a Deny or skipped statement's <c>NotAction</c> list, or a single entry), which a warning at its path explains.</summary>
    public required bool WithinLimit { get; init; }
}

/// <summary>A wildcard entry and the entries that replace it.</summary>
public sealed record Replacement
{
    /// <summary>The original entry, e.g. <c>s3:Get*</c>.</summary>
    public required string Entry { get; init; }

    /// <summary>Its replacements, in order.</summary>
    public required IReadOnlyList<string> With { get; init; }

    /// <summary>With <c>options.explain</c>, the trie that chose the replacements as a Mermaid <c>flowchart</c>: one node per candidate prefix visited, classes <c>safe</c> and <c>unsafe</c>, the emitted ones also <c>emitted</c>. Absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Trie { get; init; }

    /// <summary>With <c>options.explain</c>, the same trie as data, to draw it from: its nodes in the order visited, each parent before its children. Absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TrieNode>? TrieNodes { get; init; }
}

/// <summary>One node of the trie that chose a wildcard's replacements.</summary>
public sealed record TrieNode
{
    /// <summary>The candidate prefix, e.g. <c>s3:GetObject</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>The index of its parent in <c>trieNodes</c>; absent for the root.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Parent { get; init; }

    /// <summary>Whether every catalog action it covers is kept, so that it may be written as a prefix.</summary>
    public required bool Safe { get; init; }

    /// <summary>The entry written for it, if one was: its prefix with <c>*</c>, or an action in full (an unsafe node whose action a longer unused one extends).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Emitted { get; init; }
}

/// <summary>Counts of catalog actions the policy's Allow statements allow.</summary>
public sealed record PolicySummary
{
    /// <summary>How many catalog actions the original allows.</summary>
    public required int AllowedActionsBefore { get; init; }

    /// <summary>How many the recommendation allows.</summary>
    public required int AllowedActionsAfter { get; init; }

    /// <summary>How many of the removed actions have each access level, keyed by IAM's names: <c>List</c>, <c>Read</c>, <c>Write</c>, <c>Permissions management</c>, <c>Tagging</c>.</summary>
    public required IReadOnlyDictionary<string, int> RemovedByAccessLevel { get; init; }
}

/// <summary>Among the catalog actions one policy allowed, those reported unused: removed per input, spared per filter.</summary>
public sealed record UnusedActionSummary
{
    /// <summary>Removed actions per input that reported them unused: <c>findings</c>, <c>lastAccessedDetails</c>, <c>usedActions</c> (an action two inputs reported counts for both).</summary>
    public required IReadOnlyDictionary<string, int> RemovedBy { get; init; }

    /// <summary>Actions reported unused and kept, per reason: <c>unusedForDays</c> (used within the threshold), <c>keep</c>, <c>accessLevels</c>, <c>skipStatements</c> (a skipped statement still allows it).</summary>
    public required IReadOnlyDictionary<string, int> SparedBy { get; init; }
}

/// <summary>One action reported unused, and what became of it.</summary>
public sealed record ExplainedAction
{
    /// <summary>The action, e.g. <c>s3:PutObject</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Whether the recommendation no longer allows it.</summary>
    public required bool Removed { get; init; }

    /// <summary>The inputs that reported it unused: <c>findings</c>, <c>lastAccessedDetails</c>, <c>usedActions</c>.</summary>
    public required IReadOnlyList<string> ReportedBy { get; init; }

    /// <summary>What spared it, when not removed: <c>unusedForDays</c>, <c>keep</c>, <c>accessLevels</c>, <c>skipStatements</c>.</summary>
    public required IReadOnlyList<string> SparedBy { get; init; }

    /// <summary>The pattern of <c>options.keep</c> that spared it, if one did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KeptBy { get; init; }
}

/// <summary>What IAM's last accessed report could tell about one service.</summary>
public sealed record LastAccessedService
{
    /// <summary>The service prefix, as the report wrote it.</summary>
    public required string ServiceNamespace { get; init; }

    /// <summary><c>notAuthenticated</c> (unused as a whole), <c>notAuthenticatedWithinThreshold</c> (last used before <c>unusedForDays</c>: unused as a whole), <c>actionLevel</c> (tracked actions not used are unused; untracked ones left alone), or <c>serviceLevelOnly</c> (used, and the report cannot tell which actions: all left alone).</summary>
    public required ServiceConclusion Conclusion { get; init; }

    /// <summary>The service's actions in the catalog.</summary>
    public required int CatalogActions { get; init; }

    /// <summary>The tracked actions the report lists.</summary>
    public required int TrackedActions { get; init; }

    /// <summary>Catalog actions the report shows unused.</summary>
    public required int UnusedActions { get; init; }

    /// <summary>Catalog actions the report cannot tell about (not tracked), left alone: where activity data is too coarse.</summary>
    public required int UntoldActions { get; init; }

    /// <summary>The JSON path of the service in the request.</summary>
    public required string Path { get; init; }
}

/// <summary>The recommended document's size as IAM counts it (characters, white space not counted).</summary>
public sealed record PolicySize
{
    /// <summary>Its characters without white space; 0 when no document is left.</summary>
    public required int Characters { get; init; }

    /// <summary>IAM's limit for the policy's kind.</summary>
    public required int Limit { get; init; }

    /// <summary>Whether <c>characters</c> is within <c>limit</c>.</summary>
    public required bool WithinLimit { get; init; }
}

/// <summary>A warning about the input or the result.</summary>
public sealed record Warning
{
    /// <summary>A stable code: <c>UnknownAction</c>, <c>UnknownService</c>, <c>PolicySizeExceeded</c>, <c>NotActionWrittenAsAction</c>, <c>DenyNotActionCannotBeSplit</c>, <c>SkippedStatementCannotBeSplit</c>, <c>NotActionAllowsNoCatalogAction</c> (the split's rule for a <c>NotAction</c> list too large for one policy), <c>UnknownActions</c> (their count: the catalog may be behind) or <c>CatalogStale</c>.</summary>
    public required string Code { get; init; }

    /// <summary>A sentence for people.</summary>
    public required string Message { get; init; }

    /// <summary>The JSON path of the element concerned in the request, e.g. <c>$.policies[0].document.Statement[1].Action[2]</c> or <c>$.unusedPermissions[1].actions[0]</c>.</summary>
    public required string Path { get; init; }
}

/// <summary>One step of Access Analyzer's GetFindingRecommendation shape: a union whose one member is the step.</summary>
public sealed record RecommendedStep
{
    /// <summary>The step.</summary>
    public required UnusedPermissionsRecommendedStep UnusedPermissionsRecommendedStep { get; init; }
}

/// <summary>What a step does with a policy, as Access Analyzer's <c>RecommendedRemediationAction</c> spells it.</summary>
public enum RecommendedRemediationAction
{
    /// <summary>Create the recommended policy (then detach the existing one).</summary>
    [JsonStringEnumMemberName("CREATE_POLICY")]
    CreatePolicy,

    /// <summary>Detach the existing policy.</summary>
    [JsonStringEnumMemberName("DETACH_POLICY")]
    DetachPolicy,
}

/// <summary>A step for one policy, as Access Analyzer writes it.</summary>
public sealed record UnusedPermissionsRecommendedStep
{
    /// <summary>With <c>CREATE_POLICY</c>, the recommended document as a JSON string.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RecommendedPolicyTextConverter))]
    public string? RecommendedPolicy { get; init; }

    /// <summary><c>CREATE_POLICY</c> or <c>DETACH_POLICY</c>.</summary>
    public required RecommendedRemediationAction RecommendedAction { get; init; }

    /// <summary>The policy concerned: the <c>id</c> the request gave it (a managed policy's ARN, an inline policy's name), or, when it gave none, a name that says so (<c>unnamed-policy-1</c>, with a <c>PolicyIdMissing</c> warning).</summary>
    public required string ExistingPolicyId { get; init; }

    /// <summary>When the policy was last updated, when the request said so.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? PolicyUpdatedAt { get; init; }
}
