namespace RefineService.Core.Catalog;

/// <summary>An IAM action pattern (<c>s3:Get*</c>, <c>ec2:Describe?pcs</c>, <c>*</c>) compiled for case-insensitive matching.</summary>
/// <remarks>
/// <c>*</c> matches any run of characters, <c>?</c> exactly one. Matching never backtracks more than
/// to the last <c>*</c>, so it costs at most pattern length × text length steps; a pattern of stars alone is matched
/// part by part with vectorised searches, which costs no more.
/// </remarks>
public sealed class ActionPattern
{
    private ActionPattern(string text, string lowered, int literalPrefixLength, int literalSuffixLength)
    {
        Text = text;
        Lowered = lowered;
        LiteralPrefixLength = literalPrefixLength;
        _literalSuffixLength = literalSuffixLength;
    }

    // Characters after the last wildcard: a text that does not end with them cannot match, whatever the rest.
    private readonly int _literalSuffixLength;

    // The parts between stars of a pattern without '?', made on first use.
    private string[]? _segments;

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>The pattern in lower case, as matched.</summary>
    public string Lowered { get; }

    /// <summary>How many leading characters hold no wildcard.</summary>
    public int LiteralPrefixLength { get; }

    /// <summary>Whether the pattern holds a <c>*</c> or <c>?</c>.</summary>
    public bool HasWildcard => LiteralPrefixLength < Lowered.Length;

    /// <summary>The characters before the first wildcard, lower case.</summary>
    public ReadOnlySpan<char> LiteralPrefix => Lowered.AsSpan(0, LiteralPrefixLength);

    public static ActionPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A run of stars matches what one star matches; collapsing it keeps hostile patterns cheap.
        var lowered = text.ToLowerInvariant();
        while (lowered.Contains("**", StringComparison.Ordinal))
        {
            lowered = lowered.Replace("**", "*", StringComparison.Ordinal);
        }

        var wildcard = lowered.AsSpan().IndexOfAny('*', '?');
        var last = lowered.AsSpan().LastIndexOfAny('*', '?');
        return new ActionPattern(text, lowered, wildcard < 0 ? lowered.Length : wildcard, wildcard < 0 ? 0 : lowered.Length - last - 1);
    }

    /// <summary>Whether <paramref name="text"/> (any case) is matched by the pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        Span<char> lowered = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToLowerInvariant(lowered);
        return IsMatchLowered(lowered);
    }

    /// <summary>
    /// Whether the pattern matches some action of the service <paramref name="servicePrefix"/> (lower case), whatever its
    /// actions are called: what a pattern may allow of a service the catalog lacks.
    /// </summary>
    public bool CanMatchActionOf(string servicePrefix)
    {
        ArgumentNullException.ThrowIfNull(servicePrefix);
        return CanMatchNameStartingWith(servicePrefix + ":");
    }

    /// <summary>Whether the pattern matches some name, known or not, that starts with the lower-case <paramref name="prefix"/>.</summary>
    /// <remarks>
    /// The pattern is run over the prefix as a set of positions; any position left can go on to match some name. The
    /// literal prefix rejects most patterns first, and the run costs at most pattern length × prefix length steps.
    /// </remarks>
    public bool CanMatchNameStartingWith(ReadOnlySpan<char> prefix)
    {
        var literal = LiteralPrefix;
        var common = Math.Min(literal.Length, prefix.Length);
        if (!literal[..common].SequenceEqual(prefix[..common]))
        {
            return false;
        }

        if (literal.Length >= prefix.Length)
        {
            return true;
        }

        var positions = new bool[Lowered.Length + 1];
        var next = new bool[Lowered.Length + 1];
        positions[0] = true;
        foreach (var c in prefix)
        {
            // A star may match nothing: the position after it is reached too.
            for (var i = 0; i < Lowered.Length; i++)
            {
                positions[i + 1] |= positions[i] && Lowered[i] == '*';
            }

            Array.Clear(next);
            var any = false;
            for (var i = 0; i < Lowered.Length; i++)
            {
                if (positions[i] && (Lowered[i] is '*' or '?' || Lowered[i] == c))
                {
                    next[Lowered[i] == '*' ? i : i + 1] = any = true;
                }
            }

            if (!any)
            {
                return false;
            }

            (positions, next) = (next, positions);
        }

        return true;
    }

    /// <summary>Whether every action name <paramref name="other"/> matches, whatever the catalog holds, this pattern matches too.</summary>
    public bool Covers(ActionPattern other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PatternContainment.Covers(this, other);
    }

    /// <summary>Whether an already lower-cased <paramref name="text"/> is matched.</summary>
    internal bool IsMatchLowered(ReadOnlySpan<char> text)
    {
        if (!HasWildcard)
        {
            return text.SequenceEqual(Lowered);
        }

        if (!text.EndsWith(Lowered.AsSpan(Lowered.Length - _literalSuffixLength)))
        {
            return false;
        }

        if (Lowered.Contains('?', StringComparison.Ordinal))
        {
            return Glob(Lowered, text);
        }

        // Only '*': the parts between stars must appear in order, the first at the start and the last at the end, and
        // finding each at its leftmost place is enough. IndexOf is vectorised, so this beats the general loop.
        _segments ??= Lowered.Split('*');
        var segments = _segments;
        var start = segments[0].Length;
        var end = text.Length - segments[^1].Length;
        if (end < start || !text.StartsWith(segments[0]))
        {
            return false;
        }

        for (var i = 1; i < segments.Length - 1; i++)
        {
            var at = text[start..end].IndexOf(segments[i]);
            if (at < 0)
            {
                return false;
            }

            start += at + segments[i].Length;
        }

        return true;
    }

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public override string ToString() => Text;
}
