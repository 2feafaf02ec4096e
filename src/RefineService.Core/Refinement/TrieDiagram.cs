using System.Text;

namespace RefineService.Core.Refinement;

/// <summary>Records the trie nodes a refinement visits and writes them as a Mermaid flowchart, as in the seed article's figure.</summary>
internal sealed class TrieDiagram
{
    private readonly List<TrieNode> _nodes = [];
    private readonly Dictionary<string, int> _byPrefix = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds (once) the node for <paramref name="prefix"/> under <paramref name="parent"/>; returns its id.</summary>
    public int Visit(string prefix, int parent, bool safe, string? emitted)
    {
        if (!_byPrefix.TryGetValue(prefix, out var id))
        {
            id = _nodes.Count;
            _byPrefix.Add(prefix, id);
            _nodes.Add(new TrieNode(prefix, parent, safe));
        }

        if (emitted is not null)
        {
            _nodes[id] = _nodes[id] with { Emitted = emitted };
        }

        return id;
    }

    /// <summary>Marks an unsafe node whose action is listed in full.</summary>
    public void MarkEmitted(int id, string entry)
    {
        if (id >= 0)
        {
            _nodes[id] = _nodes[id] with { Emitted = entry };
        }
    }

    /// <summary>Replaces what each node that wrote an entry says it wrote by <paramref name="written"/> of that entry (null: nothing), as when compact mode's cover rewrites a statement's entries.</summary>
    public void Rewrite(Func<string, string?> written)
    {
        for (var id = 0; id < _nodes.Count; id++)
        {
            if (_nodes[id].Emitted is { } entry)
            {
                _nodes[id] = _nodes[id] with { Emitted = written(entry) };
            }
        }
    }

    /// <summary>The nodes visited, in the order first visited; each parent comes before its children.</summary>
    public IReadOnlyList<TrieNode> Nodes => _nodes;

    public string ToMermaid()
    {
        var text = new StringBuilder("flowchart LR\n");
        for (var id = 0; id < _nodes.Count; id++)
        {
            var node = _nodes[id];
            var label = node.Emitted is null ? node.Prefix : $"{node.Prefix} ⇒ {node.Emitted}";
            text.Append("  n").Append(id).Append("[\"").Append(label.Replace("\"", "#quot;", StringComparison.Ordinal)).Append("\"]:::")
                .Append(node.Safe ? "safe" : "unsafe").Append('\n');
            if (node.Emitted is not null)
            {
                text.Append("  class n").Append(id).Append(" emitted\n");
            }
        }

        for (var id = 0; id < _nodes.Count; id++)
        {
            if (_nodes[id].Parent >= 0)
            {
                text.Append("  n").Append(_nodes[id].Parent).Append(" --> n").Append(id).Append('\n');
            }
        }

        text.Append("  classDef safe fill:#d9f2d9,stroke:#2e7d32\n")
            .Append("  classDef unsafe fill:#ffe0b2,stroke:#ef6c00\n")
            .Append("  classDef emitted stroke-width:3px,font-weight:bold\n");
        return text.ToString();
    }
}
