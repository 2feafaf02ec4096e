using RefineService.Api.Contracts;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>One policy of a request, ready for the engine, with the JSON path of its document in the request.</summary>
internal sealed record PolicyToRefine(string? Id, string Path, PolicyDocument Document, RefinementOptions Options);

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
            return [new PolicyToRefine(null, "$.policy", single, new RefinementOptions(wildcards, explain, PolicyKind.Managed, compact, fit))];
        }

        return [.. (request.Policies ?? []).Select((policy, i) => new PolicyToRefine(
            policy.Id,
            JsonPath.Property(JsonPath.Item("$.policies", i), "document"),
            policy.Document!,
            new RefinementOptions(wildcards, explain, policy.Kind ?? PolicyKind.Managed, compact, fit)))];
    }

    /// <summary>The union of <c>unusedPermissions</c> and the <c>unusedPermissionDetails</c> of <c>findingDetails</c>, each with its path in the request.</summary>
    public static IReadOnlyList<UnusedServiceActions> UnusedActions(RecommendationRequest request)
    {
        var permissions = new List<UnusedServiceActions>();
        var entries = request.UnusedPermissions ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            permissions.Add(new UnusedServiceActions(entries[i]!.ServiceNamespace!, Names(entries[i]!.Actions)) { Path = JsonPath.Item("$.unusedPermissions", i) });
        }

        var details = request.FindingDetails ?? [];
        for (var i = 0; i < details.Count; i++)
        {
            if (details[i]?.UnusedPermissionDetails is { } detail)
            {
                permissions.Add(new UnusedServiceActions(detail.ServiceNamespace!, Names(detail.Actions)) { Path = JsonPath.Item("$.findingDetails", i) + ".unusedPermissionDetails" });
            }
        }

        return permissions;
    }

    // The validator saw to it that every action has its name.
    private static List<string>? Names(IReadOnlyList<UnusedAction?>? actions) => actions?.Select(a => a!.Action!).ToList();
}
