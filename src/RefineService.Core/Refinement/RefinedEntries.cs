using System.Text.Json.Nodes;

namespace RefineService.Core.Refinement;

/// <summary>The entries of one <c>Action</c> or <c>NotAction</c> being rewritten, with what was removed, added and replaced.</summary>
internal sealed class RefinedEntries
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The entries written back, in order, each once.</summary>
    public List<JsonNode> Entries { get; } = [];

    public List<string> Removed { get; } = [];

    public List<string> Added { get; } = [];

    public List<EntryReplacement> Replaced { get; } = [];

    /// <summary>Keeps an original entry as it is written; a repeat of an earlier entry is dropped.</summary>
    public void Keep(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && !_seen.Add(text))
        {
            Removed.Add(text);
            return;
        }

        Entries.Add(node?.DeepClone()!);
    }

    public void Remove(string entry) => Removed.Add(entry);

    /// <summary>Puts <paramref name="replacements"/> where <paramref name="entry"/> stood.</summary>
    public void Replace(string entry, IReadOnlyList<string> replacements, string? trie)
    {
        Removed.Add(entry);
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
                Added.Add(entry);
                added.Add(entry);
            }
        }

        return added;
    }
}
