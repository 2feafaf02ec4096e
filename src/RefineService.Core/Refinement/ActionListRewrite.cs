using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>
/// An Allow statement's <c>NotAction</c> list written as the <c>Action</c> list of the catalog actions it allows, exactly
/// those, for a split that cannot cut the <c>NotAction</c> list. The written list no longer allows what AWS adds later,
/// and never allows a name the <c>NotAction</c> list excludes: in prefix mode no entry may match one at all; in compact
/// mode a pattern with <c>*</c> inside may match a future name an excluded pattern would have caught (compact mode's own
/// trade-off), never an excluded name.
/// </summary>
internal static class ActionListRewrite
{
    /// <summary>The statement with its <c>NotAction</c> list written as an <c>Action</c> list in <paramref name="mode"/>; null when it allows no catalog action.</summary>
    public static PolicyStatement? For(ActionCatalog catalog, PolicyStatement statement, WildcardMode mode, CancellationToken cancellationToken)
    {
        // An excluded literal or prefix that matches catalog actions keeps every prefix over its names unsafe already (the
        // trie's catalog check), so only the other excluded entries are checked, against every name a prefix may start.
        var excluded = new List<int>();
        var unknown = new List<ActionPattern>();
        foreach (var entry in statement.Entries)
        {
            var pattern = ActionPattern.Parse(entry);
            var before = excluded.Count;
            catalog.MatchIndices(pattern, excluded);
            var prefixOnly = pattern.LiteralPrefixLength >= pattern.Lowered.Length - 1 && pattern.Lowered.AsSpan(pattern.LiteralPrefixLength).IndexOf('?') < 0;
            if (!prefixOnly || excluded.Count == before)
            {
                unknown.Add(pattern);
            }
        }

        excluded.Sort();
        var allowed = SortedIndices.Except([.. Enumerable.Range(0, catalog.Count)], [.. excluded.Distinct()]);
        if (allowed.Length == 0)
        {
            return null;
        }

        Func<string, bool>? avoid = unknown.Count == 0 ? null : prefix => unknown.Exists(p => p.CanMatchNameStartingWith(prefix));
        var entries = mode == WildcardMode.None
            ? PrefixTrie.FullNames(catalog, allowed)
            : PrefixTrie.ShortestSafePrefixes(catalog, allowed, allowed, avoid, diagram: null, cancellationToken, mode == WildcardMode.Compact);

        // Compact mode's cover avoids names, not patterns: it runs when every excluded name the catalog lacks is a literal
        // or lies in a service the catalog lacks (its patterns stay within one known service).
        if (mode == WildcardMode.Compact && unknown.TrueForAll(p => !p.HasWildcard || OfUnknownService(catalog, p)))
        {
            var names = unknown.Where(p => !p.HasWildcard).Select(p => p.Lowered).Distinct().Order(StringComparer.Ordinal).ToArray();
            entries = WildcardCover.Shrink(catalog, allowed, allowed, entries, names, cancellationToken);
        }

        return statement.AsAction(entries);
    }

    // A pattern whose service is written out and is not in the catalog.
    private static bool OfUnknownService(ActionCatalog catalog, ActionPattern pattern)
    {
        var colon = pattern.LiteralPrefix.IndexOf(':');
        return colon > 0 && !catalog.TryGetService(pattern.LiteralPrefix[..colon], out _);
    }
}
