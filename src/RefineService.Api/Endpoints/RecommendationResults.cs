using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using RefineService.Core.Diff;
using Engine = RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>Translates the engine's results into the answer's contract.</summary>
internal static class RecommendationResults
{
    // Access Analyzer hands the recommended policy out as compact JSON text; characters are kept as written.
    private static readonly JsonSerializerOptions PolicyText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static PolicyRecommendation Recommendation(
        PolicyToRefine policy, JsonObject original, Engine.RefinementResult result, IEnumerable<Warning> findingWarnings, CancellationToken cancellationToken)
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
            UnifiedDiff = action == RecommendedAction.None ? string.Empty : PolicyDiff.Unified(original, result.RecommendedPolicy, cancellationToken),
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
        RecommendedAction.CreatePolicy =>
        [
            Step(RecommendedAction.CreatePolicy, recommendation.RecommendedPolicy!.ToJsonString(PolicyText), recommendation.PolicyId),
            Step(RecommendedAction.DetachPolicy, null, recommendation.PolicyId),
        ],
        RecommendedAction.DetachPolicy => [Step(RecommendedAction.DetachPolicy, null, recommendation.PolicyId)],
        _ => [],
    };

    public static Warning Warning(Engine.RefinementWarning warning, string path) =>
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

    private static StatementChange Change(Engine.StatementChange change) => new()
    {
        Index = change.Index,
        Sid = change.Sid,
        Status = change.Status,
        Removed = change.Removed,
        Added = change.Added,
        Replaced = [.. change.Replaced.Select(r => new Replacement { Entry = r.Entry, With = r.With, Trie = r.Trie })],
    };
}
