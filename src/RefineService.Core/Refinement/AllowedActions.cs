using System.Buffers;
using System.Numerics;

namespace RefineService.Core.Refinement;

/// <summary>The catalog actions a policy's Allow statements allow, as a set over catalog indices.</summary>
/// <remarks>
/// One bit per catalog action (2.8 KB for 22,000 actions), rented from the shared pool and cleared for each refinement:
/// no list of indices, which for <c>"Action": "*"</c> would be a large-object allocation per refinement.
/// </remarks>
internal sealed class AllowedActions : IDisposable
{
    private readonly ulong[] _bits;
    private readonly int _words;

    public AllowedActions(int catalogSize)
    {
        _words = (catalogSize + 63) >> 6;
        _bits = ArrayPool<ulong>.Shared.Rent(_words);
        Array.Clear(_bits, 0, _words);
        CatalogSize = catalogSize;
    }

    public int CatalogSize { get; }

    /// <summary>How many actions are allowed.</summary>
    public int Count { get; private set; }

    public void Add(int index)
    {
        // A shift of a 64-bit value uses the low six bits of the count: 1UL << index is the index's bit in its word.
        ref var word = ref _bits[index >> 6];
        var bit = 1UL << index;
        if ((word & bit) == 0)
        {
            word |= bit;
            Count++;
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

    public bool Contains(int index) => (_bits[index >> 6] & (1UL << index)) != 0;

    /// <summary>The allowed actions, ascending.</summary>
    public IEnumerable<int> Indices()
    {
        for (var w = 0; w < _words; w++)
        {
            for (var rest = _bits[w]; rest != 0; rest &= rest - 1)
            {
                yield return (w << 6) + BitOperations.TrailingZeroCount(rest);
            }
        }
    }

    /// <summary>The actions allowed here and not in <paramref name="other"/>, ascending.</summary>
    public List<int> NotIn(AllowedActions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var indices = new List<int>();
        for (var w = 0; w < _words; w++)
        {
            for (var rest = _bits[w] & ~other._bits[w]; rest != 0; rest &= rest - 1)
            {
                indices.Add((w << 6) + BitOperations.TrailingZeroCount(rest));
            }
        }

        return indices;
    }

    public void Dispose() => ArrayPool<ulong>.Shared.Return(_bits);
}
