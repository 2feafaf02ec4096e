using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Health;

/// <summary>The source-generated serializer of <see cref="HealthResponse"/>: camelCase, without the catalog version while there is none.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
