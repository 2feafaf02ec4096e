using System.Globalization;
using System.Text.RegularExpressions;
using RefineService.Api.Limits;

namespace RefineService.Api.Validation;

/// <summary>What IAM accepts in a policy document and in Access Analyzer's findings.</summary>
internal static partial class IamSyntax
{
    /// <summary>The policy language versions IAM knows.</summary>
    public static readonly string[] Versions = ["2012-10-17", "2008-10-17"];

    /// <summary>An entry of <c>Action</c>/<c>NotAction</c>: <c>*</c>, or <c>service:action</c> with <c>*</c> and <c>?</c> in the action part.</summary>
    [GeneratedRegex(@"^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)$")]
    public static partial Regex ActionPattern();

    /// <summary>An action name without its service prefix, wildcards allowed, as in Access Analyzer's findings.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9*?-]+$")]
    public static partial Regex ActionName();

    /// <summary>A service prefix as Access Analyzer writes it.</summary>
    [GeneratedRegex(@"^[a-z0-9-]+$")]
    public static partial Regex ServiceNamespace();

    /// <summary>The message for an action pattern or name over <see cref="RequestLimits.MaxPatternLength"/>; it quotes only the start of it.</summary>
    public static string TooLong(string text) => string.Create(CultureInfo.InvariantCulture,
        $"An action pattern may hold at most {RequestLimits.MaxPatternLength:N0} characters; this one has {text.Length:N0} ('{text[..20]}...').");

    /// <summary>The first character IAM does not allow in a policy document (it allows tab, line feed, carriage return and U+0020 to U+00FF), or null.</summary>
    public static char? FirstDisallowedCharacter(string text)
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
