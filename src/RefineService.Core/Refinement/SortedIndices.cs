namespace RefineService.Core.Refinement;

/// <summary>Set operations on ascending arrays of catalog indices.</summary>
internal static class SortedIndices
{
    /// <summary>The position of the first element not less than <paramref name="value"/>.</summary>
    public static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
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

    /// <summary>How many elements lie in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static int CountInRange(ReadOnlySpan<int> sorted, int start, int end) =>
        LowerBound(sorted, end) - LowerBound(sorted, start);

    /// <summary>Whether every index of [<paramref name="start"/>, <paramref name="end"/>) is an element.</summary>
    public static bool ContainsRange(ReadOnlySpan<int> sorted, int start, int end) =>
        CountInRange(sorted, start, end) == end - start;

    public static bool Contains(ReadOnlySpan<int> sorted, int value)
    {
        var at = LowerBound(sorted, value);
        return at < sorted.Length && sorted[at] == value;
    }

    /// <summary>The elements of <paramref name="left"/> that <paramref name="right"/> lacks.</summary>
    public static int[] Except(ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        var result = new List<int>(left.Length);
        if (IsFarSmaller(left, right))
        {
            foreach (var value in left)
            {
                if (!Contains(right, value))
                {
                    result.Add(value);
                }
            }

            return [.. result];
        }

        int j = 0;
        foreach (var value in left)
        {
            while (j < right.Length && right[j] < value)
            {
                j++;
            }

            if (j >= right.Length || right[j] != value)
            {
                result.Add(value);
            }
        }

        return [.. result];
    }

    /// <summary>Whether searching <paramref name="right"/> for each element of <paramref name="left"/> beats walking both (a literal entry against a large unused set).</summary>
    private static bool IsFarSmaller(ReadOnlySpan<int> left, ReadOnlySpan<int> right) =>
        left.Length * 32 < right.Length;

    /// <summary>The elements of either, ascending, once each.</summary>
    public static int[] Union(ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        var result = new int[left.Length + right.Length];
        int i = 0, j = 0, n = 0;
        while (i < left.Length || j < right.Length)
        {
            int next;
            if (j >= right.Length || (i < left.Length && left[i] < right[j]))
            {
                next = left[i++];
            }
            else if (i >= left.Length || right[j] < left[i])
            {
                next = right[j++];
            }
            else
            {
                next = left[i++];
                j++;
            }

            result[n++] = next;
        }

        return result[..n];
    }

    /// <summary>The elements of both, ascending.</summary>
    public static int[] Intersect(ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        var result = new List<int>(Math.Min(left.Length, right.Length));
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] == right[j])
            {
                result.Add(left[i]);
                i++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }

    /// <summary>Whether the two share any element.</summary>
    public static bool Intersects(ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        if (IsFarSmaller(left, right))
        {
            foreach (var value in left)
            {
                if (Contains(right, value))
                {
                    return true;
                }
            }

            return false;
        }

        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] == right[j])
            {
                return true;
            }

            if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }
}
