namespace RefineService.Core.Refinement;

/// <summary>
/// A list of lower-case names searched for the names a star pattern matches without trying the pattern on every name:
/// only the names that hold the pattern's longest literal part are tried.
/// </summary>
/// <remarks>
/// A name a pattern matches holds each of the pattern's literal parts, the longest among them. A long list (a large
/// service's actions) keeps, per three characters in a row, the names that hold them: the names holding a part of three
/// characters or more are among those of its rarest three. A short list, or a shorter part, is searched as one text,
/// each name between two newlines, with the runtime's vectorised search (a part holds no newline, so an occurrence lies
/// within one name). A pattern with no literal part tries every name.
/// </remarks>
internal sealed class NameBlock
{
    // Below this many characters a vectorised search of the whole text costs less than building the index.
    private const int IndexedFrom = 2_048;

    private readonly string[] _names;
    private readonly string _text;
    private readonly int[] _starts;
    private readonly Dictionary<long, List<int>>? _byTrigram;

    public NameBlock(string[] names)
    {
        _names = names;
        _text = "\n" + string.Join('\n', names) + "\n";
        _starts = new int[names.Length];
        var at = 1;
        for (var i = 0; i < names.Length; i++)
        {
            _starts[i] = at;
            at += names[i].Length + 1;
        }

        if (_text.Length < IndexedFrom)
        {
            return;
        }

        _byTrigram = [];
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            for (var c = 0; c + 3 <= name.Length; c++)
            {
                var key = Trigram(name.AsSpan(c));
                if (!_byTrigram.TryGetValue(key, out var holders))
                {
                    _byTrigram[key] = holders = [];
                }

                // Names come in order, so a name holding a trigram twice is listed once by looking at the last.
                if (holders.Count == 0 || holders[^1] != i)
                {
                    holders.Add(i);
                }
            }
        }
    }

    /// <summary>Whether the pattern matches any of the names.</summary>
    public bool AnyMatch(StarPattern pattern) => Next(pattern, 0) >= 0;

    /// <summary>The indices of the names the pattern matches, ascending.</summary>
    public int[] Matches(StarPattern pattern)
    {
        var matches = new List<int>();
        for (var next = Next(pattern, 0); next >= 0; next = Next(pattern, next + 1))
        {
            matches.Add(next);
        }

        return [.. matches];
    }

    private static long Trigram(ReadOnlySpan<char> text) => ((long)text[0] << 32) | ((long)text[1] << 16) | text[2];

    // The first name from the index `from` on that the pattern matches, or -1.
    private int Next(StarPattern pattern, int from)
    {
        var key = pattern.LongestPart;
        if (key.Length == 0)
        {
            for (var i = from; i < _names.Length; i++)
            {
                if (pattern.IsMatch(_names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        if (_byTrigram is not null && key.Length >= 3)
        {
            return NextIndexed(pattern, key, from);
        }

        while (from < _names.Length)
        {
            var found = _text.AsSpan(_starts[from]).IndexOf(key, StringComparison.Ordinal);
            if (found < 0)
            {
                return -1;
            }

            var position = _starts[from] + found;
            var name = Array.BinarySearch(_starts, position);
            name = name >= 0 ? name : ~name - 1;
            if (pattern.IsMatch(_names[name]))
            {
                return name;
            }

            from = name + 1;
        }

        return -1;
    }

    // The names holding the part's rarest three characters in a row, from `from` on, tried in order.
    private int NextIndexed(StarPattern pattern, string key, int from)
    {
        List<int>? rarest = null;
        for (var c = 0; c + 3 <= key.Length; c++)
        {
            if (!_byTrigram!.TryGetValue(Trigram(key.AsSpan(c)), out var holders))
            {
                return -1;
            }

            rarest = rarest is null || holders.Count < rarest.Count ? holders : rarest;
        }

        var at = rarest!.BinarySearch(from);
        for (var i = at >= 0 ? at : ~at; i < rarest.Count; i++)
        {
            if (pattern.IsMatch(_names[rarest[i]]))
            {
                return rarest[i];
            }
        }

        return -1;
    }
}
