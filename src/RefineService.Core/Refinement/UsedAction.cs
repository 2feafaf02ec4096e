namespace RefineService.Core.Refinement;

/// <summary>An action the principal has used, as CloudTrail-derived tools write it (<c>s3:GetObject</c>, or a pattern such as <c>s3:Get*</c>).</summary>
/// <param name="Pattern">The action or pattern, <c>service:action</c>, any case.</param>
/// <param name="LastAccessed">When it was last used; null when the tool does not say (it counts as used now).</param>
public sealed record UsedAction(string Pattern, DateTimeOffset? LastAccessed = null)
{
    /// <summary>The JSON path it was read from, which warnings about it name; when null, its place in the list given.</summary>
    public string? Path { get; init; }
}
