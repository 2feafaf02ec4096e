namespace RefineService.Core.Refinement;

/// <summary>The unused actions of one service, as Access Analyzer's <c>unusedPermissionDetails</c> reports them.</summary>
/// <param name="ServiceNamespace">The service prefix, e.g. <c>s3</c>.</param>
/// <param name="Actions">Action names without prefix (<c>*</c> and <c>?</c> allowed); null or empty means the whole service is unused.</param>
public sealed record UnusedServiceActions(string ServiceNamespace, IReadOnlyList<string>? Actions)
{
    /// <summary>The JSON path these were read from, which warnings about them name; when null, their place in the list given (<c>$[3]</c>).</summary>
    public string? Path { get; init; }

    /// <summary>When the service was last used, if ever: the date of a whole service reported unused (with no actions listed).</summary>
    public DateTimeOffset? LastAccessed { get; init; }

    /// <summary>When each action of <see cref="Actions"/> was last used, in the same order; null, or a null item, where never.</summary>
    public IReadOnlyList<DateTimeOffset?>? ActionsLastAccessed { get; init; }
}
