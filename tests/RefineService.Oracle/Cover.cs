namespace RefineService.Oracle;

/// <summary>
/// Whether one IAM pattern covers another for every name, not only the catalog's, decided from the patterns alone: a
/// depth-first walk over the names the narrower pattern spells, one character at a time from the characters either
/// pattern holds plus one neither holds, keeping the positions the wider pattern can be at, until a name the narrower
/// matches and the wider does not is found.
/// </summary>
public static class Cover
{
    private const char Elsewhere = '#';

    public static bool Covers(string wider, string narrower)
    {
        var w = wider.ToLowerInvariant();
        var n = narrower.ToLowerInvariant();

        // Quick refusal: a name the narrower matches may differ from the wider's text right after the narrower's literal
        // start (or be that start alone), so the wider's literal start must begin the narrower's; likewise at the end.
        if (!Literal(n, fromEnd: false).StartsWith(Literal(w, fromEnd: false), StringComparison.Ordinal)
            || !Literal(n, fromEnd: true).EndsWith(Literal(w, fromEnd: true), StringComparison.Ordinal))
        {
            return false;
        }

        var letters = (w + n).Where(c => c is not ('*' or '?')).Append(Elsewhere).Distinct().ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(SortedSet<int> Narrow, SortedSet<int> Wide)>();
        stack.Push((Epsilon(n, [0]), Epsilon(w, [0])));
        while (stack.Count > 0)
        {
            var (narrow, wide) = stack.Pop();
            if (!visited.Add(string.Join(',', narrow) + "|" + string.Join(',', wide)))
            {
                continue;
            }

            if (narrow.Contains(n.Length) && !wide.Contains(w.Length))
            {
                return false;
            }

            foreach (var letter in letters)
            {
                var narrowNext = Epsilon(n, Advance(n, narrow, letter));
                if (narrowNext.Count > 0)
                {
                    stack.Push((narrowNext, Epsilon(w, Advance(w, wide, letter))));
                }
            }
        }

        return true;
    }

    private static string Literal(string pattern, bool fromEnd)
    {
        var wildcards = pattern.Select((c, i) => (c, i)).Where(p => p.c is '*' or '?').Select(p => p.i).ToList();
        return wildcards.Count == 0 ? pattern : fromEnd ? pattern[(wildcards[^1] + 1)..] : pattern[..wildcards[0]];
    }

    private static IEnumerable<int> Advance(string pattern, IEnumerable<int> positions, char letter) =>
        positions.Where(p => p < pattern.Length).SelectMany(p => pattern[p] switch
        {
            '*' => new[] { p },
            '?' => [p + 1],
            var c when c == letter => [p + 1],
            _ => [],
        });

    private static SortedSet<int> Epsilon(string pattern, IEnumerable<int> positions)
    {
        var set = new SortedSet<int>(positions);
        foreach (var p in set.ToList())
        {
            for (var q = p; q < pattern.Length && pattern[q] == '*'; q++)
            {
                set.Add(q + 1);
            }
        }

        return set;
    }
}
