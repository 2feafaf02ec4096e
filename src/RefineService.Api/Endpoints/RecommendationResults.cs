using RefineService.Api.Contracts;
using RefineService.Core.Catalog;
using RefineService.Core.Diff;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>Translates the engine's results into the answer's contract.</summary>
internal static class RecommendationResults
{
    public static PolicyRecommendation Recommendation(
        PolicyToRefine policy, RefinementResult result, IEnumerable<Warning> findingWarnings, CancellationToken cancellationToken)
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
            Size = new PolicySize { Characters = result.Size.Characters, Limit = result.Size.Limit, WithinLimit = result.Size.WithinLimit },
            Split = result.Split?.Select(p => new SplitPart { Document = p.Document, Characters = p.Characters, WithinLimit = p.WithinLimit }).ToList(),
            SplitLeads = policy.Options.Fit == FitMode.Split,
            UnifiedDiff = action == RecommendedAction.None ? string.Empty : PolicyDiff.Unified(policy.Document, result.RecommendedPolicy, cancellationToken),
            Warnings =
            [
                .. findingWarnings,
                .. result.Warnings.Select(w => Warning(w, JsonPath.Rebase(w.Path, policy.Path))),
            ],
        };
    }

    /// <summary>The recommendation again as Access Analyzer's steps: create then detach, or detach alone.</summary>
    public static IEnumerable<RecommendedStep> Steps(PolicyRecommendation recommendation) => recommendation.RecommendedAction switch
    {
        // Access Analyzer hands the recommended policy out as compact JSON text, characters as written.
        RecommendedAction.CreatePolicy when recommendation is { SplitLeads: true, Split: { } parts } =>
        [
            .. parts.Select(part => Step(RecommendedAction.CreatePolicy, part.Document.ToCompactJson(), recommendation.PolicyId)),
            Step(RecommendedAction.DetachPolicy, null, recommendation.PolicyId),
        ],
        RecommendedAction.CreatePolicy =>
        [
            Step(RecommendedAction.CreatePolicy, recommendation.RecommendedPolicy!.ToCompactJson(), recommendation.PolicyId),
            Step(RecommendedAction.DetachPolicy, null, recommendation.PolicyId),
        ],
        RecommendedAction.DetachPolicy => [Step(RecommendedAction.DetachPolicy, null, recommendation.PolicyId)],
        _ => [],
    };

    public static Warning Warning(RefinementWarning warning, string path) =>
        new() { Code = warning.Code, Message = warning.Message, Path = path };

    private static RecommendedStep Step(RecommendedAction action, string? policy, string? id) => new()
    {
        UnusedPermissionsRecommendedStep = new UnusedPermissionsRecommendedStep
        {
            RecommendedAction = action,
            RecommendedPolicy = policy,
            ExistingPolicyId = id,
        },
    };

    private static StatementChange Change(StatementRefinement change) => new()
    {
        Index = change.Index,
        Sid = change.Sid,
        Status = change.Status,
        Removed = change.Removed,
        Added = change.Added,
        Replaced = [.. change.Replaced.Select(r => new Replacement { Entry = r.Entry, With = r.With, Trie = r.Trie })],
        Redundant = [.. change.Redundant.Select(r => new CoveredEntry { Entry = r.Entry, CoveredBy = r.CoveredBy })],
    };
}
