namespace RefineService.Api.Health;

/// <summary>The body of a health probe's answer.</summary>
public sealed record HealthResponse(string Status, string? CatalogVersion);
