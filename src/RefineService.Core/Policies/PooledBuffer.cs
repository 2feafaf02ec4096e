using System.Buffers;

namespace RefineService.Core.Policies;

/// <summary>A growing buffer of <typeparamref name="T"/> rented from the shared pool and returned on dispose: room for a document's text without leaving it to the garbage collector.</summary>
internal sealed class PooledBuffer<T> : IBufferWriter<T>, IDisposable
{
    private T[] _items;

    public PooledBuffer(int capacity) => _items = ArrayPool<T>.Shared.Rent(capacity);

    public int Count { get; private set; }

    public ReadOnlySpan<T> WrittenSpan => _items.AsSpan(0, Count);

    public void Advance(int count) => Count += count;

    public Memory<T> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _items.AsMemory(Count);
    }

    public Span<T> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _items.AsSpan(Count);
    }

    public void Dispose()
    {
        ArrayPool<T>.Shared.Return(_items);
        _items = [];
    }

    private void Reserve(int sizeHint)
    {
        var needed = Count + Math.Max(sizeHint, 1);
        if (needed <= _items.Length)
        {
            return;
        }

        var larger = ArrayPool<T>.Shared.Rent(Math.Max(needed, 2 * _items.Length));
        _items.AsSpan(0, Count).CopyTo(larger);
        ArrayPool<T>.Shared.Return(_items);
        _items = larger;
    }
}
