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

    /// <summary>The entries written back, in order, each once.</summary>
    public List<string> Entries { get; } = [];

    /// <summary>The original entries that are not written back, in order (a repeated entry counts once for each time it was written); worked out on each call.</summary>
    public List<string> Removed => OriginalNotWritten();

    /// <summary>The entries written back that the original did not hold, in order; worked out on each call.</summary>
    public List<string> Added => WrittenNotOriginal();

    public List<EntryReplacement> Replaced { get; } = [];

    /// <summary>Keeps an original entry as it is written; a repeat of an earlier entry is dropped.</summary>
    public void Keep(string entry)
    {
        _original.Add(entry);
        if (_seen.Add(entry))
        {
            _written.Add(entry);
            Entries.Add(entry);
        }
    }

    public void Remove(string entry) => _original.Add(entry);

    /// <summary>Puts <paramref name="replacements"/> where <paramref name="entry"/> stood.</summary>
    public void Replace(string entry, IReadOnlyList<string> replacements, string? trie)
    {
        _original.Add(entry);
        var added = AddNew(replacements);
        Replaced.Add(new EntryReplacement(entry, added, trie));
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
                added.Add(entry);
            }
        }

        return added;
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
