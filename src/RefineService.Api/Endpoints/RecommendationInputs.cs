using RefineService.Api.Contracts;
using RefineService.Core.Catalog;
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
            permissions.Add(new UnusedServiceActions(entries[i]!.ServiceNamespace!, Names(entries[i]!.Actions))
            {
                Path = JsonPath.Item("$.unusedPermissions", i),
                LastAccessed = entries[i]!.LastAccessed?.Value,
                ActionsLastAccessed = Dates(entries[i]!.Actions),
            });
        }

        foreach (var (detail, path) in FindingDetails(request))
        {
            if (detail.UnusedPermissionDetails is { } unused)
            {
                permissions.Add(new UnusedServiceActions(unused.ServiceNamespace!, Names(unused.Actions))
                {
                    Path = JsonPath.Property(path, "unusedPermissionDetails"),
                    LastAccessed = unused.LastAccessed?.Value,
                    ActionsLastAccessed = Dates(unused.Actions),
                });
            }
        }

        return permissions;
    }

    /// <summary>Everything the request says about which actions are unused: findings, IAM's last accessed report, the actions seen used; each with its path.</summary>
    public static UsageEvidence Evidence(RecommendationRequest request, IReadOnlyList<UnusedServiceActions> findings) => new(
        findings,
        request.UsedActions is { } used
            ? [.. used.Select((u, i) => new Core.Refinement.UsedAction(u!.Action!, u.LastAccessed?.Value) { Path = JsonPath.Item("$.usedActions", i) })]
            : null,
        request.LastAccessedDetails is { } report ? Report(report) : null);

    /// <summary>What spares unused actions; the age threshold counts back from <c>options.asOf</c>, or from <paramref name="now"/>.</summary>
    public static UnusedActionFilters Filters(IUnusedActionFilterOptions? options, DateTimeOffset now) => options is null ? UnusedActionFilters.None : new(
        options.UnusedForDays,
        options.AsOf?.Value ?? now,
        options.Keep?.Select(k => k!).ToList(),
        options.AccessLevels?.Select(level => AccessLevelNames.TryParse(level!, out var parsed) ? parsed : throw new InvalidOperationException("The validator lets only access levels through.")).ToHashSet(),
        options.SkipStatements?.Select(s => s!).ToList());

    /// <summary>A warning for each <c>Sid</c> of <c>options.skipStatements</c> that no statement of the request's policies has: a typo would otherwise skip nothing, silently.</summary>
    public static IEnumerable<Warning> UnknownStatements(RecommendationRequest request) =>
        UnknownStatements(request.Options?.SkipStatements, (request.Options?.SkipStatements?.Count ?? 0) == 0 ? [] : Policies(request).Select(p => p.Document), "the request's policies");

    /// <summary>A warning for each of <paramref name="skip"/> that no statement of <paramref name="documents"/> (<paramref name="whose"/>) has.</summary>
    public static IEnumerable<Warning> UnknownStatements(IReadOnlyList<string?>? skip, IEnumerable<PolicyDocument> documents, string whose)
    {
        if (skip is not { Count: > 0 })
        {
            return [];
        }

        var sids = documents.SelectMany(d => d.Statements).Select(s => s.Sid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return skip.Select((sid, i) => (Sid: sid!, Path: JsonPath.Item("$.options.skipStatements", i)))
            .Where(s => !sids.Contains(s.Sid))
            .Select(s => new Warning
            {
                Code = FindingReport.Codes.UnknownStatement,
                Path = s.Path,
                Message = $"No statement of {whose} has the Sid '{s.Sid}', so it skips nothing (a Sid is compared as written, case included).",
            })
            .ToList();
    }

    // IAM's report as the engine reads it: only an ACTION_LEVEL job's tracked actions are read (a report without JobType is read for what it holds).
    private static LastAccessedReport Report(LastAccessedDetails report)
    {
        var actionLevel = report.JobType is null or LastAccessedJob.ActionLevel;
        var services = report.ServicesLastAccessed ?? [];
        return new LastAccessedReport(actionLevel, [.. services.Select((service, i) => new ReportedService(
            service!.ServiceNamespace!,
            service.LastAuthenticated?.Value,
            service.TrackedActionsLastAccessed?.Select(t => new TrackedAction(t!.ActionName!, t.LastAccessedTime?.Value)).ToList())
        {
            Path = JsonPath.Item("$.lastAccessedDetails.ServicesLastAccessed", i),
        })]);
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

    // Only when some action is dated: most findings list names alone.
    private static List<DateTimeOffset?>? Dates(IReadOnlyList<UnusedAction?>? actions) =>
        actions is not null && actions.Any(a => a?.LastAccessed?.Value is not null) ? [.. actions.Select(a => a!.LastAccessed?.Value)] : null;
}
