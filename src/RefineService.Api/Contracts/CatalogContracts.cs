namespace RefineService.Api.Contracts;

/// <summary>The answer of <c>GET /v1/catalog</c>: which IAM action data the service uses.</summary>
public sealed record CatalogInfo
{
    /// <summary>The npm package the action data comes from.</summary>
    public required string Source { get; init; }

    /// <summary>The version of that package; recommendations report it as <c>catalogVersion</c>.</summary>
    public required string Version { get; init; }

    /// <summary>How many AWS services the catalog holds.</summary>
    public required int ServiceCount { get; init; }

    /// <summary>How many IAM actions the catalog holds.</summary>
    public required int ActionCount { get; init; }

    /// <summary>When the package's publisher last updated the data; null for a catalog file that does not say.</summary>
    public DateTimeOffset? DataDate { get; init; }

    /// <summary>Whole days since <c>dataDate</c>; null when it is not known.</summary>
    public int? AgeDays { get; init; }

    /// <summary>The age past which the catalog is stale (<c>Catalog:MaxAgeDays</c>).</summary>
    public required int MaxAgeDays { get; init; }

    /// <summary>Whether the data is older than <c>maxAgeDays</c>: recommendations then carry a <c>CatalogStale</c> warning.</summary>
    public required bool Stale { get; init; }
}

/// <summary>The answer of <c>GET /v1/catalog/services</c>.</summary>
public sealed record ServiceList
{
    /// <summary>Every service, sorted by prefix.</summary>
    public required IReadOnlyList<ServiceSummary> Services { get; init; }
}

/// <summary>One AWS service of the catalog.</summary>
public sealed record ServiceSummary
{
    /// <summary>The service prefix used in actions, e.g. <c>s3</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>The service's display name, e.g. <c>Amazon S3</c>.</summary>
    public required string Name { get; init; }

    /// <summary>How many actions the service has.</summary>
    public required int ActionCount { get; init; }
}

/// <summary>The answer of <c>GET /v1/catalog/services/{prefix}</c>: one service and its actions.</summary>
public sealed record ServiceDetail
{
    /// <summary>The service prefix, e.g. <c>s3</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>The service's display name.</summary>
    public required string Name { get; init; }

    /// <summary>How many actions the service has.</summary>
    public required int ActionCount { get; init; }

    /// <summary>Its actions, sorted by name.</summary>
    public required IReadOnlyList<CatalogActionInfo> Actions { get; init; }
}

/// <summary>One IAM action of the catalog.</summary>
public sealed record CatalogActionInfo
{
    /// <summary>The full action name in IAM's spelling, e.g. <c>s3:GetObject</c>.</summary>
    public required string Action { get; init; }

    /// <summary>IAM's access level of the action: <c>List</c>, <c>Read</c>, <c>Write</c>, <c>Permissions management</c> or <c>Tagging</c>.</summary>
    public required string AccessLevel { get; init; }
}
