namespace RefineService.Core.Catalog;

/// <summary>An IAM action pattern (<c>s3:Get*</c>, <c>ec2:Describe?pcs</c>, <c>*</c>) compiled for case-insensitive matching.</summary>
/// <remarks>
/// <c>*</c> matches any run of characters, <c>?</c> exactly one. Matching never backtracks more than
/// to the last <c>*</c>, so it costs at most pattern length × text length steps.
/// </remarks>
public sealed class ActionPattern
{
    private ActionPattern(string text, string lowered, int literalPrefixLength)
    {
        Text = text;
        Lowered = lowered;
        LiteralPrefixLength = literalPrefixLength;
    }

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
        var lowered = text.ToLowerInvariant();
        var wildcard = lowered.AsSpan().IndexOfAny('*', '?');
        return new ActionPattern(text, lowered, wildcard < 0 ? lowered.Length : wildcard);
    }

    /// <summary>Whether <paramref name="text"/> (any case) is matched by the pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        long steps = 0;
        return Glob(Lowered, text, ref steps);
    }

    /// <summary>Whether an already lower-cased <paramref name="text"/> is matched; counts loop steps into <paramref name="steps"/>.</summary>
    internal bool IsMatchLowered(ReadOnlySpan<char> text, ref long steps) => Glob(Lowered, text, ref steps);

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, ref long steps)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            steps++;
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == char.ToLowerInvariant(text[t])))
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
