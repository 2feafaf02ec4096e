using System.Text.Json.Nodes;

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
    public List<JsonNode> Entries { get; } = [];

    /// <summary>The original entries that are not written back, in order (a repeated entry counts once for each time it was written); worked out on each call.</summary>
    public List<string> Removed => Except(_original, _written);

    /// <summary>The entries written back that the original did not hold, in order; worked out on each call.</summary>
    public List<string> Added => Except(_written, _original);

    public List<EntryReplacement> Replaced { get; } = [];

    /// <summary>Keeps an original entry as it is written; a repeat of an earlier entry is dropped.</summary>
    public void Keep(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            _original.Add(text);
            if (!_seen.Add(text))
            {
                return;
            }

            _written.Add(text);
        }

        Entries.Add(node?.DeepClone()!);
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
                Entries.Add(JsonValue.Create(entry));
                _written.Add(entry);
                added.Add(entry);
            }
        }

        return added;
    }

    // The items of `from` left after taking out one equal item (case-insensitively) for each item of `taken`.
    private static List<string> Except(List<string> from, List<string> taken)
    {
        var left = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in taken)
        {
            left[item] = left.GetValueOrDefault(item) + 1;
        }

        var result = new List<string>();
        foreach (var item in from)
        {
            if (left.TryGetValue(item, out var count) && count > 0)
            {
                left[item] = count - 1;
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }
}
