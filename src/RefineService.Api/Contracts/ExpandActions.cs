namespace RefineService.Api.Contracts;

/// <summary>The body of <c>POST /v1/actions/expand</c>.</summary>
public sealed record ExpandActionsRequest : ContractObject
{
    /// <summary>Up to 100 IAM action patterns, as in a policy's <c>Action</c>: <c>service:action</c> with <c>*</c> and <c>?</c> wildcards, or <c>*</c>.</summary>
    public IReadOnlyList<string>? Patterns { get; init; }
}

/// <summary>The answer of <c>POST /v1/actions/expand</c>.</summary>
public sealed record ExpandActionsResponse
{
    /// <summary>The version of the action catalog matched against.</summary>
    public required string CatalogVersion { get; init; }

    /// <summary>One item per pattern of the request, in the same order.</summary>
    public required IReadOnlyList<PatternExpansion> Patterns { get; init; }
}

/// <summary>The catalog actions one pattern matches.</summary>
public sealed record PatternExpansion
{
    /// <summary>The pattern as given.</summary>
    public required string Pattern { get; init; }

    /// <summary>How many actions it matches.</summary>
    public required int ActionCount { get; init; }

    /// <summary>The actions it matches, case-insensitively, sorted by name.</summary>
    public required IReadOnlyList<CatalogActionInfo> Actions { get; init; }
}
