using System.Globalization;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Endpoints;

/// <summary>
/// What a request's findings say beyond the unused actions the engine removes: remediations for unused roles, keys and
/// passwords, warnings for findings that are not about unused access and for members of AWS's shapes this service does
/// not read, and whether a recommendation can be made at all.
/// </summary>
internal sealed record FindingReport(string? ResourceArn, IReadOnlyList<Remediation> Remediations, IReadOnlyList<Warning> Warnings, RecommendationError? Failure)
{
    /// <summary>The stable codes of the request's own warnings.</summary>
    public static class Codes
    {
        public const string UnknownMembers = "UnknownMembers";
        public const string EmptyFindingDetails = "EmptyFindingDetails";
        public const string NotUnusedAccessFinding = "NotUnusedAccessFinding";
        public const string FindingNotActive = "FindingNotActive";
        public const string FindingDetailsIncomplete = "FindingDetailsIncomplete";
        public const string ResourceArnMissing = "ResourceArnMissing";
        public const string PolicyIdMissing = "PolicyIdMissing";
        public const string UnknownStatement = "UnknownStatement";
        public const string ServiceLevelReport = "ServiceLevelReport";
        public const string LastAccessedDetailsIncomplete = "LastAccessedDetailsIncomplete";
    }

    // The most unknown members a warning names; the count covers them all.
    private const int NamedUnknownMembers = 5;

    public static FindingReport Read(RecommendationRequest request)
    {
        var remediations = new List<Remediation>();
        var warnings = new List<Warning>();
        var unusedPermissions = request.UnusedPermissions is not null || request.UsedActions is not null || request.LastAccessedDetails is not null;
        var otherKinds = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var (detail, path) in RecommendationInputs.FindingDetails(request))
        {
            unusedPermissions |= detail.UnusedPermissionDetails is not null;
            if (Remediate(detail, path, request.Finding?.Resource) is { } remediation)
            {
                remediations.Add(remediation);
                otherKinds.Add(remediation.Kind switch
                {
                    RemediationKind.DeleteRole => "an unused role",
                    RemediationKind.DeactivateAccessKey => "an unused access key",
                    _ => "an unused console password",
                });
            }
            else if (detail.ExternalAccessDetails is not null || detail.InternalAccessDetails is not null)
            {
                var kind = detail.ExternalAccessDetails is not null ? "external" : "internal";
                otherKinds.Add($"{kind} access");
                warnings.Add(Warning(Codes.NotUnusedAccessFinding, JsonPath.Property(path, $"{kind}AccessDetails"),
                    $"This is an {kind} access finding: it says who can reach a resource, not which permissions go unused, so it changes no recommendation. Resolve it by changing the policy that grants the access."));
            }
        }

        EmptyDetails(request.FindingDetails, "$.findingDetails", warnings);
        if (request.Finding is { } finding)
        {
            EmptyDetails(finding.FindingDetails, "$.finding.findingDetails", warnings);
            if (finding.Status is { } status && !string.Equals(status, "ACTIVE", StringComparison.Ordinal))
            {
                warnings.Add(Warning(Codes.FindingNotActive, "$.finding.status",
                    $"The finding's status is {status}, not ACTIVE: Access Analyzer no longer reports it as open, so check that its unused actions are still unused before applying the recommendation."));
            }

            if (finding.NextToken is not null)
            {
                warnings.Add(Warning(Codes.FindingDetailsIncomplete, "$.finding.nextToken",
                    "The finding has more pages of details ('nextToken'): only this page's unused actions are removed. Fetch every page and join their 'findingDetails' to remove them all."));
            }
        }

        if (request.LastAccessedDetails is { } report)
        {
            if (report.JobType == LastAccessedJob.ServiceLevel)
            {
                warnings.Add(Warning(Codes.ServiceLevelReport, "$.lastAccessedDetails.JobType",
                    "The report is SERVICE_LEVEL: only services nobody used are removed, as a whole; a used service is left alone entirely. Generate it with '--granularity ACTION_LEVEL' to tell which actions of a used service are unused."));
            }

            if (report.IsTruncated == true)
            {
                warnings.Add(Warning(Codes.LastAccessedDetailsIncomplete, "$.lastAccessedDetails.IsTruncated",
                    "The report has more pages ('IsTruncated', 'Marker'): only this page's services are read. Fetch every page and join their 'ServicesLastAccessed'."));
            }
        }

        var unknown = UnknownMembers(request).ToList();
        if (unknown.Count > 0)
        {
            var named = string.Join(", ", unknown.Take(NamedUnknownMembers));
            warnings.Add(Warning(Codes.UnknownMembers, unknown[0], string.Create(CultureInfo.InvariantCulture,
                $"{unknown.Count} member(s) of AWS's shapes that this service does not read were ignored: {named}{(unknown.Count > NamedUnknownMembers ? ", ..." : string.Empty)}.")));
        }

        // Access Analyzer's answer names its principal; without one, the request gets no findingRecommendation, and is told why.
        var resourceArn = request.Finding?.Resource ?? request.ResourceArn;
        if (resourceArn is null)
        {
            warnings.Add(Warning(Codes.ResourceArnMissing, "$.resourceArn",
                "The request names no principal, so the answer has no 'findingRecommendation' (Access Analyzer's shape needs the principal's ARN): give the whole GetFindingV2 answer in 'finding', or the ARN in 'resourceArn'."));
        }

        var failure = unusedPermissions ? null : Unsupported(request.Finding?.FindingType, otherKinds);
        return new FindingReport(resourceArn, remediations, warnings, failure);
    }

    private static Remediation? Remediate(FindingDetail detail, string path, string? resource)
    {
        var principal = resource is null ? string.Empty : $" '{resource}'";
        var user = resource is null ? "the user" : $"'{resource}'";
        if (detail.UnusedIamRoleDetails is { } role)
        {
            return new Remediation
            {
                Kind = RemediationKind.DeleteRole,
                Path = JsonPath.Property(path, "unusedIamRoleDetails"),
                LastAccessed = role.LastAccessed?.Value,
                Message = $"The role{principal} has not been used{Since(role.LastAccessed)}: delete it (remove it from its instance profiles, detach and delete its policies, then 'aws iam delete-role') rather than refine its policies.",
            };
        }

        if (detail.UnusedIamUserAccessKeyDetails is { } key)
        {
            return new Remediation
            {
                Kind = RemediationKind.DeactivateAccessKey,
                Path = JsonPath.Property(path, "unusedIamUserAccessKeyDetails"),
                AccessKeyId = key.AccessKeyId,
                LastAccessed = key.LastAccessed?.Value,
                Message = $"The access key {(key.AccessKeyId is null ? string.Empty : $"'{key.AccessKeyId}' ")}of {user} has not been used{Since(key.LastAccessed)}: deactivate it ('aws iam update-access-key --status Inactive'), then delete it once nothing depends on it.",
            };
        }

        if (detail.UnusedIamUserPasswordDetails is { } password)
        {
            return new Remediation
            {
                Kind = RemediationKind.RemoveConsolePassword,
                Path = JsonPath.Property(path, "unusedIamUserPasswordDetails"),
                LastAccessed = password.LastAccessed?.Value,
                Message = $"The console password of {user} has not been used{Since(password.LastAccessed)}: remove it ('aws iam delete-login-profile').",
            };
        }

        return null;
    }

    private static string Since(AwsTimestamp? lastAccessed) =>
        lastAccessed?.Value is { } at ? $" since {AwsTimestampConverter.Format(at)}" : string.Empty;

    private static void EmptyDetails(IReadOnlyList<FindingDetail?>? details, string path, List<Warning> warnings)
    {
        if (details is { Count: 0 })
        {
            warnings.Add(Warning(Codes.EmptyFindingDetails, path,
                "'findingDetails' is empty: it reports nothing unused, so nothing is removed on its account. Check that the whole GetFindingV2 answer was given."));
        }
    }

    // No unused permissions were given: the findings are of other kinds, which no policy change resolves.
    private static RecommendationError? Unsupported(string? findingType, SortedSet<string> otherKinds)
    {
        if (otherKinds.Count == 0 && findingType is null or "UnusedPermission")
        {
            return null;
        }

        var what = otherKinds.Count > 0 ? string.Join(" and ", otherKinds) : $"a finding of type {findingType}";
        return new RecommendationError
        {
            Code = "UnsupportedFindingType",
            Message = $"Policy recommendations are made for unused permissions only; the request's findings report {what}, which no policy change resolves (see 'remediations' and 'warnings').",
        };
    }

    /// <summary>The paths of the members of AWS's shapes in the request that this service does not read.</summary>
    private static IEnumerable<string> UnknownMembers(RecommendationRequest request)
    {
        if (request.Finding is { } finding)
        {
            foreach (var path in Unknown(finding.UnknownMembers, "$.finding"))
            {
                yield return path;
            }
        }

        foreach (var (detail, path) in RecommendationInputs.FindingDetails(request))
        {
            // Paths are made only for a member found: most details have none.
            var members = Unknown(detail.UnknownMembers, path)
                .Concat(Unknown(detail.UnusedIamRoleDetails?.UnknownMembers, path, "unusedIamRoleDetails"))
                .Concat(Unknown(detail.UnusedIamUserAccessKeyDetails?.UnknownMembers, path, "unusedIamUserAccessKeyDetails"))
                .Concat(Unknown(detail.UnusedIamUserPasswordDetails?.UnknownMembers, path, "unusedIamUserPasswordDetails"));
            if (detail.UnusedPermissionDetails is { } unused)
            {
                members = members.Concat(Unknown(unused.UnknownMembers, path, "unusedPermissionDetails"));
                if (AnyUnknown(unused.Actions))
                {
                    members = members.Concat(OfActions(unused.Actions, JsonPath.Property(JsonPath.Property(path, "unusedPermissionDetails"), "actions")));
                }
            }

            foreach (var member in members)
            {
                yield return member;
            }
        }

        if (request.LastAccessedDetails is { } report)
        {
            foreach (var member in Unknown(report.UnknownMembers, "$.lastAccessedDetails"))
            {
                yield return member;
            }

            var services = report.ServicesLastAccessed ?? [];
            for (var s = 0; s < services.Count; s++)
            {
                var at = JsonPath.Item("$.lastAccessedDetails.ServicesLastAccessed", s);
                var tracked = services[s]?.TrackedActionsLastAccessed ?? [];
                var members = Unknown(services[s]?.UnknownMembers, at).Concat(tracked.SelectMany((action, t) =>
                    Unknown(action?.UnknownMembers, JsonPath.Item(JsonPath.Property(at, "TrackedActionsLastAccessed"), t))));
                foreach (var member in members)
                {
                    yield return member;
                }
            }
        }

        var entries = request.UnusedPermissions ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            if (!AnyUnknown(entries[i]?.Actions))
            {
                continue;
            }

            foreach (var member in OfActions(entries[i]?.Actions, JsonPath.Property(JsonPath.Item("$.unusedPermissions", i), "actions")))
            {
                yield return member;
            }
        }
    }

    private static bool AnyUnknown(IReadOnlyList<UnusedAction?>? actions) => actions?.Any(a => a?.UnknownMembers is { Count: > 0 }) == true;

    private static IEnumerable<string> OfActions(IReadOnlyList<UnusedAction?>? actions, string path)
    {
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            foreach (var name in actions![i]?.UnknownMembers ?? [])
            {
                yield return JsonPath.Property(JsonPath.Item(path, i), name);
            }
        }
    }

    private static IEnumerable<string> Unknown(Dictionary<string, System.Text.Json.JsonElement>? members, string path) =>
        members?.Keys.Select(name => JsonPath.Property(path, name)) ?? [];

    private static IEnumerable<string> Unknown(Dictionary<string, System.Text.Json.JsonElement>? members, string path, string member) =>
        members?.Keys.Select(name => JsonPath.Property(JsonPath.Property(path, member), name)) ?? [];

    private static Warning Warning(string code, string path, string message) => new() { Code = code, Message = message, Path = path };
}
