using System.Buffers;
using System.Globalization;

namespace RefineService.Core.Policies;

/// <summary>What IAM accepts in a policy document and in Access Analyzer's findings.</summary>
public static class IamSyntax
{
    /// <summary>The policy language versions IAM knows.</summary>
    public static IReadOnlyList<string> Versions { get; } = ["2012-10-17", "2008-10-17"];

    private static readonly SearchValues<char> ServiceCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
    private static readonly SearchValues<char> NameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-*?");
    private static readonly SearchValues<char> NamespaceCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>Whether <paramref name="entry"/> can stand in <c>Action</c>/<c>NotAction</c>: <c>*</c>, or <c>service:action</c> with <c>*</c> and <c>?</c> in the action part.</summary>
    public static bool IsActionPattern(ReadOnlySpan<char> entry)
    {
        if (entry is "*")
        {
            return true;
        }

        var colon = entry.IndexOf(':');
        return colon > 0
            && !entry[..colon].ContainsAnyExcept(ServiceCharacters)
            && IsActionName(entry[(colon + 1)..]);
    }

    /// <summary>Whether <paramref name="name"/> is an action name without its service prefix, wildcards allowed, as in Access Analyzer's findings.</summary>
    public static bool IsActionName(ReadOnlySpan<char> name) => name.Length > 0 && !name.ContainsAnyExcept(NameCharacters);

    /// <summary>Whether <paramref name="prefix"/> is a service prefix as Access Analyzer writes it: lower-case letters, digits and hyphens.</summary>
    public static bool IsServiceNamespace(ReadOnlySpan<char> prefix) => prefix.Length > 0 && !prefix.ContainsAnyExcept(NamespaceCharacters);

    /// <summary>The message for an action pattern or name over <see cref="PolicyLimits.MaxPatternLength"/>; it quotes only the start of it.</summary>
    public static string TooLong(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(CultureInfo.InvariantCulture,
            $"An action pattern may hold at most {PolicyLimits.MaxPatternLength:N0} characters; this one has {text.Length:N0} ('{text[..Math.Min(20, text.Length)]}...').");
    }

    /// <summary>The first character IAM does not allow in a policy document (it allows tab, line feed, carriage return and U+0020 to U+00FF), or null.</summary>
    public static char? FirstDisallowedCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ('\t' or '\n' or '\r' or (>= '\u0020' and <= '\u00FF')))
            {
                return c;
            }
        }

        return null;
    }
}
