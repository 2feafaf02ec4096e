using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>The entries of one <c>Action</c> or <c>NotAction</c> being rewritten, with what was removed, added and replaced.</summary>
/// <remarks>
/// What was removed and added is the difference of the two lists, not the story of how one became the other: an original
/// entry that a replacement writes again (<c>cloudwatch:*</c> beside a replaced <c>*</c>) is neither.
/// </remarks>
internal sealed class RefinedEntries
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _original = [];
    private readonly List<string> _written = [];

    // Whether each of Entries is an original entry kept as written (true) or one the refinement wrote (false).
    private readonly List<bool> _kept = [];

    // The With list of each of Replaced, to take out what is dropped as redundant.
    private readonly List<List<string>> _replacedWith = [];

    /// <summary>The entries written back, in order, each once.</summary>
    public List<string> Entries { get; } = [];

    /// <summary>The original entries that are not written back, in order (a repeated entry counts once for each time it was written); worked out on each call.</summary>
    public List<string> Removed => OriginalNotWritten();

    /// <summary>The entries written back that the original did not hold, in order; worked out on each call.</summary>
    public List<string> Added => WrittenNotOriginal();

    public List<EntryReplacement> Replaced { get; } = [];

    /// <summary>The entries dropped because another entry of the statement covers them, in order.</summary>
    public List<RedundantEntry> Redundant { get; } = [];

    /// <summary>Keeps an original entry as it is written; a repeat of an earlier entry is dropped.</summary>
    public void Keep(string entry)
    {
        _original.Add(entry);
        if (_seen.Add(entry))
        {
            _written.Add(entry);
            Entries.Add(entry);
            _kept.Add(true);
        }
    }

    public void Remove(string entry) => _original.Add(entry);

    /// <summary>Puts <paramref name="replacements"/> where <paramref name="entry"/> stood; <paramref name="trie"/>, when given, is the trie that chose them.</summary>
    public void Replace(string entry, IReadOnlyList<string> replacements, TrieDiagram? trie)
    {
        _original.Add(entry);
        var added = AddNew(replacements);
        _replacedWith.Add(added);
        Replaced.Add(new EntryReplacement(entry, added, trie?.ToMermaid(), trie?.Nodes));
    }

    /// <summary>Adds new entries after the existing ones.</summary>
    public void Append(IEnumerable<string> entries) => AddNew(entries);

    private List<string> AddNew(IEnumerable<string> entries)
    {
        var added = new List<string>();
        foreach (var entry in entries)
        {
            if (_seen.Add(entry))
            {
                Entries.Add(entry);
                _written.Add(entry);
                _kept.Add(false);
                added.Add(entry);
            }
        }

        return added;
    }

    /// <summary>
    /// Drops each entry the refinement wrote that another entry left in the statement covers as a pattern (for every action
    /// name, not only the catalog's); with <paramref name="originalsToo"/>, the original entries kept as written too.
    /// What the statement allows does not change, for any name.
    /// </summary>
    /// <remarks>
    /// An entry is dropped only for one that is still there when it is looked at, and covering is transitive, so every
    /// dropped entry is covered by one that stays, and no entry that stays and may be dropped is covered by another that stays.
    /// A wider pattern's literal prefix is a prefix of the narrower's, so only entries filed under a prefix of an entry's
    /// own literal prefix are compared with it.
    /// </remarks>
    public void DropRedundant(bool originalsToo)
    {
        if (!originalsToo && !_kept.Contains(false))
        {
            return;
        }

        var patterns = new ActionPattern[Entries.Count];
        var byLiteralPrefix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < patterns.Length; i++)
        {
            patterns[i] = ActionPattern.Parse(Entries[i]);
            var key = patterns[i].LiteralPrefix.ToString();
            if (!byLiteralPrefix.TryGetValue(key, out var filed))
            {
                byLiteralPrefix[key] = filed = [];
            }

            filed.Add(i);
        }

        // A pattern that covers another matches, among others, the other's shortest name (its wildcards taken as nothing, '?'
        // as a letter): a cheap test that spares most pairs the automaton of Covers.
        var shortest = Array.ConvertAll(patterns, p => p.Lowered.Replace("*", string.Empty, StringComparison.Ordinal).Replace('?', 'a'));
        var lookup = byLiteralPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        var dropped = new bool[patterns.Length];
        for (var i = 0; i < patterns.Length; i++)
        {
            if (_kept[i] && !originalsToo)
            {
                continue;
            }

            var literal = patterns[i].LiteralPrefix;
            for (var length = 0; length <= literal.Length && !dropped[i]; length++)
            {
                if (!lookup.TryGetValue(literal[..length], out var candidates))
                {
                    continue;
                }

                foreach (var j in candidates)
                {
                    if (j != i && !dropped[j] && patterns[j].IsMatchLowered(shortest[i]) && patterns[j].Covers(patterns[i]))
                    {
                        dropped[i] = true;
                        Redundant.Add(new RedundantEntry(Entries[i], Entries[j]));
                        break;
                    }
                }
            }
        }

        if (Redundant.Count == 0)
        {
            return;
        }

        var gone = new HashSet<string>(Redundant.Select(r => r.Entry), StringComparer.OrdinalIgnoreCase);
        var left = 0;
        for (var i = 0; i < Entries.Count; i++)
        {
            if (!dropped[i])
            {
                Entries[left] = Entries[i];
                _kept[left] = _kept[i];
                left++;
            }
        }

        Entries.RemoveRange(left, Entries.Count - left);
        _kept.RemoveRange(left, _kept.Count - left);
        _written.RemoveAll(gone.Contains);
        foreach (var with in _replacedWith)
        {
            with.RemoveAll(gone.Contains);
        }
    }

    /// <summary>The original entries that are not written back, in order (a repeated entry counts once for each time it was written); worked out on each call.</summary>
    private List<string> OriginalNotWritten()
    {
        // Counted over the original's few entries only: the written list can hold thousands (a replaced "*").
        var written = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _original)
        {
            written[entry] = 0;
        }

        foreach (var entry in _written)
        {
            if (written.TryGetValue(entry, out var count))
            {
                written[entry] = count + 1;
            }
        }

        return Take(_original, written);
    }

    /// <summary>The entries written back that the original did not hold, in order; worked out on each call.</summary>
    private List<string> WrittenNotOriginal()
    {
        var original = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _original)
        {
            original[entry] = original.GetValueOrDefault(entry) + 1;
        }

        return Take(_written, original);
    }

    // The items of `from` left after taking out one equal item for each one `available` still counts.
    private static List<string> Take(List<string> from, Dictionary<string, int> available)
    {
        var result = new List<string>();
        foreach (var item in from)
        {
            if (available.TryGetValue(item, out var count) && count > 0)
            {
                available[item] = count - 1;
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }
}
