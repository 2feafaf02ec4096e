using System.Text.Json.Serialization;

namespace RefineService.Core.Catalog;

/// <summary>The shape of the catalog data file written by <c>Data/build-catalog.mjs</c>.</summary>
/// <param name="Source">The npm package the data comes from.</param>
/// <param name="Version">Its version.</param>
/// <param name="Services">Every service with its actions.</param>
/// <param name="UpdatedAt">When the package's data was last updated (its <c>updatedAt</c>); absent from files written before it was recorded.</param>
internal sealed record CatalogFile(string Source, string Version, IReadOnlyList<CatalogFileService> Services, DateTimeOffset? UpdatedAt = null);

/// <summary>One service of the catalog data file; actions grouped by access level display name.</summary>
internal sealed record CatalogFileService(string Prefix, string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Actions);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CatalogFile))]
internal sealed partial class CatalogFileJsonContext : JsonSerializerContext;
