using System.Buffers;
using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>The catalog actions a policy's Allow statements allow, as a set over catalog indices.</summary>
internal sealed class AllowedActions : IDisposable
{
    private readonly bool[] _allowed;
    private readonly List<int> _indices = [];

    public AllowedActions(int catalogSize)
    {
        _allowed = ArrayPool<bool>.Shared.Rent(catalogSize);
        Array.Clear(_allowed, 0, catalogSize);
        CatalogSize = catalogSize;
    }

    public int CatalogSize { get; }

    /// <summary>How many actions are allowed.</summary>
    public int Count => _indices.Count;

    /// <summary>The allowed actions, in the order they were first allowed.</summary>
    public IReadOnlyList<int> Indices => _indices;

    public bool Contains(int index) => _allowed[index];

    public void Add(int index)
    {
        if (!_allowed[index])
        {
            _allowed[index] = true;
            _indices.Add(index);
        }
    }

    public void AddAll(ReadOnlySpan<int> indices)
    {
        foreach (var index in indices)
        {
            Add(index);
        }
    }

    /// <summary>Allows every action except <paramref name="excluded"/> (ascending), as a NotAction statement does.</summary>
    public void AddAllExcept(ReadOnlySpan<int> excluded)
    {
        var next = 0;
        for (var index = 0; index < CatalogSize; index++)
        {
            if (next < excluded.Length && excluded[next] == index)
            {
                next++;
                continue;
            }

            Add(index);
        }
    }

    public void Dispose() => ArrayPool<bool>.Shared.Return(_allowed);
}
