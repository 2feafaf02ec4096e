using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>Finds the shortest safe prefixes that allow exactly a set of catalog actions: the least general generalization.</summary>
/// <remarks>
/// The trie's nodes are the catalog's candidate prefixes (<see cref="ActionCatalog.CandidateLengths"/>); a node covers
/// the contiguous catalog range of actions starting with it. A node is safe when every action it covers is wanted and
/// no unknown action to avoid starts with it. Walking each wanted action's chain of nodes from the shortest, the first
/// safe node is a shortest safe prefix; it covers a contiguous run of the wanted actions, which are then skipped.
/// </remarks>
internal static class PrefixTrie
{
    /// <summary>Entries that cover every action of <paramref name="targets"/> and no catalog action outside <paramref name="permitted"/>.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="targets">The actions to cover, ascending catalog indices; a subset of <paramref name="permitted"/>.</param>
    /// <param name="permitted">The actions an entry may cover, ascending.</param>
    /// <param name="avoidUnknown">Tells, for a lower-case prefix, whether an action the catalog lacks that must not be covered starts with it.</param>
    /// <param name="diagram">Receives the nodes visited, when not null.</param>
    /// <param name="cancellationToken">Stops the walk between two emitted entries.</param>
    /// <param name="fewestCharacters">Whether each node is written as the shortest text that starts the same catalog actions (<see cref="WildcardMode.Compact"/>) rather than at its word boundary.</param>
    public static List<string> ShortestSafePrefixes(
        ActionCatalog catalog,
        ReadOnlySpan<int> targets,
        ReadOnlySpan<int> permitted,
        Func<string, bool>? avoidUnknown,
        TrieDiagram? diagram,
        CancellationToken cancellationToken,
        bool fewestCharacters = false)
    {
        var entries = new List<string>();

        // The nodes of the previous target's chain that are unsafe; targets come in catalog order, so the nodes still
        // holding the next target (its range contains it) are the first nodes of its own chain and need no new check.
        var path = new List<Node>();
        var i = 0;
        while (i < targets.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var action = targets[i];
            while (path.Count > 0 && (action < path[^1].Start || action >= path[^1].End))
            {
                path.RemoveAt(path.Count - 1);
            }

            var key = catalog.Key(action);
            var chain = catalog.CandidateLengths(action);
            var emitted = false;
            for (var c = path.Count; c < chain.Length; c++)
            {
                var length = chain[c];
                var (from, to) = path.Count > 0 ? (path[^1].Start, path[^1].End) : (0, catalog.Count);
                var (start, end) = catalog.PrefixRange(key.AsSpan(0, length), from, to);
                var safe = SortedIndices.ContainsRange(permitted, start, end)
                    && (avoidUnknown is null || !avoidUnknown(key[..length]));
                var entry = !safe ? null
                    : fewestCharacters ? FewestCharacters(catalog, action, length, start, end, avoidUnknown)
                    : EntryFor(catalog, action, length, start, end);
                var id = diagram?.Visit(CanonicalPrefix(catalog, action, length), path.Count > 0 ? path[^1].DiagramId : -1, safe, entry) ?? -1;
                if (safe)
                {
                    entries.Add(entry!);
                    i = SortedIndices.LowerBound(targets, end);
                    emitted = true;
                    break;
                }

                path.Add(new Node(start, end, id));
            }

            if (!emitted)
            {
                // No safe node: the action is wanted but a longer, unwanted action starts with its name, so list it exactly.
                var full = catalog[action].FullName;
                diagram?.MarkEmitted(path.Count > 0 ? path[^1].DiagramId : -1, full);
                entries.Add(full);
                i++;
            }
        }

        return entries;
    }

    /// <summary>Every wanted action in full.</summary>
    public static List<string> FullNames(ActionCatalog catalog, ReadOnlySpan<int> wanted)
    {
        var entries = new List<string>(wanted.Length);
        foreach (var action in wanted)
        {
            entries.Add(catalog[action].FullName);
        }

        return entries;
    }

    /// <summary>An unsafe node on the way to the current target: its catalog range and its id in the diagram.</summary>
    private readonly record struct Node(int Start, int End, int DiagramId);

    private static string EntryFor(ActionCatalog catalog, int action, int length, int start, int end) =>
        end - start == 1 ? catalog[start].FullName : CanonicalPrefix(catalog, action, length) + "*";

    /// <summary>
    /// The shortest entry that matches exactly the catalog actions <c>[start, end)</c> of a safe node: the node's text cut
    /// just past where it parts from the catalog's neighbours of the range (the keys are sorted, so those two are the
    /// nearest), kept within its service and lengthened while it would cover an unknown action to avoid.
    /// </summary>
    private static string FewestCharacters(ActionCatalog catalog, int action, int length, int start, int end, Func<string, bool>? avoidUnknown)
    {
        var key = catalog.Key(action);
        var serviceLength = catalog[action].ServicePrefix.Length + 1;
        var cut = serviceLength;
        if (start > 0)
        {
            cut = Math.Max(cut, 1 + CommonLength(catalog.Key(start - 1), key));
        }

        if (end < catalog.Count)
        {
            cut = Math.Max(cut, 1 + CommonLength(catalog.Key(end), key));
        }

        while (cut < length && avoidUnknown is not null && avoidUnknown(key[..cut]))
        {
            cut++;
        }

        var full = catalog[start].FullName;
        return end - start == 1 && cut + 1 >= full.Length
            ? full
            : CanonicalPrefix(catalog, action, Math.Min(cut, length)) + "*";
    }

    private static int CommonLength(string a, string b) => a.AsSpan().CommonPrefixLength(b);

    private static string CanonicalPrefix(ActionCatalog catalog, int action, int length)
    {
        var entry = catalog[action];
        var serviceLength = entry.ServicePrefix.Length + 1;
        return length <= serviceLength
            ? entry.ServicePrefix + ":"
            : entry.ServicePrefix + ":" + entry.Name[..(length - serviceLength)];
    }
}
