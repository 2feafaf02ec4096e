using RefineService.Api.Contracts;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>
/// One policy of a request, ready for the engine, with the JSON path of its document in the request and what its steps call
/// it: the id the request gave (<paramref name="Id"/>), or a name that says it had none.
/// </summary>
internal sealed record PolicyToRefine(string? Id, string Path, PolicyDocument Document, RefinementOptions Options)
{
    /// <summary>The policy's <c>existingPolicyId</c> in the steps.</summary>
    public required string StepId { get; init; }

    /// <summary>When the policy was last updated, if the request said.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The JSON path of the policy's identity in the request: where its <c>id</c> is, or would be.</summary>
    public required string IdPath { get; init; }
}

/// <summary>Translates a validated recommendation request into the engine's inputs.</summary>
internal static class RecommendationInputs
{
    /// <summary>The policies to refine, in request order.</summary>
    public static IReadOnlyList<PolicyToRefine> Policies(RecommendationRequest request)
    {
        var wildcards = request.Options?.Wildcards ?? WildcardMode.Prefix;
        var explain = request.Options?.Explain ?? false;
        var compact = request.Options?.Compact ?? false;
        var fit = request.Options?.Fit ?? FitMode.Warn;
        if (request.Policy is { } single)
        {
            return [new PolicyToRefine(request.PolicyId, "$.policy", single, new RefinementOptions(wildcards, explain, request.PolicyKind ?? PolicyKind.Managed, compact, fit))
            {
                StepId = request.PolicyId ?? UnnamedPolicy(0),
                UpdatedAt = request.PolicyUpdatedAt?.Value,
                IdPath = "$.policyId",
            }];
        }

        return [.. (request.Policies ?? []).Select((policy, i) => new PolicyToRefine(
            policy.Id,
            JsonPath.Property(JsonPath.Item("$.policies", i), "document"),
            policy.Document!,
            new RefinementOptions(wildcards, explain, policy.Kind ?? PolicyKind.Managed, compact, fit))
        {
            StepId = policy.Id ?? UnnamedPolicy(i),
            UpdatedAt = policy.UpdatedAt?.Value,
            IdPath = JsonPath.Property(JsonPath.Item("$.policies", i), "id"),
        })];
    }

    /// <summary>What the steps call a policy the request gave no id: a name no IAM policy ARN or inline name is likely to be, counted from 1 in request order.</summary>
    public static string UnnamedPolicy(int index) => $"unnamed-policy-{index + 1}";

    /// <summary>The union of <c>unusedPermissions</c> and the <c>unusedPermissionDetails</c> of <c>findingDetails</c>, each with its path in the request.</summary>
    public static IReadOnlyList<UnusedServiceActions> UnusedActions(RecommendationRequest request)
    {
        var permissions = new List<UnusedServiceActions>();
        var entries = request.UnusedPermissions ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            permissions.Add(new UnusedServiceActions(entries[i]!.ServiceNamespace!, Names(entries[i]!.Actions)) { Path = JsonPath.Item("$.unusedPermissions", i) });
        }

        foreach (var (detail, path) in FindingDetails(request))
        {
            if (detail.UnusedPermissionDetails is { } unused)
            {
                permissions.Add(new UnusedServiceActions(unused.ServiceNamespace!, Names(unused.Actions)) { Path = JsonPath.Property(path, "unusedPermissionDetails") });
            }
        }

        return permissions;
    }

    /// <summary>Every item of <c>findingDetails</c> and of <c>finding.findingDetails</c>, with its path; the validator saw to it that none is null.</summary>
    public static IEnumerable<(FindingDetail Detail, string Path)> FindingDetails(RecommendationRequest request)
    {
        var details = request.FindingDetails ?? [];
        for (var i = 0; i < details.Count; i++)
        {
            yield return (details[i]!, JsonPath.Item("$.findingDetails", i));
        }

        var ofFinding = request.Finding?.FindingDetails ?? [];
        for (var i = 0; i < ofFinding.Count; i++)
        {
            yield return (ofFinding[i]!, JsonPath.Item("$.finding.findingDetails", i));
        }
    }

    // The validator saw to it that every action has its name.
    private static List<string>? Names(IReadOnlyList<UnusedAction?>? actions) => actions?.Select(a => a!.Action!).ToList();
}
