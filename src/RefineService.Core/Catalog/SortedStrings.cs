namespace RefineService.Core.Catalog;

/// <summary>Searches in arrays of strings sorted ordinally.</summary>
internal static class SortedStrings
{
    /// <summary>The first position in [<paramref name="from"/>, <paramref name="to"/>) whose string is not less than <paramref name="value"/>.</summary>
    public static int LowerBound(string[] sorted, ReadOnlySpan<char> value, int from, int to)
    {
        int lo = from, hi = to;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].AsSpan().SequenceCompareTo(value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The range of positions in [<paramref name="from"/>, <paramref name="to"/>) whose strings start with <paramref name="prefix"/>.</summary>
    public static (int Start, int End) PrefixRange(string[] sorted, ReadOnlySpan<char> prefix, int from, int to)
    {
        var start = LowerBound(sorted, prefix, from, to);
        int lo = start, hi = to;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].AsSpan().StartsWith(prefix))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (start, lo);
    }
}
