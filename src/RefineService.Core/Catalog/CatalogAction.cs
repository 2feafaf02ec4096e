namespace RefineService.Core.Catalog;

/// <summary>One IAM action of the catalog, in its canonical spelling.</summary>
/// <param name="Index">Position in the catalog's order (lower-cased full name, ordinal).</param>
/// <param name="ServicePrefix">The service prefix, e.g. <c>s3</c>.</param>
/// <param name="Name">The action name without prefix, e.g. <c>GetObject</c>.</param>
/// <param name="AccessLevel">IAM's access level of the action.</param>
public readonly record struct CatalogAction(int Index, string ServicePrefix, string Name, AccessLevel AccessLevel)
{
    /// <summary>The full action, <c>service:Name</c> (the catalog hands out one it keeps).</summary>
    public string FullName
    {
        get => field ?? ServicePrefix + ":" + Name;
        init;
    }

    public override string ToString() => FullName;
}
