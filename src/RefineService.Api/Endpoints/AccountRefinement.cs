using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using RefineService.Api.Contracts;
using RefineService.Api.Errors;
using RefineService.Api.Limits;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>
/// One account's refinement: each principal answered on demand and in any order (<see cref="Answer"/>, safe to call in
/// parallel), its finding read and checked when it, or a shared policy of it, is first needed; each shared policy refined
/// once, when the first of its principals needs it.
/// </summary>
internal sealed class AccountRefinement
{
    // The most broken rules a finding's failure names; the count covers them all.
    private const int NamedFaults = 10;

    private static readonly FindingValidator FindingRules = new();

    private readonly ActionCatalog _catalog;
    private readonly Refiner _refiner;
    private readonly TimeProvider _clock;
    private readonly AccountAuthorization _account;
    private readonly JsonTypeInfo<Finding> _findingType;
    private readonly bool _details;
    private readonly UnusedActionFilters _filters;
    private readonly Lazy<IReadOnlyList<Warning>> _warnings;
    private readonly Lazy<FindingRead>[] _findings;
    private readonly Dictionary<string, Lazy<SharedRefinement>> _shared = new(StringComparer.Ordinal);
    private readonly List<string> _sharedOrder = [];

    // A shared policy is refined on the first principal's thread that needs it, under the request's token.
    private readonly CancellationToken _cancellationToken;

    // What each answered principal adds to the totals, by finding.
    private readonly int[] _createdPerPrincipal;
    private readonly int[] _createdWithShared;
    private readonly ConcurrentDictionary<int, bool> _succeeded = new();

    public AccountRefinement(AccountRecommendationRequest request, ActionCatalog catalog, JsonSerializerOptions json, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(json);

        // Findings are read with the request's own settings (duplicate keys refused, the same depth), as /v1/recommendations reads one.
        _findingType = (JsonTypeInfo<Finding>)json.GetTypeInfo(typeof(Finding));
        _cancellationToken = cancellationToken;
        _catalog = catalog;
        _clock = clock;
        _refiner = new Refiner(catalog);
        _details = request.Options?.Details ?? false;
        _account = new AccountAuthorization(request.AuthorizationDetails!, "$.authorizationDetails", request.Options?.Wildcards ?? WildcardMode.Prefix, request.Options?.Explain ?? false);

        // The same filters for every principal, the age threshold counted back from one instant.
        _filters = RecommendationInputs.Filters(request.Options, clock.GetUtcNow());

        // Each finding is read when its principal, or a shared policy of it, is first answered: the first line need not wait for them all.
        var subjects = Subjects(request);
        _findings = [.. subjects.Select(subject => new Lazy<FindingRead>(() => Read(subject), LazyThreadSafetyMode.ExecutionAndPublication))];
        _createdPerPrincipal = new int[_findings.Length];
        _createdWithShared = new int[_findings.Length];

        // A shared policy is refined for the principals of the request, and offered only when every one it applies to is among them.
        var inRequest = subjects.Select((subject, i) => (subject.Arn, Read: _findings[i])).Where(f => _account.Find(f.Arn) is not null)
            .GroupBy(f => _account.Find(f.Arn)!.Arn, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Read).ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var (policy, principals) in _account.SharedPolicies())
        {
            if (principals.Any(inRequest.ContainsKey))
            {
                _sharedOrder.Add(policy.Id);
                _shared[policy.Id] = new Lazy<SharedRefinement>(() => Share(policy, principals, inRequest), LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }

        // A Sid to skip that no policy of the principals asked about has skips nothing: a typo must not pass unseen. Told
        // with the totals, when the principals' documents have been read.
        var documents = subjects.Select(s => _account.Find(s.Arn)).OfType<AccountPrincipal>().Distinct()
            .SelectMany(p => p.Own.Concat(p.FromGroups)).Select(h => h.Policy?.Document).OfType<PolicyDocument>();
        _warnings = new(() => [.. _account.Warnings, .. RecommendationInputs.UnknownStatements(request.Options?.SkipStatements, documents, "the principals' policies")]);
    }

    /// <summary>How many principals the request asks about.</summary>
    public int Count => _findings.Length;

    /// <summary>The version of the action catalog the refinement uses.</summary>
    public string CatalogVersion => _catalog.Version;

    /// <summary>Warnings about the request as a whole.</summary>
    public IReadOnlyList<Warning> Warnings => _warnings.Value;

    /// <summary>The answer for the request's finding <paramref name="index"/>.</summary>
    public PrincipalRecommendation Answer(int index, CancellationToken cancellationToken)
    {
        var finding = _findings[index].Value;
        var startedAt = _clock.GetUtcNow();
        var warnings = new List<Warning>(finding.Report.Warnings);
        var failure = finding.Report.Failure ?? finding.Failure;
        var principal = finding.Principal;
        var recommendations = new List<PolicyRecommendation>();
        var steps = new List<RecommendedStep>();
        var afterShared = new List<AfterSharedRefinement>();

        if (failure is null && principal is not null)
        {
            warnings.AddRange(principal.Own.Concat(principal.FromGroups).Select(h => h.Warning).OfType<Warning>());
            failure = principal.Own.Concat(principal.FromGroups).Select(h => h.Failure).FirstOrDefault(f => f is not null) ?? TooMuchWork(principal, finding);
        }

        if (failure is null && principal is not null)
        {
            var findingWarnings = finding.Unused.Warnings.Select(w => RecommendationResults.Warning(w, w.Path)).ToList();

            foreach (var policy in principal.Own.Select(h => h.Policy).OfType<PolicyToRefine>())
            {
                var result = _refiner.Refine(policy.Document, finding.Unused, policy.Options, cancellationToken);
                var recommendation = RecommendationResults.Recommendation(policy, result, findingWarnings, cancellationToken, diff: _details);
                var policySteps = RecommendationResults.Steps(policy, recommendation).ToList();
                recommendations.Add(_details ? recommendation : recommendation with { RecommendedPolicy = null });
                steps.AddRange(policySteps);
                var created = policySteps.Count(s => s.UnusedPermissionsRecommendedStep.RecommendedAction == RecommendedRemediationAction.CreatePolicy);
                _createdPerPrincipal[index] += created;
                if (!_shared.ContainsKey(policy.StepId))
                {
                    _createdWithShared[index] += created;
                }
            }

            foreach (var held in principal.Own.Concat(principal.FromGroups).Where(h => _shared.ContainsKey(h.Id)).DistinctBy(h => h.Id))
            {
                var still = StillUnused(_shared[held.Id].Value, finding.Unused, cancellationToken);
                afterShared.Add(new AfterSharedRefinement { PolicyId = held.Id, StillUnusedActions = still });
                var own = principal.Own.Any(h => h.Id == held.Id);
                if (own && still > 0)
                {
                    _createdWithShared[index]++;
                }

                if (!own && still > 0)
                {
                    warnings.Add(new Warning
                    {
                        Code = AccountAuthorization.Codes.GroupPolicyNotRewritten,
                        Path = held.Policy!.Path,
                        Message = string.Create(CultureInfo.InvariantCulture,
                            $"The group policy '{held.Id}' allows {still} action(s) this user has unused{(_shared[held.Id].Value.Offered ? " even after its shared refinement" : string.Empty)}; a group's policies are never rewritten for one member, since that would change the access of the others."),
                    });
                }
            }
        }

        _succeeded[index] = failure is null;
        return new PrincipalRecommendation
        {
            PrincipalArn = finding.Arn,
            FindingId = finding.Id,
            FindingRecommendation = RecommendationResults.FindingRecommendation(finding.Arn ?? string.Empty, steps, failure, startedAt, _clock.GetUtcNow())!,
            Recommendations = failure is null ? recommendations : [],
            AfterSharedRefinements = afterShared,
            Remediations = finding.Report.Remediations,
            LastAccessedServices = finding.HasReport ? RecommendationResults.LastAccessedServices(finding.Unused.Services) : null,
            Warnings = warnings,
        };
    }

    /// <summary>The answer's last part, once every principal was answered: the shared policies and the totals.</summary>
    public AccountSummary Summary()
    {
        var shared = _sharedOrder.Select(id => _shared[id].Value.Recommendation).ToList();
        return new AccountSummary
        {
            CatalogVersion = _catalog.Version,
            SharedPolicies = shared,
            Totals = new AccountTotals
            {
                Principals = _findings.Length,
                Succeeded = _succeeded.Values.Count(s => s),
                Failed = _succeeded.Values.Count(s => !s),
                PoliciesCreatedPerPrincipal = _createdPerPrincipal.Sum(),
                PoliciesCreatedWithSharedRefinements = _createdWithShared.Sum(),
                SharedPolicyUpdates = shared.Count(s => s.Recommendation is { RecommendedAction: not RecommendedAction.None }),
            },
            Warnings = Warnings,
        };
    }

    // The findings in order, then the principals with activity data and no finding, in theirs; each with its activity data.
    private static List<Subject> Subjects(AccountRecommendationRequest request)
    {
        var activity = request.Activity ?? [];
        var byArn = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < activity.Count; i++)
        {
            byArn.TryAdd(activity[i]!.PrincipalArn!, i);
        }

        var subjects = new List<Subject>();
        var findings = request.Findings ?? [];
        var answered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < findings.Count; i++)
        {
            var arn = findings[i]!.Resource;
            var at = arn is not null && byArn.TryGetValue(arn, out var index) ? index : -1;
            subjects.Add(new Subject(arn, findings[i]!, JsonPath.Item("$.findings", i), at < 0 ? null : activity[at], at < 0 ? null : JsonPath.Item("$.activity", at)));
            if (arn is not null)
            {
                answered.Add(arn);
            }
        }

        for (var i = 0; i < activity.Count; i++)
        {
            if (!answered.Contains(activity[i]!.PrincipalArn!))
            {
                subjects.Add(new Subject(activity[i]!.PrincipalArn, null, null, activity[i], JsonPath.Item("$.activity", i)));
            }
        }

        return subjects;
    }

    private FindingRead Read(Subject subject)
    {
        var principal = _account.Find(subject.Arn);
        Finding? finding = null;
        if (subject.Finding is { } raw && ReadFinding(raw, subject.FindingPath!, out finding) is { } refused)
        {
            return new FindingRead(subject.Arn, raw.Id, new FindingReport(subject.Arn, [], [], null), UnusedActionSet.Empty, principal, refused, false, null);
        }

        // The finding and activity data are read as /v1/recommendations reads a request's, then their paths are put where they are.
        var request = new RecommendationRequest
        {
            Finding = finding,
            ResourceArn = subject.Finding is null ? subject.Arn : null,
            UsedActions = subject.Activity?.UsedActions,
            LastAccessedDetails = subject.Activity?.LastAccessedDetails,
        };
        string At(string path) => subject.At(path);
        var report = FindingReport.Read(request);
        report = report with
        {
            Remediations = [.. report.Remediations.Select(r => r with { Path = At(r.Path) })],
            // An account's finding without its principal fails on its own account (PrincipalMissing).
            Warnings = [.. report.Warnings.Where(w => w.Code != FindingReport.Codes.ResourceArnMissing).Select(w => w with { Path = At(w.Path) })],
        };
        var permissions = RecommendationInputs.UnusedActions(request).Select(p => p with { Path = At(p.Path!) }).ToList();
        var evidence = RecommendationInputs.Evidence(request, permissions);
        evidence = evidence with
        {
            UsedActions = evidence.UsedActions?.Select(u => u with { Path = At(u.Path!) }).ToList(),
            LastAccessed = evidence.LastAccessed is { } lastAccessed
                ? lastAccessed with { Services = [.. lastAccessed.Services.Select(r => r with { Path = At(r.Path!) })] }
                : null,
        };
        var unused = UnusedActionSet.Create(_catalog, evidence, _filters);
        var arnPath = subject.Finding is null ? JsonPath.Property(subject.ActivityPath!, "principalArn") : JsonPath.Property(subject.FindingPath!, "resource");
        var failure = subject.Arn is null
            ? new RecommendationError { Code = AccountAuthorization.Codes.PrincipalMissing, Message = $"The finding at {subject.FindingPath} names no principal ('resource'), so it cannot be matched with the account's roles and users." }
            : principal is null
                ? new RecommendationError { Code = AccountAuthorization.Codes.PrincipalNotInAuthorizationDetails, Message = $"'{subject.Arn}' ({arnPath}) is not a role or user of 'authorizationDetails': check that the details are of the {(subject.Finding is null ? "activity data's" : "finding's")} account, and whole." }
                : null;
        return new FindingRead(subject.Arn, finding?.Id, report, unused, principal, failure, subject.Activity?.LastAccessedDetails is not null, subject.Activity?.UsedActions);
    }

    // The finding read and checked as /v1/recommendations reads and checks its 'finding', its paths put where the account's request holds it; what is wrong, as the principal's failure.
    private RecommendationError? ReadFinding(RawFinding raw, string path, out Finding? finding)
    {
        try
        {
            finding = raw.Json.Deserialize(_findingType);
        }
        catch (JsonException ex)
        {
            finding = null;
            return new RecommendationError
            {
                Code = AccountAuthorization.Codes.FindingInvalid,
                Message = $"The finding at {path} cannot be read: {JsonPath.Rebase(UnreadableJson.Path(ex), path)}: {UnreadableJson.Reason(ex)}",
            };
        }

        var faults = FindingRules.Validate(finding!).Errors
            .Select(f => $"{(f.PropertyName.Length == 0 ? path : JsonPath.Rebase(f.PropertyName, path))}: {f.ErrorMessage}").Distinct(StringComparer.Ordinal).ToList();
        var unused = finding!.FindingDetails?.Sum(d => (long)(d?.UnusedPermissionDetails?.Actions?.Count ?? 0)) ?? 0;
        if (unused > RequestLimits.MaxUnusedActions)
        {
            faults.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: At most {RequestLimits.MaxUnusedActions:N0} unused actions can be read per finding; this one lists {unused:N0}."));
        }

        return faults.Count == 0
            ? null
            : new RecommendationError
            {
                Code = AccountAuthorization.Codes.FindingInvalid,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"The finding at {path} breaks {faults.Count} rule(s): {string.Join(" ", faults.Take(NamedFaults))}{(faults.Count > NamedFaults ? $" ({faults.Count - NamedFaults} more not named.)" : string.Empty)}"),
            };
    }

    // The work bound of /v1/recommendations, per principal: its documents' patterns and its unused actions.
    private RecommendationError? TooMuchWork(AccountPrincipal principal, FindingRead finding)
    {
        var patterns = (finding.UsedActions ?? []).Select(u => u?.Action).Concat(_filters.Keep ?? []).OfType<string>();
        var examined = principal.Own.Select(h => h.Policy).OfType<PolicyToRefine>().Sum(p => ExaminedActions.OfDocument(_catalog, p.Document))
            + patterns.Sum(p => ExaminedActions.OfPattern(_catalog, p));
        return examined > RequestLimits.MaxExaminedActions
            ? new RecommendationError { Code = AccountAuthorization.Codes.TooMuchWork, Message = ExaminedActions.TooMany(_catalog, examined, RequestLimits.MaxExaminedActions) }
            : null;
    }

    // What the principal has unused in the shared policy as it will be: refined when offered, as it is otherwise.
    private int StillUnused(SharedRefinement shared, UnusedActionSet unused, CancellationToken cancellationToken)
    {
        if (shared.Policy is null)
        {
            return 0;
        }

        var document = shared.Offered ? shared.Recommendation.Recommendation!.RecommendedPolicy : shared.Policy.Document;
        if (document is null)
        {
            return 0;
        }

        // Counted, not refined: only the number is wanted.
        return _refiner.CountRemoved(document, unused, cancellationToken);
    }

    private SharedRefinement Share(HeldPolicy policy, IReadOnlyList<string> principals, Dictionary<string, List<Lazy<FindingRead>>> inRequest)
    {
        var missing = principals.Where(p => !inRequest.ContainsKey(p)).ToList();
        var sets = principals.Where(inRequest.ContainsKey).SelectMany(p => inRequest[p]).Select(f => f.Value)
            .Select(f => f.Failure is null && f.Report.Failure is null ? f.Unused : UnusedActionSet.Empty).ToList();
        var common = UnusedActionSet.Intersection(sets);
        var offered = missing.Count == 0 && policy.Policy is not null;
        PolicyRecommendation? recommendation = null;
        if (offered)
        {
            var result = _refiner.Refine(policy.Policy!.Document, common, policy.Policy.Options, _cancellationToken);
            recommendation = RecommendationResults.Recommendation(policy.Policy, result, [], _cancellationToken);
        }

        return new SharedRefinement(policy.Policy, offered, new SharedPolicyRecommendation
        {
            PolicyId = policy.Id,
            Update = policy.Policy?.Options.Kind == PolicyKind.InlineGroup ? SharedPolicyUpdate.PutGroupPolicy : SharedPolicyUpdate.CreatePolicyVersion,
            Principals = principals,
            MissingPrincipals = missing,
            CommonUnusedActions = common.CatalogActionCount,
            Recommendation = recommendation,
        });
    }

    private sealed record FindingRead(
        string? Arn, string? Id, FindingReport Report, UnusedActionSet Unused, AccountPrincipal? Principal, RecommendationError? Failure, bool HasReport, IReadOnlyList<Contracts.UsedAction?>? UsedActions);

    // One principal to answer: its finding (with the finding's path), its activity data (with that entry's path), or both.
    private sealed record Subject(string? Arn, RawFinding? Finding, string? FindingPath, PrincipalActivity? Activity, string? ActivityPath)
    {
        // A path of the request read as /v1/recommendations reads it, put where the account's request holds it.
        public string At(string path) =>
            Under(path, "$.finding", FindingPath) ?? Under(path, "$.usedActions", ActivityPath is null ? null : JsonPath.Property(ActivityPath, "usedActions"))
            ?? Under(path, "$.lastAccessedDetails", ActivityPath is null ? null : JsonPath.Property(ActivityPath, "lastAccessedDetails")) ?? path;

        private static string? Under(string path, string root, string? to) =>
            to is not null && path.StartsWith(root, StringComparison.Ordinal) && (path.Length == root.Length || path[root.Length] is '.' or '[')
                ? to + path[root.Length..]
                : null;
    }

    private sealed record SharedRefinement(PolicyToRefine? Policy, bool Offered, SharedPolicyRecommendation Recommendation);
}
