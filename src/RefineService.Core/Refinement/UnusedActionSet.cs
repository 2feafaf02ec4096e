using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>The unused actions of one finding, resolved against the catalog once and shared by every policy refined with them.</summary>
public sealed class UnusedActionSet
{
    private UnusedActionSet(int[] indices, string[] unknownActions, string[] unknownServices, IReadOnlyList<RefinementWarning> warnings)
    {
        Indices = indices;
        UnknownActions = unknownActions;
        UnknownServices = unknownServices;
        Warnings = warnings;
    }

    /// <summary>No action is unused.</summary>
    public static UnusedActionSet Empty { get; } = new([], [], [], []);

    /// <summary>Warnings about unknown services and actions in the findings.</summary>
    public IReadOnlyList<RefinementWarning> Warnings { get; }

    /// <summary>How many catalog actions are unused.</summary>
    public int CatalogActionCount => Indices.Length;

    /// <summary>Catalog indices of the unused actions, ascending.</summary>
    internal int[] Indices { get; }

    /// <summary>Unused actions the catalog lacks, lower-cased <c>service:action</c>, ascending (ordinal).</summary>
    internal string[] UnknownActions { get; }

    /// <summary>Service prefixes the catalog lacks that are wholly unused, lower case.</summary>
    internal string[] UnknownServices { get; }

    /// <summary>Resolves Access Analyzer's unused permissions; names the catalog lacks become warnings, at each permission's <see cref="UnusedServiceActions.Path"/> (by default its place in <paramref name="permissions"/>, e.g. <c>$[0].actions[2]</c>).</summary>
    public static UnusedActionSet Create(ActionCatalog catalog, IEnumerable<UnusedServiceActions> permissions)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(permissions);

        var indices = new List<int>();
        var unknownActions = new SortedSet<string>(StringComparer.Ordinal);
        var unknownServices = new SortedSet<string>(StringComparer.Ordinal);
        var warnings = new List<RefinementWarning>();
        var position = 0;
        foreach (var permission in permissions)
        {
            var path = permission.Path ?? JsonPath.Item(JsonPath.Root, position);
            position++;
            var prefix = permission.ServiceNamespace.ToLowerInvariant();
            var known = catalog.TryGetService(prefix, out var service);
            if (!known)
            {
                warnings.Add(new RefinementWarning(
                    RefinementWarningCodes.UnknownService,
                    $"The service '{permission.ServiceNamespace}' is not in the action catalog; its actions are treated as unknown.",
                    path + ".serviceNamespace"));
            }

            if (permission.Actions is not { Count: > 0 })
            {
                if (service is not null)
                {
                    indices.AddRange(Enumerable.Range(service.FirstAction, service.ActionCount));
                }
                else
                {
                    unknownServices.Add(prefix);
                }

                continue;
            }

            for (var i = 0; i < permission.Actions.Count; i++)
            {
                var name = permission.Actions[i];

                // Most names are plain actions of a known service: one lookup, no pattern.
                if (service is not null && name.AsSpan().IndexOfAny('*', '?') < 0 && FindInService(catalog, service, name) is { } index)
                {
                    indices.Add(index);
                    continue;
                }

                var fullName = prefix + ":" + name.ToLowerInvariant();
                var pattern = ActionPattern.Parse(fullName);
                var before = indices.Count;
                catalog.MatchIndices(pattern, indices);
                if (indices.Count > before)
                {
                    continue;
                }

                if (!pattern.HasWildcard)
                {
                    unknownActions.Add(fullName);
                }

                if (known)
                {
                    warnings.Add(new RefinementWarning(
                        RefinementWarningCodes.UnknownAction,
                        pattern.HasWildcard
                            ? $"The unused action pattern '{permission.ServiceNamespace}:{permission.Actions[i]}' matches no action in the catalog."
                            : $"The unused action '{permission.ServiceNamespace}:{permission.Actions[i]}' is not in the action catalog; a policy entry naming it exactly is still removed.",
                        JsonPath.Item(path + ".actions", i)));
                }
            }
        }

        indices.Sort();
        var distinct = new List<int>(indices.Count);
        foreach (var index in indices)
        {
            if (distinct.Count == 0 || distinct[^1] != index)
            {
                distinct.Add(index);
            }
        }

        return new UnusedActionSet([.. distinct], [.. unknownActions], [.. unknownServices], warnings);
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

        return new UnusedActionSet(indices, [.. unknownActions], [.. unknownServices], []);
    }

    private bool HasUnknownServiceOf(string action) => Array.BinarySearch(UnknownServices, ServiceOf(action), StringComparer.Ordinal) >= 0;

    private static string ServiceOf(string action) => action[..Math.Max(0, action.IndexOf(':', StringComparison.Ordinal))];

    /// <summary>The catalog index of <paramref name="name"/> (any case) among <paramref name="service"/>'s actions, if there.</summary>
    private static int? FindInService(ActionCatalog catalog, CatalogService service, string name)
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

    /// <summary>Whether the catalog action at <paramref name="index"/> is unused.</summary>
    public bool Contains(int index) => SortedIndices.Contains(Indices, index);

    /// <summary>Whether an unused action the catalog lacks starts with the lower-case <paramref name="prefix"/>.</summary>
    internal bool HasUnknownStartingWith(ReadOnlySpan<char> prefix)
    {
        var (start, end) = SortedStrings.PrefixRange(UnknownActions, prefix, 0, UnknownActions.Length);
        return end > start;
    }
}
