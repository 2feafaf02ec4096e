using System.Globalization;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Api.Endpoints;

/// <summary>
/// A policy a principal holds, ready for the engine, or why it cannot be refined; its document is read when it is first
/// needed (by whichever principal's answer needs it first), once, whoever holds it.
/// </summary>
/// <param name="Id">What the steps call it: a managed policy's ARN, an inline policy's name (a group's as <c>group-name/policy-name</c>).</param>
/// <param name="Warning">Something to say that does not stop the answer (an attached policy absent from <c>Policies</c>, which has nothing to read).</param>
internal sealed record HeldPolicy(string Id, Warning? Warning)
{
    private readonly Lazy<(PolicyToRefine? Policy, RecommendationError? Failure)>? _read;

    /// <summary>A policy to read when first needed.</summary>
    public HeldPolicy(string id, Func<(PolicyToRefine? Policy, RecommendationError? Failure)> read)
        : this(id, (Warning?)null) =>
        _read = new(read, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The policy for the engine; null when it cannot be refined.</summary>
    public PolicyToRefine? Policy => _read?.Value.Policy;

    /// <summary>Why the principal holding it cannot be answered (no default version, a document IAM would refuse).</summary>
    public RecommendationError? Failure => _read?.Value.Failure;

    /// <summary>Whether it is a customer-managed policy or a group's, which several principals may share.</summary>
    public bool IsShareable { get; init; }
}

/// <summary>A role or user of the account with the policies that grant it permissions.</summary>
/// <param name="Arn">Its ARN.</param>
/// <param name="Own">Its own policies, refined for it alone: inline ones, then attached ones, in the order IAM lists them.</param>
/// <param name="FromGroups">Its groups' policies (a user's): never rewritten for one member.</param>
internal sealed record AccountPrincipal(string Arn, IReadOnlyList<HeldPolicy> Own, IReadOnlyList<HeldPolicy> FromGroups);

/// <summary>
/// IAM's authorization details of an account, indexed: its roles and users by ARN with the policies that grant them
/// permissions, and which principals each customer-managed or group policy applies to. Permissions boundaries and trust
/// policies are not grants and are not read.
/// </summary>
internal sealed class AccountAuthorization
{
    /// <summary>The stable codes of what reading an account may say.</summary>
    public static class Codes
    {
        public const string PrincipalNotInAuthorizationDetails = "PrincipalNotInAuthorizationDetails";
        public const string PrincipalMissing = "PrincipalMissing";
        public const string FindingInvalid = "FindingInvalid";
        public const string DefaultPolicyVersionMissing = "DefaultPolicyVersionMissing";
        public const string PolicyDocumentInvalid = "PolicyDocumentInvalid";
        public const string PolicyNotInAuthorizationDetails = "PolicyNotInAuthorizationDetails";
        public const string GroupNotInAuthorizationDetails = "GroupNotInAuthorizationDetails";
        public const string GroupPolicyNotRewritten = "GroupPolicyNotRewritten";
        public const string TooMuchWork = "TooMuchWork";
    }

    private readonly Dictionary<string, AccountPrincipal> _principals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _sharedBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldPolicy> _shareable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _viaGroup = new(StringComparer.Ordinal);
    private readonly List<string> _unknownMembers = [];

    public AccountAuthorization(AuthorizationDetailsPages pages, string path, WildcardMode wildcards, bool explain)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var managed = new Dictionary<string, (ManagedPolicyDetail Policy, string Path)>(StringComparer.Ordinal);
        var groups = new Dictionary<string, (GroupDetail Group, string Path)>(StringComparer.OrdinalIgnoreCase);
        var pagesRead = Pages(pages, path).ToList();
        foreach (var (page, at) in pagesRead)
        {
            Unknown(page, at);
            ForEach(page.Policies, JsonPath.Property(at, "Policies"), (policy, p) => managed.TryAdd(policy.Arn ?? string.Empty, (policy, p)));
            ForEach(page.GroupDetailList, JsonPath.Property(at, "GroupDetailList"), (group, p) => groups.TryAdd(group.GroupName ?? string.Empty, (group, p)));
        }

        // Each managed policy is resolved once, whoever holds it.
        var resolved = new Dictionary<string, HeldPolicy>(StringComparer.Ordinal);
        HeldPolicy Attached(AttachedPolicy attached, string attachmentPath)
        {
            var arn = attached.PolicyArn ?? string.Empty;
            if (resolved.TryGetValue(arn, out var held))
            {
                return held;
            }

            held = managed.TryGetValue(arn, out var found)
                ? Managed(found.Policy, found.Path, wildcards, explain)
                : new HeldPolicy(arn, new Warning
                {
                    Code = Codes.PolicyNotInAuthorizationDetails,
                    Path = attachmentPath,
                    Message = $"The attached policy '{arn}' is not in 'Policies' (left out by a --filter?), so it is not refined; fetch the details without a filter to have it refined.",
                });
            resolved[arn] = held;
            return held;
        }

        var groupPolicies = new Dictionary<string, List<HeldPolicy>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, (group, at)) in groups)
        {
            var held = new List<HeldPolicy>();
            ForEach(group.GroupPolicyList, JsonPath.Property(at, "GroupPolicyList"), (inline, p) =>
                held.Add(Inline($"{name}/{inline.PolicyName}", inline, p, new RefinementOptions(wildcards, explain, PolicyKind.InlineGroup)) with { IsShareable = true }));
            ForEach(group.AttachedManagedPolicies, JsonPath.Property(at, "AttachedManagedPolicies"), (attached, p) => held.Add(Attached(attached, p)));
            groupPolicies[name] = held;
        }

        foreach (var (page, at) in pagesRead)
        {
            ForEach(page.RoleDetailList, JsonPath.Property(at, "RoleDetailList"), (role, p) =>
                Add(role.Arn, Own(role.RolePolicyList, "RolePolicyList", role.AttachedManagedPolicies, p, PolicyKind.InlineRole), []));
            ForEach(page.UserDetailList, JsonPath.Property(at, "UserDetailList"), (user, p) =>
            {
                var fromGroups = new List<HeldPolicy>();
                ForEach(user.GroupList, JsonPath.Property(p, "GroupList"), (name, g) =>
                {
                    if (groupPolicies.TryGetValue(name, out var held))
                    {
                        // What the details hold (read or not); a policy absent from them grants nothing known here.
                        fromGroups.AddRange(held.Where(h => h.Warning is null).Select(h => h with { IsShareable = true }));
                        foreach (var policy in held.Where(h => h.Warning is null))
                        {
                            _viaGroup.Add(policy.Id);
                        }
                    }
                    else
                    {
                        fromGroups.Add(new HeldPolicy(name, new Warning
                        {
                            Code = Codes.GroupNotInAuthorizationDetails,
                            Path = g,
                            Message = $"The user's group '{name}' is not in 'GroupDetailList', so what its policies grant is not known here.",
                        }));
                    }
                });
                Add(user.Arn, Own(user.UserPolicyList, "UserPolicyList", user.AttachedManagedPolicies, p, PolicyKind.InlineUser), fromGroups);
            });
        }

        List<HeldPolicy> Own(IReadOnlyList<PolicyDetail?>? inline, string listName, IReadOnlyList<AttachedPolicy?>? attached, string at, PolicyKind kind)
        {
            var held = new List<HeldPolicy>();
            ForEach(inline, JsonPath.Property(at, listName), (policy, p) =>
                held.Add(Inline(policy.PolicyName ?? string.Empty, policy, p, new RefinementOptions(wildcards, explain, kind))));
            ForEach(attached, JsonPath.Property(at, "AttachedManagedPolicies"), (policy, p) => held.Add(Attached(policy, p)));
            return held;
        }
    }

    /// <summary>The principal with the ARN <paramref name="arn"/> (as IAM, in any case), if the account has it.</summary>
    public AccountPrincipal? Find(string? arn) => arn is not null && _principals.TryGetValue(arn, out var principal) ? principal : null;

    /// <summary>Policies that several principals hold (customer-managed ones), or that a group gives its members, with the ARNs of those principals in the account's order.</summary>
    public IEnumerable<(HeldPolicy Policy, IReadOnlyList<string> Principals)> SharedPolicies() =>
        _sharedBy.Where(shared => shared.Value.Count > 1 || _viaGroup.Contains(shared.Key))
            .Select(shared => (_shareable[shared.Key], (IReadOnlyList<string>)shared.Value));

    /// <summary>Whether the policy called <paramref name="id"/> is one of <see cref="SharedPolicies"/>.</summary>
    public bool IsShared(string id) => _sharedBy.TryGetValue(id, out var principals) && (principals.Count > 1 || _viaGroup.Contains(id));

    private void Add(string? arn, List<HeldPolicy> own, List<HeldPolicy> fromGroups)
    {
        if (arn is null || !_principals.TryAdd(arn, new AccountPrincipal(arn, own, fromGroups)))
        {
            return;
        }

        foreach (var held in own.Concat(fromGroups).Where(h => h.IsShareable).DistinctBy(h => h.Id))
        {
            _shareable.TryAdd(held.Id, held);
            if (!_sharedBy.TryGetValue(held.Id, out var principals))
            {
                _sharedBy[held.Id] = principals = [];
            }

            principals.Add(arn);
        }
    }

    private static HeldPolicy Managed(ManagedPolicyDetail policy, string path, WildcardMode wildcards, bool explain)
    {
        var arn = policy.Arn ?? string.Empty;
        var kind = IsAwsManaged(arn) ? PolicyKind.AwsManaged : PolicyKind.Managed;
        var versions = policy.PolicyVersionList ?? [];
        var index = -1;
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]?.IsDefaultVersion == true)
            {
                index = i;
                break;
            }
        }

        var versionsPath = JsonPath.Property(path, "PolicyVersionList");
        if (index < 0 || versions[index]!.Document is not { } document)
        {
            var missing = new RecommendationError
            {
                Code = Codes.DefaultPolicyVersionMissing,
                Message = $"The policy '{arn}' has no default version with a document at {versionsPath} (one version has \"IsDefaultVersion\": true), so what it grants is not known and the principal is not refined.",
            };
            return new HeldPolicy(arn, () => (null, missing)) { IsShareable = kind == PolicyKind.Managed };
        }

        var documentPath = JsonPath.Property(JsonPath.Item(versionsPath, index), "Document");
        return Refinable(arn, documentPath, document, new RefinementOptions(wildcards, explain, kind), policy.UpdateDate?.Value, JsonPath.Property(path, "Arn"))
            with { IsShareable = kind == PolicyKind.Managed };
    }

    private static HeldPolicy Inline(string id, PolicyDetail policy, string path, RefinementOptions options) =>
        policy.PolicyDocument is { } document
            ? Refinable(id, JsonPath.Property(path, "PolicyDocument"), document, options, null, JsonPath.Property(path, "PolicyName"))
            : new HeldPolicy(id, () => (null, Invalid(id, JsonPath.Property(path, "PolicyDocument"), "the policy has no document")));

    private static HeldPolicy Refinable(string id, string documentPath, DeferredPolicyDocument sent, RefinementOptions options, DateTimeOffset? updatedAt, string idPath) => new(id, () =>
    {
        var document = sent.Read();
        if (document.Problems.Count > 0)
        {
            var first = document.Problems[0];
            return (null, Invalid(id, JsonPath.Rebase(first.Path, documentPath), first.Message + (document.Problems.Count > 1
                ? string.Create(CultureInfo.InvariantCulture, $" (and {document.Problems.Count - 1} more problem(s))")
                : string.Empty)));
        }

        return (new PolicyToRefine(id, documentPath, document, options) { StepId = id, UpdatedAt = updatedAt, IdPath = idPath }, null);
    });

    private static RecommendationError Invalid(string id, string path, string problem) => new()
    {
        Code = Codes.PolicyDocumentInvalid,
        Message = $"The policy '{id}' cannot be refined: at {path}, {problem}",
    };

    /// <summary>Whether <paramref name="arn"/> is an AWS-managed policy's (its account is <c>aws</c>): it cannot be edited, only replaced.</summary>
    private static bool IsAwsManaged(string arn) => arn.Contains(":iam::aws:policy/", StringComparison.Ordinal);

    private static IEnumerable<(AccountAuthorizationDetails Page, string Path)> Pages(AuthorizationDetailsPages pages, string path)
    {
        for (var i = 0; i < pages.Pages.Count; i++)
        {
            if (pages.Pages[i] is { } page)
            {
                yield return (page, pages.PathOf(path, i));
            }
        }
    }

    private void ForEach<T>(IReadOnlyList<T?>? items, string path, Action<T, string> action)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is { } item)
            {
                var at = JsonPath.Item(path, i);
                Unknown(item as AwsShape, at);
                action(item, at);
            }
        }
    }

    // Members of IAM's shapes this service does not read: tolerated, and told in one warning.
    private void Unknown(AwsShape? shape, string path)
    {
        foreach (var name in shape?.UnknownMembers?.Keys ?? Enumerable.Empty<string>())
        {
            _unknownMembers.Add(JsonPath.Property(path, name));
        }

        switch (shape)
        {
            case RoleDetail { PermissionsBoundary: { } boundary }:
                Unknown(boundary, JsonPath.Property(path, "PermissionsBoundary"));
                break;
            case UserDetail { PermissionsBoundary: { } boundary }:
                Unknown(boundary, JsonPath.Property(path, "PermissionsBoundary"));
                break;
            case ManagedPolicyDetail { PolicyVersionList: { } versions }:
                for (var i = 0; i < versions.Count; i++)
                {
                    Unknown(versions[i], JsonPath.Item(JsonPath.Property(path, "PolicyVersionList"), i));
                }

                break;
        }
    }

    /// <summary>Warnings about the authorization details as a whole.</summary>
    public IReadOnlyList<Warning> Warnings => _unknownMembers.Count == 0 ? [] :
    [
        new Warning
        {
            Code = FindingReport.Codes.UnknownMembers,
            Path = _unknownMembers[0],
            Message = string.Create(CultureInfo.InvariantCulture,
                $"{_unknownMembers.Count} member(s) of IAM's shapes that this service does not read were ignored: {string.Join(", ", _unknownMembers.Take(5))}{(_unknownMembers.Count > 5 ? ", ..." : string.Empty)}."),
        },
    ];
}
