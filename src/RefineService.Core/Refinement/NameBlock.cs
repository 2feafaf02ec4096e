namespace RefineService.Core.Refinement;

/// <summary>
/// A list of lower-case names kept as one text, each name between two newlines, so that which names a star pattern
/// matches is found with the runtime's vectorised search rather than by trying the pattern on every name.
/// </summary>
/// <remarks>
/// A name a pattern matches holds each of the pattern's literal parts, the longest among them: its occurrences in the text
/// (never across a newline, which no part holds) are the only names to try. A pattern with no literal part tries them all.
/// </remarks>
internal sealed class NameBlock
{
    private readonly string[] _names;
    private readonly string _text;
    private readonly int[] _starts;

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
}
