namespace RefineService.Api.OpenApi;

/// <summary>Endpoint metadata naming the request example file.</summary>
public sealed record RequestExampleMetadata(string Name);
