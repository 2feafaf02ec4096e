using System.Buffers;

namespace RefineService.Core.Policies;

/// <summary>Builds the JSON paths that name elements in problems and warnings, as System.Text.Json writes them: <c>$.Statement[1].Action[2]</c>, <c>$['odd key']</c>.</summary>
public static class JsonPath
{
    /// <summary>The path of the root value.</summary>
    public const string Root = "$";

    private static readonly SearchValues<char> WordCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="path"/>; bracket notation when the name is not a plain word.</summary>
    public static string Property(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.AsSpan().ContainsAnyExcept(WordCharacters)
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="path"/>.</summary>
    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>
    /// The path of an element whose path is relative to a part of a larger document: <c>$.Statement[1]</c> under
    /// <c>$.policy</c> is <c>$.policy.Statement[1]</c>.
    /// </summary>
    public static string Rebase(string relative, string under)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return relative.StartsWith(Root, StringComparison.Ordinal) ? under + relative[Root.Length..] : $"{under}.{relative}";
    }
}
