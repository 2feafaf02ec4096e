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
    public static List<string> ShortestSafePrefixes(
        ActionCatalog catalog,
        ReadOnlySpan<int> targets,
        ReadOnlySpan<int> permitted,
        Func<string, bool>? avoidUnknown,
        TrieDiagram? diagram,
        CancellationToken cancellationToken)
    {
        var entries = new List<string>();
        var i = 0;
        while (i < targets.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var action = targets[i];
            var key = catalog.Key(action);
            var emitted = false;
            var parent = -1;
            foreach (var length in catalog.CandidateLengths(action))
            {
                var (start, end) = catalog.PrefixRange(key.AsSpan(0, length));
                var safe = SortedIndices.ContainsRange(permitted, start, end)
                    && (avoidUnknown is null || !avoidUnknown(key[..length]));
                var entry = safe ? EntryFor(catalog, action, length, start, end) : null;
                parent = diagram?.Visit(CanonicalPrefix(catalog, action, length), parent, safe, entry) ?? -1;
                if (safe)
                {
                    entries.Add(entry!);
                    i = SortedIndices.LowerBound(targets, end);
                    emitted = true;
                    break;
                }
            }

            if (!emitted)
            {
                // No safe node: the action is wanted but a longer, unwanted action starts with its name, so list it exactly.
                var full = catalog[action].FullName;
                diagram?.MarkEmitted(parent, full);
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

    private static string EntryFor(ActionCatalog catalog, int action, int length, int start, int end) =>
        end - start == 1 ? catalog[start].FullName : CanonicalPrefix(catalog, action, length) + "*";

    private static string CanonicalPrefix(ActionCatalog catalog, int action, int length)
    {
        var entry = catalog[action];
        var serviceLength = entry.ServicePrefix.Length + 1;
        return length <= serviceLength
            ? entry.ServicePrefix + ":"
            : entry.ServicePrefix + ":" + entry.Name[..(length - serviceLength)];
    }
}
