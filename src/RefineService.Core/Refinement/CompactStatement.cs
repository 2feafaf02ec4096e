using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>
/// One statement's <c>Action</c> entries in compact mode, held until every entry is read, so that the replacements of
/// the whole statement are chosen together (<see cref="WildcardCover"/>): a pattern may then match the kept actions of
/// several replaced entries, and any action the statement still allows, never one it does not.
/// </summary>
internal sealed class CompactStatement
{
    private readonly List<Step> _steps = [];
    private readonly List<int> _keptAsWritten = [];
    private readonly List<int> _wanted = [];

    /// <summary>An original entry kept as written, with the catalog actions it matches (ascending).</summary>
    public void Keep(string entry, ReadOnlySpan<int> matched)
    {
        _steps.Add(new Step(entry, Kept: null, Replacements: null, Trie: null, Removed: false));
        _keptAsWritten.AddRange(matched);
    }

    public void Remove(string entry) => _steps.Add(new Step(entry, Kept: null, Replacements: null, Trie: null, Removed: true));

    /// <summary>An original entry to replace: the catalog actions of it still wanted (ascending) and its compact prefix replacements.</summary>
    public void Replace(string entry, int[] kept, List<string> replacements, TrieDiagram? trie)
    {
        _steps.Add(new Step(entry, kept, replacements, trie, Removed: false));
        _wanted.AddRange(kept);
    }

    /// <summary>Writes the entries in their original order, each replaced entry followed by the chosen patterns that match its kept actions.</summary>
    public void WriteTo(RefinedEntries refined, ActionCatalog catalog, string[] avoid, CancellationToken cancellationToken)
    {
        var chosen = Choose(catalog, avoid, cancellationToken);
        foreach (var step in _steps)
        {
            if (step.Removed)
            {
                refined.Remove(step.Entry);
            }
            else if (step.Kept is null)
            {
                refined.Keep(step.Entry);
            }
            else
            {
                // The trie walked the prefixes; it is shown with what the cover wrote in their place.
                step.Trie?.Rewrite(prefix => Written(catalog, chosen, prefix, step.Kept));
                refined.Replace(step.Entry, [.. chosen.Where(c => SortedIndices.Intersects(c.Matches, step.Kept)).Select(c => c.Entry)], step.Trie);
            }
        }
    }

    private List<(string Entry, int[] Matches)> Choose(ActionCatalog catalog, string[] avoid, CancellationToken cancellationToken)
    {
        if (_wanted.Count == 0)
        {
            return [];
        }

        var asWritten = Sorted(_keptAsWritten);
        var wanted = Sorted(_wanted);
        var prefixes = _steps.Where(s => s.Replacements is not null).SelectMany(s => s.Replacements!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var entries = WildcardCover.Shrink(
            catalog,
            SortedIndices.Except(wanted, asWritten),
            SortedIndices.Union(wanted, asWritten),
            prefixes,
            avoid,
            cancellationToken);

        var matches = new List<int>();
        var chosen = new List<(string, int[])>(entries.Count);
        foreach (var entry in entries)
        {
            matches.Clear();
            catalog.MatchIndices(ActionPattern.Parse(entry), matches);
            chosen.Add((entry, [.. matches]));
        }

        return chosen;
    }

    /// <summary>
    /// What the statement writes for the kept actions a prefix node of the trie covered: the chosen patterns that match
    /// any of them, in the order chosen; null when the entries kept as written cover them all.
    /// </summary>
    private static string? Written(ActionCatalog catalog, List<(string Entry, int[] Matches)> chosen, string prefixEntry, int[] kept)
    {
        var matches = new List<int>();
        catalog.MatchIndices(ActionPattern.Parse(prefixEntry), matches);
        matches.Sort();
        var covered = SortedIndices.Intersect([.. matches], kept);
        var written = chosen.Where(c => SortedIndices.Intersects(c.Matches, covered)).Select(c => c.Entry).ToList();
        return written.Count == 0 ? null : string.Join(", ", written);
    }

    private static int[] Sorted(List<int> indices)
    {
        indices.Sort();
        return [.. indices.Distinct()];
    }

    private sealed record Step(string Entry, int[]? Kept, List<string>? Replacements, TrieDiagram? Trie, bool Removed);
}
