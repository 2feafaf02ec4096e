using System.Buffers;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>
/// The effective unused set of one request, resolved against the catalog once and shared by every policy refined with it:
/// the actions any input reports unused (<see cref="UsageEvidence"/>), less those the filters spare
/// (<see cref="UnusedActionFilters"/>). For each catalog action it remembers which inputs reported it and what spared
/// it, so that every removal and every spared action can be traced to its reason.
/// </summary>
public sealed class UnusedActionSet
{
    private static readonly ActionPattern[] NoPatterns = [];

    // Per catalog action: the inputs that report it unused (UnusedActionSource) and what spares it (SpareReason); null when nothing is reported.
    private readonly ReportedActions? _reported;
    private readonly ActionPattern[] _keep;
    private readonly HashSet<string> _skipStatements;

    private UnusedActionSet(
        int[] indices,
        string[] unknownActions,
        string[] unknownServices,
        IReadOnlyList<RefinementWarning> warnings,
        ReportedActions? reported = null,
        ActionPattern[]? keep = null,
        HashSet<string>? skipStatements = null,
        IReadOnlyList<ServiceActivity>? services = null)
    {
        Indices = indices;
        UnknownActions = unknownActions;
        UnknownServices = unknownServices;
        Warnings = warnings;
        _reported = reported;
        _keep = keep ?? NoPatterns;
        _skipStatements = skipStatements ?? new HashSet<string>(StringComparer.Ordinal);
        Services = services ?? [];
    }

    /// <summary>No action is unused.</summary>
    public static UnusedActionSet Empty { get; } = new([], [], [], []);

    /// <summary>Warnings about unknown services and actions in the inputs.</summary>
    public IReadOnlyList<RefinementWarning> Warnings { get; }

    /// <summary>How many catalog actions are unused, after the filters.</summary>
    public int CatalogActionCount => Indices.Length;

    /// <summary>With a last accessed report, what it could tell about each of its services, in its order.</summary>
    public IReadOnlyList<ServiceActivity> Services { get; }

    /// <summary>The <c>Sid</c>s of the statements left alone.</summary>
    public IReadOnlySet<string> SkipStatements => _skipStatements;

    /// <summary>Catalog indices of the unused actions, ascending.</summary>
    internal int[] Indices { get; }

    /// <summary>Unused actions the catalog lacks, lower-cased <c>service:action</c>, ascending (ordinal).</summary>
    internal string[] UnknownActions { get; }

    /// <summary>Service prefixes the catalog lacks that are wholly unused, lower case.</summary>
    internal string[] UnknownServices { get; }

    /// <summary>Whether any input reported any catalog action unused, spared or not.</summary>
    internal bool HasReports => _reported is not null;

    /// <summary>The catalog actions any input reported unused, with their inputs and what spares them; null when nothing is reported.</summary>
    internal ReportedActions? Reported => _reported;

    /// <summary>Resolves Access Analyzer's unused permissions; names the catalog lacks become warnings, at each permission's <see cref="UnusedServiceActions.Path"/> (by default its place in <paramref name="permissions"/>, e.g. <c>$[0].actions[2]</c>).</summary>
    public static UnusedActionSet Create(ActionCatalog catalog, IEnumerable<UnusedServiceActions> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return Create(catalog, new UsageEvidence([.. permissions]), UnusedActionFilters.None);
    }

    /// <summary>
    /// The actions every one of <paramref name="sets"/> has unused: what may be removed from a policy they all share without
    /// taking from any of them an action it used. Warnings are not carried over (each set's own were told with it).
    /// </summary>
    public static UnusedActionSet Intersection(IReadOnlyList<UnusedActionSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0)
        {
            return Empty;
        }

        var indices = sets[0].Indices;
        var unknownActions = new SortedSet<string>(sets[0].UnknownActions, StringComparer.Ordinal);
        var unknownServices = new SortedSet<string>(sets[0].UnknownServices, StringComparer.Ordinal);
        foreach (var set in sets.Skip(1))
        {
            indices = SortedIndices.Intersect(indices, set.Indices);

            // An unknown action is unused by both when each names it, or has its whole (unknown) service unused.
            var actions = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var action in unknownActions)
            {
                if (Array.BinarySearch(set.UnknownActions, action, StringComparer.Ordinal) >= 0 || set.HasUnknownServiceOf(action))
                {
                    actions.Add(action);
                }
            }

            foreach (var action in set.UnknownActions)
            {
                if (unknownServices.Contains(ServiceOf(action)))
                {
                    actions.Add(action);
                }
            }

            unknownServices.IntersectWith(set.UnknownServices);
            unknownActions = actions;
        }

        // The request's options are the same for every principal: what one keeps and skips, all do (Empty, for a principal that failed, says nothing of them).
        var filtered = sets.FirstOrDefault(s => !ReferenceEquals(s, Empty)) ?? sets[0];
        return new UnusedActionSet(indices, [.. unknownActions], [.. unknownServices], [], keep: filtered._keep, skipStatements: filtered._skipStatements);
    }

    private bool HasUnknownServiceOf(string action) => Array.BinarySearch(UnknownServices, ServiceOf(action), StringComparer.Ordinal) >= 0;

    private static string ServiceOf(string action) => action[..Math.Max(0, action.IndexOf(':', StringComparison.Ordinal))];

    /// <summary>Resolves every input's unused actions and applies the filters; names the catalog lacks become warnings at their inputs' paths.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="filters"/> has an age threshold but no instant to count back from.</exception>
    public static UnusedActionSet Create(ActionCatalog catalog, UsageEvidence evidence, UnusedActionFilters filters)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(filters);

        using var reading = new Reading(catalog, filters.Cutoff);
        reading.Findings(evidence.Findings);
        var services = evidence.LastAccessed is { } report ? reading.Report(report) : [];
        if (evidence.UsedActions is { } used)
        {
            reading.Used(used);
        }

        return reading.Finish(filters, services);
    }

    /// <summary>Whether the catalog action at <paramref name="index"/> is unused, after the filters.</summary>
    public bool Contains(int index) => SortedIndices.Contains(Indices, index);

    /// <summary>The inputs that report the catalog action at <paramref name="index"/> unused (whatever spares it).</summary>
    public UnusedActionSource ReportedBy(int index) => _reported?.ReportedBy(index) ?? UnusedActionSource.None;

    /// <summary>What spares the catalog action at <paramref name="index"/>, reported unused, from removal (statements skipped aside, which depend on the policy).</summary>
    public SpareReason SparedBy(int index) => _reported?.SparedBy(index) ?? SpareReason.None;

    /// <summary>The first keep pattern that covers <paramref name="action"/>, as written, or null.</summary>
    public string? KeptBy(string action)
    {
        foreach (var pattern in _keep)
        {
            if (pattern.IsMatch(action))
            {
                return pattern.Text;
            }
        }

        return null;
    }

    /// <summary>Whether the statement with <paramref name="sid"/> is copied unchanged.</summary>
    internal bool SkipsStatement(string? sid) => sid is not null && _skipStatements.Contains(sid);

    /// <summary>Whether an unused action the catalog lacks starts with the lower-case <paramref name="prefix"/>.</summary>
    internal bool HasUnknownStartingWith(ReadOnlySpan<char> prefix)
    {
        var (start, end) = SortedStrings.PrefixRange(UnknownActions, prefix, 0, UnknownActions.Length);
        return end > start;
    }

    /// <summary>The inputs read one after the other into per-action flags: unused for good, or unused but within the age threshold.</summary>
    /// <remarks>The flags are one byte per catalog action, rented from the shared pool: a request marks whole services at once, and only the actions reported are kept.</remarks>
    private sealed class Reading(ActionCatalog catalog, DateTimeOffset? cutoff) : IDisposable
    {
        private readonly List<int> _matches = [];
        private readonly SortedSet<string> _unknownActions = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _unknownServices = new(StringComparer.Ordinal);

        // Unused by each input's own account, once its dates are held against the threshold; and reported, but used within it.
        private byte[]? _stale;
        private byte[]? _recent;

        // What spares each action, once the inputs are read.
        private byte[]? _spared;

        public List<RefinementWarning> Warnings { get; } = [];

        private byte[] Stale => _stale ??= Rent();

        private byte[] Recent => _recent ??= Rent();

        public void Findings(IReadOnlyList<UnusedServiceActions> permissions)
        {
            for (var p = 0; p < permissions.Count; p++)
            {
                var permission = permissions[p];
                var path = permission.Path ?? JsonPath.Item(JsonPath.Root, p);
                var prefix = permission.ServiceNamespace.ToLowerInvariant();
                var known = catalog.TryGetService(prefix, out var service);
                if (!known)
                {
                    Warnings.Add(new RefinementWarning(
                        RefinementWarningCodes.UnknownService,
                        $"The service '{permission.ServiceNamespace}' is not in the action catalog; its actions are treated as unknown.",
                        path + ".serviceNamespace"));
                }

                if (permission.Actions is not { Count: > 0 })
                {
                    var flags = Target(StillUnused(permission.LastAccessed));
                    if (service is not null)
                    {
                        Mark(flags, service.FirstAction, service.ActionCount, UnusedActionSource.Findings);
                    }
                    else if (flags == _stale)
                    {
                        _unknownServices.Add(prefix);
                    }

                    continue;
                }

                for (var i = 0; i < permission.Actions.Count; i++)
                {
                    var name = permission.Actions[i];
                    var stale = StillUnused(permission.ActionsLastAccessed is { } dates && i < dates.Count ? dates[i] : null);
                    var flags = Target(stale);

                    // Most names are plain actions of a known service: one lookup, no pattern.
                    if (service is not null && name.AsSpan().IndexOfAny('*', '?') < 0 && FindInService(service, name) is { } index)
                    {
                        flags[index] |= (byte)UnusedActionSource.Findings;
                        continue;
                    }

                    var fullName = prefix + ":" + name.ToLowerInvariant();
                    var pattern = ActionPattern.Parse(fullName);
                    if (MarkMatches(pattern, flags, UnusedActionSource.Findings) > 0)
                    {
                        continue;
                    }

                    if (!pattern.HasWildcard && stale)
                    {
                        _unknownActions.Add(fullName);
                    }

                    if (known)
                    {
                        Warnings.Add(new RefinementWarning(
                            RefinementWarningCodes.UnknownAction,
                            pattern.HasWildcard
                                ? $"The unused action pattern '{permission.ServiceNamespace}:{name}' matches no action in the catalog."
                                : $"The unused action '{permission.ServiceNamespace}:{name}' is not in the action catalog; a policy entry naming it exactly is still removed.",
                            JsonPath.Item(path + ".actions", i)));
                    }
                }
            }
        }

        public List<ServiceActivity> Report(LastAccessedReport report)
        {
            var activities = new List<ServiceActivity>(report.Services.Count);
            for (var s = 0; s < report.Services.Count; s++)
            {
                var reported = report.Services[s];
                var path = reported.Path ?? JsonPath.Item(JsonPath.Root, s);
                var prefix = reported.ServiceNamespace.ToLowerInvariant();
                catalog.TryGetService(prefix, out var service);
                if (service is null)
                {
                    Warnings.Add(new RefinementWarning(
                        RefinementWarningCodes.UnknownService,
                        $"The service '{reported.ServiceNamespace}' is not in the action catalog; what the report says of it applies to names the catalog does not list.",
                        JsonPath.Property(path, "ServiceNamespace")));
                }

                var size = service?.ActionCount ?? 0;
                var tracked = report.ActionLevel ? reported.TrackedActions : null;
                if (UnusedActionFilters.IsStale(reported.LastAuthenticated, cutoff))
                {
                    // Nobody used the service within the window (or not since the threshold): every action of it is unused.
                    if (service is not null)
                    {
                        Mark(Stale, service.FirstAction, service.ActionCount, UnusedActionSource.LastAccessedDetails);
                    }
                    else
                    {
                        _unknownServices.Add(prefix);
                    }

                    var conclusion = reported.LastAuthenticated is null ? ServiceConclusion.NotAuthenticated : ServiceConclusion.NotAuthenticatedWithinThreshold;
                    activities.Add(new ServiceActivity(reported.ServiceNamespace, conclusion, size, tracked?.Count ?? 0, size, 0, path));
                    continue;
                }

                if (tracked is not { Count: > 0 })
                {
                    activities.Add(new ServiceActivity(reported.ServiceNamespace, ServiceConclusion.ServiceLevelOnly, size, 0, 0, size, path));
                    continue;
                }

                int unused = 0, trackedInCatalog = 0;
                for (var t = 0; t < tracked.Count; t++)
                {
                    var name = WithoutPrefix(tracked[t].ActionName, prefix);
                    var index = service is null ? null : FindInService(service, name);
                    trackedInCatalog += index is null ? 0 : 1;
                    if (!UnusedActionFilters.IsStale(tracked[t].LastAccessedTime, cutoff))
                    {
                        continue;
                    }

                    if (index is { } found)
                    {
                        unused += (Stale[found] & (byte)UnusedActionSource.LastAccessedDetails) == 0 ? 1 : 0;
                        Stale[found] |= (byte)UnusedActionSource.LastAccessedDetails;
                        continue;
                    }

                    _unknownActions.Add(prefix + ":" + name.ToLowerInvariant());
                    if (service is not null)
                    {
                        Warnings.Add(new RefinementWarning(
                            RefinementWarningCodes.UnknownAction,
                            $"The tracked action '{reported.ServiceNamespace}:{name}' is not in the action catalog; a policy entry naming it exactly is still removed.",
                            JsonPath.Property(JsonPath.Item(JsonPath.Property(path, "TrackedActionsLastAccessed"), t), "ActionName")));
                    }
                }

                activities.Add(new ServiceActivity(reported.ServiceNamespace, ServiceConclusion.ActionLevel, size, tracked.Count, unused, size - trackedInCatalog, path));
            }

            return activities;
        }

        public void Used(IReadOnlyList<UsedAction> used)
        {
            var seen = ArrayPool<bool>.Shared.Rent(catalog.Count);
            Array.Clear(seen, 0, catalog.Count);
            for (var u = 0; u < used.Count; u++)
            {
                var action = used[u];
                var path = action.Path ?? JsonPath.Item(JsonPath.Root, u);

                // A use older than the threshold does not count: the action is unused since.
                var counts = action.LastAccessed is not { } at || cutoff is not { } before || at >= before;
                int matched;
                if (action.Pattern.AsSpan().IndexOfAny('*', '?') < 0)
                {
                    matched = catalog.TryFind(action.Pattern, out var found) ? 1 : 0;
                    if (matched == 1 && counts)
                    {
                        seen[found.Index] = true;
                    }
                }
                else
                {
                    _matches.Clear();
                    catalog.MatchIndices(ActionPattern.Parse(action.Pattern), _matches);
                    matched = _matches.Count;
                    foreach (var index in _matches)
                    {
                        seen[index] |= counts;
                    }
                }

                if (matched == 0)
                {
                    var colon = action.Pattern.IndexOf(':', StringComparison.Ordinal);
                    var service = colon > 0 ? action.Pattern[..colon] : action.Pattern;
                    Warnings.Add(catalog.TryGetService(service, out _) || service.AsSpan().IndexOfAny('*', '?') >= 0
                        ? new RefinementWarning(RefinementWarningCodes.UnknownAction, $"The used action '{action.Pattern}' matches no action in the catalog.", path)
                        : new RefinementWarning(RefinementWarningCodes.UnknownService, $"The service prefix '{service}' of the used action '{action.Pattern}' is not in the action catalog.", path));
                }
            }

            var stale = Stale;
            for (var i = 0; i < catalog.Count; i++)
            {
                stale[i] |= seen[i] ? (byte)0 : (byte)UnusedActionSource.UsedActions;
            }

            ArrayPool<bool>.Shared.Return(seen);
        }

        public UnusedActionSet Finish(UnusedActionFilters filters, IReadOnlyList<ServiceActivity> services)
        {
            var keep = (filters.Keep ?? []).Select(ActionPattern.Parse).ToArray();
            var skip = new HashSet<string>(filters.SkipStatements ?? [], StringComparer.Ordinal);
            if (_stale is null && _recent is null)
            {
                return new UnusedActionSet([], Spare(_unknownActions, keep, filters), Spare(_unknownServices, keep, filters), Warnings, null, keep, skip, services);
            }

            var reportedBy = Stale.AsSpan(0, catalog.Count);
            var sparedBy = (_spared = Rent()).AsSpan(0, catalog.Count);

            // An action only a dated input reported, used within the threshold, is spared by it; another input reporting it unused wins.
            if (_recent is { } recent)
            {
                for (var i = 0; i < catalog.Count; i++)
                {
                    if (recent[i] != 0 && reportedBy[i] == 0)
                    {
                        reportedBy[i] = recent[i];
                        sparedBy[i] = (byte)SpareReason.UnusedForDays;
                    }
                }
            }

            foreach (var pattern in keep)
            {
                _matches.Clear();
                catalog.MatchIndices(pattern, _matches);
                foreach (var index in _matches)
                {
                    sparedBy[index] |= reportedBy[index] == 0 ? (byte)0 : (byte)SpareReason.Keep;
                }
            }

            var indices = new List<int>();
            for (var i = reportedBy.IndexOfAnyExcept((byte)0); i >= 0;)
            {
                if (filters.AccessLevels is { } levels && !levels.Contains(catalog.AccessLevelOf(i)))
                {
                    sparedBy[i] |= (byte)SpareReason.AccessLevels;
                }

                if (sparedBy[i] == 0)
                {
                    indices.Add(i);
                }

                var next = reportedBy[(i + 1)..].IndexOfAnyExcept((byte)0);
                i = next < 0 ? -1 : i + 1 + next;
            }

            return new UnusedActionSet([.. indices], Spare(_unknownActions, keep, filters), Spare(_unknownServices, keep, filters), Warnings,
                ReportedActions.From(reportedBy, sparedBy), keep, skip, services);
        }

        public void Dispose()
        {
            foreach (var flags in (byte[]?[])[_stale, _recent, _spared])
            {
                if (flags is not null)
                {
                    ArrayPool<byte>.Shared.Return(flags);
                }
            }
        }

        // Names the catalog lacks have no access level to tell: with access levels, none is removed; a keep pattern that may cover one spares it.
        private static string[] Spare(SortedSet<string> unknown, ActionPattern[] keep, UnusedActionFilters filters)
        {
            if (filters.AccessLevels is not null)
            {
                return [];
            }

            return [.. unknown.Where(name => !Array.Exists(keep, k => name.Contains(':', StringComparison.Ordinal) ? k.IsMatch(name) : k.CanMatchActionOf(name)))];
        }

        private byte[] Target(bool stale) => stale ? Stale : Recent;

        private byte[] Rent()
        {
            var flags = ArrayPool<byte>.Shared.Rent(catalog.Count);
            Array.Clear(flags, 0, catalog.Count);
            return flags;
        }

        // A finding reports the action unused whatever its date says, unless a threshold holds the date against it.
        private bool StillUnused(DateTimeOffset? lastAccessed) => cutoff is null || UnusedActionFilters.IsStale(lastAccessed, cutoff);

        private static void Mark(byte[] flags, int start, int count, UnusedActionSource source)
        {
            foreach (ref var flag in flags.AsSpan(start, count))
            {
                flag |= (byte)source;
            }
        }

        private int MarkMatches(ActionPattern pattern, byte[] flags, UnusedActionSource source)
        {
            _matches.Clear();
            catalog.MatchIndices(pattern, _matches);
            foreach (var index in _matches)
            {
                flags[index] |= (byte)source;
            }

            return _matches.Count;
        }

        /// <summary>The catalog index of <paramref name="name"/> (any case) among <paramref name="service"/>'s actions, if there.</summary>
        private int? FindInService(CatalogService service, string name)
        {
            Span<char> key = stackalloc char[Math.Min(service.Prefix.Length + 1 + name.Length, 512)];
            if (key.Length < service.Prefix.Length + 1 + name.Length)
            {
                return null;
            }

            service.Prefix.AsSpan().CopyTo(key);
            key[service.Prefix.Length] = ':';
            name.AsSpan().ToLowerInvariant(key[(service.Prefix.Length + 1)..]);
            var (start, end) = catalog.PrefixRange(key, service.FirstAction, service.FirstAction + service.ActionCount);
            return end > start && catalog.Key(start).Length == key.Length ? start : null;
        }

        // IAM writes a tracked action's name without its service; a name given with it is read the same.
        private static string WithoutPrefix(string name, string prefix) =>
            name.Length > prefix.Length && name[prefix.Length] == ':' && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? name[(prefix.Length + 1)..] : name;
    }
}
