using RefineService.Core.Policies;

namespace RefineService.Core.Diff;

/// <summary>
/// Gives every distinct line of the texts it is shown an id, the same for the same text in either: the diff then compares
/// numbers. Lines are kept as places in their text, never copied into strings of their own.
/// </summary>
internal sealed class LineIds
{
    // Open addressing over the lines' hashes; each slot holds an id + 1 (0: empty). The first line seen with an id stands for it.
    private int[] _slots = new int[64];
    private readonly List<(int Hash, PooledBuffer<char> Source, int Start, int Length)> _first = [];

    /// <summary>How many distinct lines have been seen.</summary>
    public int Count => _first.Count;

    /// <summary>The lines of the text in <paramref name="source"/> (none for empty text), each with its id.</summary>
    /// <remarks>The text must stay unchanged while this object is used.</remarks>
    public Line[] Lines(PooledBuffer<char> source)
    {
        var text = source.WrittenSpan;
        if (text.IsEmpty)
        {
            return [];
        }

        var lines = new Line[text.Count('\n') + 1];
        _first.Capacity = Math.Max(_first.Capacity, _first.Count + lines.Length);
        var start = 0;
        for (var n = 0; n < lines.Length; n++)
        {
            var end = text[start..].IndexOf('\n');
            end = end < 0 ? text.Length : start + end;
            lines[n] = new Line(IdOf(source, start, end - start), start, end - start);
            start = end + 1;
        }

        return lines;
    }

    private int IdOf(PooledBuffer<char> source, int start, int length)
    {
        var line = source.WrittenSpan.Slice(start, length);
        var hash = string.GetHashCode(line);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                _slots[slot] = _first.Count + 1;
                _first.Add((hash, source, start, length));
                if (2 * _first.Count > _slots.Length)
                {
                    Grow();
                }

                return _first.Count - 1;
            }

            var (firstHash, firstSource, firstStart, firstLength) = _first[entry - 1];
            if (firstHash == hash && firstLength == length && firstSource.WrittenSpan.Slice(firstStart, firstLength).SequenceEqual(line))
            {
                return entry - 1;
            }
        }
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var id = 0; id < _first.Count; id++)
        {
            var slot = _first[id].Hash & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = id + 1;
        }
    }

    /// <summary>A line: its id, and where it is in its text.</summary>
    internal readonly record struct Line(int Id, int Start, int Length);
}
