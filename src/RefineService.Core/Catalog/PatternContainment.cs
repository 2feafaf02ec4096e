namespace RefineService.Core.Catalog;

/// <summary>
/// Whether one action pattern covers another for every possible action name, not only the catalog's: the names
/// <c>a:ListTraining*</c> matches include all those <c>a:ListTrainingJobs*</c> matches. Used to drop entries of a statement
/// that another entry of it already allows, which is safe for actions the catalog lacks and for those AWS adds later.
/// </summary>
/// <remarks>
/// The common shapes (a literal, <c>prefix*</c>) are decided by comparing text. Any other pair is decided exactly by
/// running the narrower pattern's automaton against the subset automaton of the wider one over the characters either
/// holds plus one that stands for every other character, looking for a name the narrower matches and the wider does not.
/// That search is bounded: past <see cref="MaxStates"/> states it answers "not covered", which keeps an entry that may
/// have been redundant and never drops one that was not.
/// </remarks>
internal static class PatternContainment
{
    /// <summary>The most states the exact search explores before it gives up and answers "not covered".</summary>
    public const int MaxStates = 20_000;

    // Stands for every character neither pattern holds; no action name can hold it.
    private const char Other = '\0';

    /// <summary>Whether every name <paramref name="narrower"/> matches is matched by <paramref name="wider"/>.</summary>
    public static bool Covers(ActionPattern wider, ActionPattern narrower)
    {
        var w = wider.Lowered;
        var n = narrower.Lowered;
        if (w == "*" || w == n)
        {
            return true;
        }

        if (!narrower.HasWildcard)
        {
            return wider.IsMatchLowered(n);
        }

        // A pattern with a wildcard matches names that differ right after its literal prefix and right before its
        // literal suffix, so the wider pattern's literal prefix and suffix must be those of the narrower.
        if (!wider.HasWildcard
            || !n.AsSpan(0, narrower.LiteralPrefixLength).StartsWith(wider.LiteralPrefix)
            || !LiteralSuffix(narrower).EndsWith(LiteralSuffix(wider)))
        {
            return false;
        }

        if (IsPlainPrefix(wider) && IsPlainPrefix(narrower))
        {
            return true;
        }

        return Search(w, n);
    }

    private static bool IsPlainPrefix(ActionPattern pattern) => pattern.LiteralPrefixLength == pattern.Lowered.Length - 1 && pattern.Lowered[^1] == '*';

    private static ReadOnlySpan<char> LiteralSuffix(ActionPattern pattern)
    {
        var last = pattern.Lowered.AsSpan().LastIndexOfAny('*', '?');
        return last < 0 ? pattern.Lowered : pattern.Lowered.AsSpan(last + 1);
    }

    // Breadth-first over (position in the narrower pattern, set of positions in the wider one).
    private static bool Search(string wider, string narrower)
    {
        var alphabet = new HashSet<char>(wider.Length + narrower.Length + 1) { Other };
        foreach (var c in wider + narrower)
        {
            if (c is not ('*' or '?'))
            {
                alphabet.Add(c);
            }
        }

        var seen = new HashSet<(int, string)>();
        var work = new Queue<(int Narrow, bool[] Wide)>();
        var startWide = Close(wider, [0]);
        foreach (var start in Reached(Close(narrower, [0])))
        {
            if (seen.Add((start, Key(startWide))))
            {
                work.Enqueue((start, startWide));
            }
        }

        var next = new List<int>();
        while (work.TryDequeue(out var state))
        {
            if (state.Narrow == narrower.Length && !state.Wide[wider.Length])
            {
                return false;
            }

            foreach (var c in alphabet)
            {
                if (!Step(narrower, state.Narrow, c, out var narrowNext))
                {
                    continue;
                }

                next.Clear();
                for (var i = 0; i < wider.Length; i++)
                {
                    if (state.Wide[i] && (wider[i] == '*' || wider[i] == '?' || wider[i] == c))
                    {
                        next.Add(wider[i] == '*' ? i : i + 1);
                    }
                }

                var wide = Close(wider, next);
                foreach (var narrow in Reached(Close(narrower, [narrowNext])))
                {
                    if (seen.Add((narrow, Key(wide))))
                    {
                        if (seen.Count > MaxStates)
                        {
                            return false;
                        }

                        work.Enqueue((narrow, wide));
                    }
                }
            }
        }

        return true;
    }

    // Where the narrower pattern goes from one position on one character; a star stays, as it can match more.
    private static bool Step(string pattern, int position, char c, out int next)
    {
        next = position;
        if (position == pattern.Length)
        {
            return false;
        }

        if (pattern[position] == '*')
        {
            return true;
        }

        next = position + 1;
        return pattern[position] == '?' || pattern[position] == c;
    }

    // The positions reached, with every position a star may skip to by matching nothing.
    private static bool[] Close(string pattern, IEnumerable<int> positions)
    {
        var reached = new bool[pattern.Length + 1];
        foreach (var start in positions)
        {
            for (var p = start; p <= pattern.Length && !reached[p]; p++)
            {
                reached[p] = true;
                if (p == pattern.Length || pattern[p] != '*')
                {
                    break;
                }
            }
        }

        return reached;
    }

    private static IEnumerable<int> Reached(bool[] positions) => Enumerable.Range(0, positions.Length).Where(i => positions[i]);

    private static string Key(bool[] positions) => string.Create(positions.Length, positions, static (span, p) =>
    {
        for (var i = 0; i < p.Length; i++)
        {
            span[i] = p[i] ? '1' : '0';
        }
    });
}
