namespace RefineService.Core.Catalog;

/// <summary>Splits an action name into the words the shortest-safe-prefix trie is built from.</summary>
/// <remarks>
/// A word starts at a capital that follows a lower-case letter or a digit (<c>Get·Bucket</c>,
/// <c>Ipv6·Addresses</c>), and at the last capital of a run of capitals when lower case follows
/// (<c>SSH·Public</c>); digits belong to the word before them.
/// </remarks>
public static class ActionWords
{
    /// <summary>The lengths of every prefix of <paramref name="name"/> that ends at a word boundary, the whole name included, shortest first.</summary>
    public static IReadOnlyList<int> PrefixLengths(ReadOnlySpan<char> name)
    {
        var lengths = new List<int>();
        for (var i = 1; i < name.Length; i++)
        {
            if (IsWordStart(name, i))
            {
                lengths.Add(i);
            }
        }

        if (name.Length > 0)
        {
            lengths.Add(name.Length);
        }

        return lengths;
    }

    /// <summary>Splits <paramref name="name"/> into its words.</summary>
    public static IReadOnlyList<string> Split(string name)
    {
        var words = new List<string>();
        var start = 0;
        foreach (var end in PrefixLengths(name))
        {
            words.Add(name[start..end]);
            start = end;
        }

        return words;
    }

    internal static bool IsWordStart(ReadOnlySpan<char> name, int i)
    {
        if (i <= 0 || i >= name.Length || !char.IsUpper(name[i]))
        {
            return false;
        }

        var previous = name[i - 1];
        if (char.IsLower(previous) || char.IsDigit(previous))
        {
            return true;
        }

        return char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
    }
}
