namespace RefineService.Core.Catalog;

/// <summary>The access level IAM's service reference assigns to an action.</summary>
public enum AccessLevel
{
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

/// <summary>Conversions between <see cref="AccessLevel"/> and the names IAM's documentation uses.</summary>
public static class AccessLevelNames
{
    public static string ToDisplayName(this AccessLevel level) => level switch
    {
        AccessLevel.List => "List",
        AccessLevel.Read => "Read",
        AccessLevel.Write => "Write",
        AccessLevel.PermissionsManagement => "Permissions management",
        AccessLevel.Tagging => "Tagging",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string name, out AccessLevel level)
    {
        foreach (var candidate in Enum.GetValues<AccessLevel>())
        {
            if (string.Equals(candidate.ToDisplayName(), name, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }
}
