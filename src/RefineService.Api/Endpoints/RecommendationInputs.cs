using System.Text.Json;
using System.Text.RegularExpressions;
using RefineService.Api.Contracts;
using RefineService.Api.Validation;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>One policy of a request, ready for the engine, with the JSON path of its document in the request.</summary>
internal sealed record PolicyToRefine(string? Id, string Path, JsonElement Document, RefinementOptions Options);

/// <summary>The unused actions of a request, from both of its shapes, each remembering where in the request it came from.</summary>
internal sealed partial record UnusedActionsInput(IReadOnlyList<UnusedActions> Permissions, IReadOnlyList<string> Origins)
{
    /// <summary>The request path of a finding warning, whose path is relative to <see cref="Permissions"/> (<c>$[3].actions[0]</c>).</summary>
    public string Locate(string relative)
    {
        var match = ListItem().Match(relative);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, out var index) && index < Origins.Count
            ? Origins[index] + match.Groups[2].Value
            : relative;
    }

    [GeneratedRegex(@"^\$\[(\d+)\](.*)$")]
    private static partial Regex ListItem();
}

/// <summary>Translates a validated recommendation request into the engine's inputs.</summary>
internal static class RecommendationInputs
{
    private static readonly Dictionary<string, PolicyKind> Kinds = new(StringComparer.Ordinal)
    {
        ["managed"] = PolicyKind.Managed,
        ["awsManaged"] = PolicyKind.AwsManaged,
        ["inlineRole"] = PolicyKind.InlineRole,
        ["inlineUser"] = PolicyKind.InlineUser,
        ["inlineGroup"] = PolicyKind.InlineGroup,
    };

    /// <summary>The policies to refine, in request order.</summary>
    public static IReadOnlyList<PolicyToRefine> Policies(RecommendationRequest request)
    {
        var wildcards = request.Options?.Wildcards == "none" ? WildcardMode.None : WildcardMode.Prefix;
        var explain = request.Options?.Explain ?? false;
        if (request.Policy is { } single)
        {
            return [new PolicyToRefine(null, "$.policy", single, new RefinementOptions(wildcards, explain))];
        }

        return [.. (request.Policies ?? []).Select((policy, i) => new PolicyToRefine(
            policy.Id,
            $"$.policies[{i}].document",
            policy.Document!.Value,
            new RefinementOptions(wildcards, explain, policy.Kind is null ? PolicyKind.Managed : Kinds[policy.Kind])))];
    }

    /// <summary>The union of <c>unusedPermissions</c> and the <c>unusedPermissionDetails</c> of <c>findingDetails</c>.</summary>
    public static UnusedActionsInput UnusedActions(RecommendationRequest request)
    {
        var permissions = new List<UnusedActions>();
        var origins = new List<string>();
        foreach (var (permission, i) in (request.UnusedPermissions ?? []).Select((p, i) => (p, i)))
        {
            permissions.Add(new UnusedActions(permission.ServiceNamespace!, permission.Actions?.Select(ActionName).ToList()));
            origins.Add(JsonPath.Item("$.unusedPermissions", i));
        }

        foreach (var (detail, i) in (request.FindingDetails ?? []).Select((d, i) => (d.UnusedPermissionDetails, i)))
        {
            if (detail is not null)
            {
                permissions.Add(new UnusedActions(detail.ServiceNamespace!, detail.Actions?.Select(a => a.Action!).ToList()));
                origins.Add(JsonPath.Item("$.findingDetails", i) + ".unusedPermissionDetails");
            }
        }

        return new UnusedActionsInput(permissions, origins);
    }

    // A plain name, or Access Analyzer's { "action": name, "lastAccessed": ... }; the validator saw to it.
    private static string ActionName(JsonElement action) =>
        action.ValueKind == JsonValueKind.String ? action.GetString()! : action.GetProperty("action").GetString()!;
}
