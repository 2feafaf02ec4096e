using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>
/// Rewrites a statement's compact prefix entries with <c>*</c> anywhere in the action name (<c>oam:*Link</c>,
/// <c>ec2:*Snapshot*</c>, <c>ec2:Describe*Attribute</c>) where that takes fewer characters, allowing exactly the same
/// catalog actions: every pattern it writes matches wanted or permitted actions of one service only, and no unknown
/// name to avoid.
/// </summary>
/// <remarks>
/// Per service, a weighted set cover. The elements are the service's wanted actions; the sets are its prefix entries and
/// candidates made of runs of each wanted name's words (<c>*Run*</c>, <c>*Suffix</c>, <c>Prefix*</c>, <c>Prefix*Suffix</c>)
/// that are safe: they match no catalog action of the service outside the permitted ones and no unknown name to avoid.
/// A set costs its characters in the document, quotes and comma included. The greedy rule takes the set that covers the
/// most new elements per character (within a factor of ln n of the best cover); each taken pattern is then cut, a
/// character at a time beside a wildcard, while it stays safe (a cut only matches more, so it still covers its elements,
/// and only more permitted actions); taken sets that others cover wholly are dropped, dearest first. A service keeps its
/// prefix entries where they are not longer. The cost is quadratic in a service's size at worst (EC2: about 700 actions).
/// </remarks>
internal static class WildcardCover
{
    private const int MaxRun = 3;

    /// <summary>Entries that cover every action of <paramref name="targets"/>, match no catalog action outside <paramref name="permitted"/> and no name of <paramref name="avoid"/>, in no more characters than <paramref name="prefixEntries"/>.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="targets">The actions to cover, ascending catalog indices.</param>
    /// <param name="permitted">The actions an entry may match, ascending; holds <paramref name="targets"/>.</param>
    /// <param name="prefixEntries">Compact prefix entries, each within one service, that cover the targets safely.</param>
    /// <param name="avoid">Lower-case full names the catalog lacks that no entry may match, ascending.</param>
    /// <param name="cancellationToken">Stops the work between two services.</param>
    public static List<string> Shrink(ActionCatalog catalog, ReadOnlySpan<int> targets, ReadOnlySpan<int> permitted, IReadOnlyList<string> prefixEntries, IReadOnlyList<string> avoid, CancellationToken cancellationToken)
    {
        var byService = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in prefixEntries)
        {
            var service = entry[..entry.IndexOf(':', StringComparison.Ordinal)];
            if (!byService.TryGetValue(service, out var list))
            {
                byService[service] = list = [];
            }

            list.Add(entry);
        }

        var result = new List<string>();
        var i = 0;
        while (i < targets.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = catalog[targets[i]];
            catalog.TryGetService(first.ServicePrefix, out var service);
            var end = service!.FirstAction + service.ActionCount;
            var j = i;
            while (j < targets.Length && targets[j] < end)
            {
                j++;
            }

            var entries = byService.GetValueOrDefault(service.Prefix) ?? [];
            byService.Remove(service.Prefix);
            result.AddRange(ShrinkService(catalog, service, targets[i..j], permitted, entries, avoid));
            i = j;
        }

        // A service none of whose actions is still to cover (entries the statement kept as written cover them) needs none of its entries.
        return result;
    }

    private static List<string> ShrinkService(ActionCatalog catalog, CatalogService service, ReadOnlySpan<int> wanted, ReadOnlySpan<int> permitted, List<string> prefixEntries, IReadOnlyList<string> avoid)
    {
        var serviceLength = service.Prefix.Length + 1;
        var forbidden = new List<string>();
        for (var index = service.FirstAction; index < service.FirstAction + service.ActionCount; index++)
        {
            if (!SortedIndices.Contains(permitted, index))
            {
                forbidden.Add(catalog.Key(index)[serviceLength..]);
            }
        }

        var lowered = service.Prefix + ":";
        foreach (var name in avoid)
        {
            if (name.StartsWith(lowered, StringComparison.Ordinal))
            {
                forbidden.Add(name[serviceLength..]);
            }
        }

        if (wanted.Length == 0)
        {
            return [];
        }

        // Every action of the service may be allowed: one entry says so.
        if (forbidden.Count == 0)
        {
            return [service.Prefix + ":*"];
        }

        var names = new string[wanted.Length];
        var spelled = new string[wanted.Length];
        for (var e = 0; e < wanted.Length; e++)
        {
            names[e] = catalog.Key(wanted[e])[serviceLength..];
            spelled[e] = catalog[wanted[e]].Name;
        }

        var cover = new Cover(names, [.. forbidden], serviceLength);
        foreach (var entry in prefixEntries)
        {
            cover.Offer(entry[serviceLength..], safeAlready: true);
        }

        foreach (var name in spelled)
        {
            foreach (var candidate in Candidates(name))
            {
                cover.Offer(candidate, safeAlready: false);
            }
        }

        // The prefix entries were made safe for their own entry's actions; cut for the statement's, they may be shorter.
        var prefix = service.Prefix + ":";
        var chosen = cover.Solve().Select(text => prefix + text).ToList();
        var prefixesCut = prefixEntries.Select(e => prefix + cover.CutBesideWildcards(e[serviceLength..])).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return chosen.Sum(Cost) < prefixesCut.Sum(Cost) ? chosen : prefixesCut;
    }

    // An entry costs its text, two quotes and a comma.
    private static int Cost(string entry) => entry.Length + 3;

    /// <summary>
    /// Patterns made of runs of the name's words: <c>*Run*</c>, <c>*Suffix</c>, <c>Prefix*</c> of up to <see cref="MaxRun"/>
    /// words, and <c>Prefix*Suffix</c> of up to two words each. Longer runs rarely gather several actions and would make
    /// the candidates of a long name many (the cuts that follow shorten what is taken anyway).
    /// </summary>
    private static IEnumerable<string> Candidates(string name)
    {
        var bounds = new List<int> { 0 };
        bounds.AddRange(ActionWords.PrefixLengths(name));
        var words = bounds.Count - 1;
        for (var a = 0; a < words; a++)
        {
            for (var b = a + 1; b <= Math.Min(words, a + MaxRun); b++)
            {
                var run = name[bounds[a]..bounds[b]];
                if (a == 0 && b == words)
                {
                    continue;
                }

                yield return "*" + run + "*";
                if (a == 0)
                {
                    yield return run + "*";
                }

                if (b == words)
                {
                    yield return "*" + run;
                }
            }
        }

        for (var p = 1; p < Math.Min(words, 3); p++)
        {
            for (var q = Math.Max(p + 1, words - 2); q < words; q++)
            {
                yield return name[..bounds[p]] + "*" + name[bounds[q]..];
            }
        }
    }

    /// <summary>The sets of one service's cover: the candidates offered, what each covers, and the greedy choice.</summary>
    /// <param name="names">The wanted actions' names, lower case, without the service prefix.</param>
    /// <param name="forbidden">The names no pattern may match, lower case, without the service prefix.</param>
    /// <param name="prefixLength">The length of <c>service:</c>, which every entry also costs.</param>
    private sealed class Cover(string[] names, string[] forbidden, int prefixLength)
    {
        private readonly List<string> _texts = [];
        private readonly List<int[]> _covers = [];
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly NameBlock _names = new(names);
        private readonly NameBlock _forbidden = new(forbidden);
        private readonly Dictionary<string, bool> _safe = new(StringComparer.Ordinal);

        /// <summary>Takes a pattern (the part after <c>service:</c>) as a set, when it is safe and new.</summary>
        public void Offer(string text, bool safeAlready)
        {
            if (!_seen.Add(text))
            {
                return;
            }

            var lowered = text.ToLowerInvariant();
            var pattern = new StarPattern(lowered);
            if (!safeAlready && !IsSafe(lowered, pattern))
            {
                return;
            }

            var covers = Covered(pattern);
            if (covers.Length > 0)
            {
                _texts.Add(text);
                _covers.Add(covers);
            }
        }

        public List<string> Solve()
        {
            var covered = new bool[names.Length];
            var left = names.Length;
            var queue = new PriorityQueue<int, double>();
            for (var s = 0; s < _texts.Count; s++)
            {
                queue.Enqueue(s, -(double)_covers[s].Length / (prefixLength + Cost(_texts[s])));
            }

            var taken = new List<(string Text, int[] Covers)>();
            while (left > 0 && queue.TryDequeue(out var set, out var priority))
            {
                var gain = 0;
                foreach (var e in _covers[set])
                {
                    gain += covered[e] ? 0 : 1;
                }

                if (gain == 0)
                {
                    continue;
                }

                // Gains only fall as sets are taken: a set whose gain fell goes back, a set whose did not is still the best.
                var ratio = -(double)gain / (prefixLength + Cost(_texts[set]));
                if (ratio > priority && queue.TryPeek(out _, out var next) && ratio > next)
                {
                    queue.Enqueue(set, ratio);
                    continue;
                }

                foreach (var e in _covers[set])
                {
                    left -= covered[e] ? 0 : 1;
                    covered[e] = true;
                }

                // A cut pattern matches more, so it may cover elements still to cover too.
                var cut = Cut(_texts[set]);
                var covers = Covered(new StarPattern(cut.ToLowerInvariant()));
                foreach (var e in covers)
                {
                    left -= covered[e] ? 0 : 1;
                    covered[e] = true;
                }

                taken.Add((cut, covers));
            }

            return DropCovered(taken);
        }

        // A taken set whose every element another taken set covers is dropped, dearest first.
        private List<string> DropCovered(List<(string Text, int[] Covers)> taken)
        {
            var count = new int[names.Length];
            foreach (var (_, covers) in taken)
            {
                foreach (var e in covers)
                {
                    count[e]++;
                }
            }

            var kept = new List<string>();
            foreach (var (text, covers) in taken.OrderByDescending(t => t.Text.Length).ThenBy(t => t.Text, StringComparer.Ordinal))
            {
                if (Array.TrueForAll(covers, e => count[e] > 1))
                {
                    foreach (var e in covers)
                    {
                        count[e]--;
                    }

                    continue;
                }

                kept.Add(text);
            }

            kept.Sort(StringComparer.OrdinalIgnoreCase);
            return kept;
        }

        /// <summary>
        /// The pattern cut shorter while it stays safe: characters beside a wildcard taken out one at a time, and a name in
        /// full or an anchored end turned into a wildcard when the cuts that follow make it shorter.
        /// </summary>
        private string Cut(string text)
        {
            var best = CutBesideWildcards(text);
            var opened = new List<string>(2);
            if (text[0] != '*')
            {
                opened.Add(("*" + text[1..]).Replace("**", "*", StringComparison.Ordinal));
            }

            if (text[^1] != '*')
            {
                opened.Add((text[..^1] + "*").Replace("**", "*", StringComparison.Ordinal));
            }

            foreach (var open in opened)
            {
                if (open == "*" || !IsSafe(open.ToLowerInvariant()))
                {
                    continue;
                }

                var cut = CutBesideWildcards(open);
                if (cut.Length < best.Length)
                {
                    best = cut;
                }
            }

            return best;
        }

        /// <summary>The pattern with characters beside its wildcards taken out, one at a time, while it stays safe.</summary>
        public string CutBesideWildcards(string text)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                for (var p = 0; p < text.Length; p++)
                {
                    if (text[p] == '*' || !((p > 0 && text[p - 1] == '*') || (p + 1 < text.Length && text[p + 1] == '*')))
                    {
                        continue;
                    }

                    var shorter = (text[..p] + text[(p + 1)..]).Replace("**", "*", StringComparison.Ordinal);
                    if (shorter != "*" && IsSafe(shorter.ToLowerInvariant()))
                    {
                        text = shorter;
                        changed = true;
                        break;
                    }
                }
            }

            return text;
        }

        // The cuts of the taken sets and of the prefix entries try the same shorter texts again and again.
        private bool IsSafe(string lowered) => IsSafe(lowered, default);

        private bool IsSafe(string lowered, StarPattern pattern)
        {
            if (!_safe.TryGetValue(lowered, out var safe))
            {
                _safe[lowered] = safe = !_forbidden.AnyMatch(pattern.IsEmpty ? new StarPattern(lowered) : pattern);
            }

            return safe;
        }

        private int[] Covered(StarPattern pattern) => _names.Matches(pattern);
    }
}
