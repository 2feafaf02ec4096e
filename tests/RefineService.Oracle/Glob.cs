using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RefineService.Oracle;

/// <summary>IAM's matching of an action pattern (<c>*</c> any run, <c>?</c> one character, case-insensitive), written from IAM's documentation alone.</summary>
public static class Glob
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static bool IsMatch(string pattern, string name) => ToRegex(pattern).IsMatch(name);

    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Marks the catalog actions <paramref name="pattern"/> matches: by binary search for a literal or a plain <c>prefix*</c>, by regular expression otherwise.</summary>
    public static void Mark(OracleCatalog catalog, string pattern, bool[] matched)
    {
        var lower = pattern.ToLowerInvariant();
        var wildcard = lower.AsSpan().IndexOfAny('*', '?');
        if (wildcard < 0)
        {
            if (catalog.IndexOf(lower) is var at and >= 0)
            {
                matched[at] = true;
            }

            return;
        }

        if (wildcard == lower.Length - 1 && lower[^1] == '*')
        {
            foreach (var i in catalog.StartingWith(lower[..^1]))
            {
                matched[i] = true;
            }

            return;
        }

        var regex = ToRegex(lower);
        for (var i = 0; i < catalog.Count; i++)
        {
            matched[i] |= regex.IsMatch(catalog.Names[i]);
        }
    }

    /// <summary>Whether <paramref name="pattern"/> matches some name that starts with <paramref name="prefix"/>: the pattern run as a set of positions over the prefix.</summary>
    public static bool CanMatchSomethingStartingWith(string pattern, string prefix)
    {
        var p = pattern.ToLowerInvariant();
        var states = Close(p, [0]);
        foreach (var c in prefix.ToLowerInvariant())
        {
            var next = new HashSet<int>();
            foreach (var s in states.Where(s => s < p.Length))
            {
                if (p[s] == '*')
                {
                    next.Add(s);
                }
                else if (p[s] == '?' || p[s] == c)
                {
                    next.Add(s + 1);
                }
            }

            states = Close(p, next);
            if (states.Count == 0)
            {
                return false;
            }
        }

        return states.Count > 0;
    }

    // Every position reachable by letting a star match nothing.
    private static HashSet<int> Close(string pattern, IEnumerable<int> states)
    {
        var closed = new HashSet<int>(states);
        var work = new Stack<int>(closed);
        while (work.TryPop(out var s))
        {
            if (s < pattern.Length && pattern[s] == '*' && closed.Add(s + 1))
            {
                work.Push(s + 1);
            }
        }

        return closed;
    }

    private static Regex ToRegex(string pattern) => Cache.GetOrAdd(pattern, p => new Regex(
        "^" + string.Concat(p.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) })) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline));
}
