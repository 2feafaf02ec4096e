namespace RefineService.Cli;

/// <summary>
/// File names made from IAM's names: a principal's ARN, a policy's ARN or inline name. IAM names may hold <c>/</c>,
/// <c>+</c>, <c>=</c>, <c>,</c> and <c>@</c>; every character but letters, digits, <c>.</c>, <c>_</c> and <c>-</c>
/// becomes <c>_</c>, and a name already given in the same folder (file systems that ignore case, two names that differ
/// only by such characters) gets a number, so no file overwrites another.
/// </summary>
internal sealed class FileNames
{
    private readonly HashSet<string> _given = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A name for <paramref name="name"/>, with <paramref name="extension"/> (e.g. <c>.json</c>), unique among those this instance gave.</summary>
    public string For(string name, string extension = "")
    {
        var safe = Safe(name);
        var candidate = safe + extension;
        for (var n = 2; !_given.Add(candidate); n++)
        {
            candidate = FormattableString.Invariant($"{safe}-{n}{extension}");
        }

        return candidate;
    }

    /// <summary>The part of an ARN that names the principal or policy (<c>role/path/name</c>), or the name itself.</summary>
    public static string OfArn(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" ? parts[5] : arn;
    }

    /// <summary>The last part of a policy's ARN or of a group policy's <c>group/name</c>: the policy's own name; an inline name as it is.</summary>
    public static string OfPolicy(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var name = OfArn(id);
        return id.StartsWith("arn:", StringComparison.Ordinal) ? name[(name.LastIndexOf('/') + 1)..] : name;
    }

    private static string Safe(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe[..Math.Min(safe.Length, 120)];
    }
}
