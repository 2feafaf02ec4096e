namespace RefineService.Api.Security;

/// <summary>Endpoint metadata: the answer must not be stored by any cache.</summary>
public sealed record NoStoreMetadata;
