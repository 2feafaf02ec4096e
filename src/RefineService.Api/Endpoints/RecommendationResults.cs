using RefineService.Api.Contracts;
using RefineService.Core.Catalog;
using RefineService.Core.Diff;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>Translates the engine's results into the answer's contract.</summary>
internal static class RecommendationResults
{
    // diff: whether to diff the documents; an account's answer leaves the diff out unless asked.
    public static PolicyRecommendation Recommendation(
        PolicyToRefine policy, RefinementResult result, IEnumerable<Warning> findingWarnings, CancellationToken cancellationToken, bool diff = true)
    {
        var action = result.IsEmpty ? RecommendedAction.DetachPolicy
            : result.IsUnchanged ? RecommendedAction.None
            : RecommendedAction.CreatePolicy;
        return new()
        {
            PolicyId = policy.Id,
            RecommendedAction = action,
            RecommendedPolicy = result.RecommendedPolicy,
            Changes = [.. result.Changes.Select(Change)],
            Summary = new PolicySummary
            {
                AllowedActionsBefore = result.Summary.AllowedActionsBefore,
                AllowedActionsAfter = result.Summary.AllowedActionsAfter,
                RemovedByAccessLevel = result.Summary.RemovedByAccessLevel
                    .OrderBy(level => level.Key)
                    .ToDictionary(level => level.Key.ToDisplayName(), level => level.Value, StringComparer.Ordinal),
            },
            UnusedActions = new UnusedActionSummary
            {
                RemovedBy = result.Account.RemovedBy.ToDictionary(p => Name(p.Key), p => p.Value, StringComparer.Ordinal),
                SparedBy = result.Account.SparedBy.ToDictionary(p => Name(p.Key), p => p.Value, StringComparer.Ordinal),
            },
            Explained = policy.Options.Explain ? [.. result.Account.Traces.Select(Explained)] : null,
            Size = new PolicySize { Characters = result.Size.Characters, Limit = result.Size.Limit, WithinLimit = result.Size.WithinLimit },
            Split = result.Split?.Select(p => new SplitPart { Document = p.Document, Characters = p.Characters, WithinLimit = p.WithinLimit }).ToList(),
            UnifiedDiff = !diff ? null : action == RecommendedAction.None ? string.Empty : PolicyDiff.Unified(policy.Document, result.RecommendedPolicy, cancellationToken),
            Warnings =
            [
                .. findingWarnings,
                .. result.Warnings.Select(w => Warning(w, JsonPath.Rebase(w.Path, policy.Path))),
                .. action == RecommendedAction.None || policy.Id is not null ? [] : new[] { IdMissing(policy) },
            ],
        };
    }

    /// <summary>The recommendation again as Access Analyzer's steps: create then detach, or detach alone; each names its policy.</summary>
    public static IEnumerable<RecommendedStep> Steps(PolicyToRefine policy, PolicyRecommendation recommendation) => recommendation.RecommendedAction switch
    {
        // Access Analyzer hands the recommended policy out as compact JSON text, characters as written.
        RecommendedAction.CreatePolicy when policy.Options.Fit == FitMode.Split && recommendation.Split is { } parts =>
        [
            .. parts.Select(part => Step(RecommendedRemediationAction.CreatePolicy, part.Document.ToCompactJson(), policy)),
            Step(RecommendedRemediationAction.DetachPolicy, null, policy),
        ],
        RecommendedAction.CreatePolicy =>
        [
            // Access Analyzer hands the recommended policy out as compact JSON text, characters as written.
            Step(RecommendedRemediationAction.CreatePolicy, recommendation.RecommendedPolicy!.ToCompactJson(), policy),
            Step(RecommendedRemediationAction.DetachPolicy, null, policy),
        ],
        RecommendedAction.DetachPolicy => [Step(RecommendedRemediationAction.DetachPolicy, null, policy)],
        _ => [],
    };

    /// <summary>The answer in the shape of GetFindingRecommendation, or null when the request names no principal.</summary>
    public static FindingRecommendation? FindingRecommendation(
        string? resourceArn, IReadOnlyList<RecommendedStep> steps, RecommendationError? failure, DateTimeOffset startedAt, DateTimeOffset completedAt) =>
        resourceArn is null ? null : new()
        {
            StartedAt = startedAt,
            CompletedAt = completedAt,
            Error = failure,
            ResourceArn = resourceArn,
            RecommendedSteps = failure is null ? steps : [],
            RecommendationType = RecommendationType.UnusedPermissionRecommendation,
            Status = failure is null ? RecommendationStatus.Succeeded : RecommendationStatus.Failed,
        };

    /// <summary>What IAM's last accessed report told about each service.</summary>
    public static IReadOnlyList<LastAccessedService> LastAccessedServices(IEnumerable<ServiceActivity> services) =>
    [
        .. services.Select(s => new LastAccessedService
        {
            ServiceNamespace = s.ServiceNamespace,
            Conclusion = s.Conclusion,
            CatalogActions = s.CatalogActions,
            TrackedActions = s.TrackedActions,
            UnusedActions = s.UnusedActions,
            UntoldActions = s.UntoldActions,
            Path = s.Path,
        }),
    ];

    public static Warning Warning(RefinementWarning warning, string path) =>
        new() { Code = warning.Code, Message = warning.Message, Path = path };

    private static RecommendedStep Step(RecommendedRemediationAction action, string? recommended, PolicyToRefine policy) => new()
    {
        UnusedPermissionsRecommendedStep = new UnusedPermissionsRecommendedStep
        {
            RecommendedAction = action,
            RecommendedPolicy = recommended,
            ExistingPolicyId = policy.StepId,
            PolicyUpdatedAt = policy.UpdatedAt,
        },
    };

    private static Warning IdMissing(PolicyToRefine policy) => new()
    {
        Code = FindingReport.Codes.PolicyIdMissing,
        Path = policy.IdPath,
        Message = $"The policy has no id, so its steps call it '{policy.StepId}': give its ARN (a managed policy) or its name (an inline one) so that the steps say which policy to detach.",
    };

    private static ExplainedAction Explained(UnusedActionTrace trace) => new()
    {
        Action = trace.Action,
        Removed = trace.Removed,
        ReportedBy = [.. UnusedActionAccount.Sources.Where(s => trace.ReportedBy.HasFlag(s)).Select(Name)],
        SparedBy = [.. UnusedActionAccount.Reasons.Where(r => trace.SparedBy.HasFlag(r)).Select(Name)],
        KeptBy = trace.KeptBy,
    };

    // The inputs and filters by the names of the request's members that give them.
    private static string Name(UnusedActionSource source) => source switch
    {
        UnusedActionSource.Findings => "findings",
        UnusedActionSource.LastAccessedDetails => "lastAccessedDetails",
        _ => "usedActions",
    };

    private static string Name(SpareReason reason) => reason switch
    {
        SpareReason.UnusedForDays => "unusedForDays",
        SpareReason.Keep => "keep",
        SpareReason.AccessLevels => "accessLevels",
        _ => "skipStatements",
    };

    private static StatementChange Change(StatementRefinement change) => new()
    {
        Index = change.Index,
        Sid = change.Sid,
        Status = change.Status,
        Removed = change.Removed,
        Added = change.Added,
        Replaced = [.. change.Replaced.Select(r => new Replacement { Entry = r.Entry, With = r.With, Trie = r.Trie, TrieNodes = TrieNodes(r.TrieNodes) })],
        Redundant = [.. change.Redundant.Select(r => new CoveredEntry { Entry = r.Entry, CoveredBy = r.CoveredBy })],
        WrittenAsNotAction = change.WrittenAsNotAction,
    };

    private static List<Contracts.TrieNode>? TrieNodes(IReadOnlyList<Core.Refinement.TrieNode>? nodes) => nodes?.Select(n => new Contracts.TrieNode
    {
        Prefix = n.Prefix,
        Parent = n.Parent >= 0 ? n.Parent : null,
        Safe = n.Safe,
        Emitted = n.Emitted,
    }).ToList();
}
