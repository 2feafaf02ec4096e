namespace RefineService.Api.OpenApi;

/// <summary>Endpoint metadata naming a request example file, with a line saying what it shows when an endpoint has several.</summary>
public sealed record RequestExampleMetadata(string Name, string? Summary = null);
