using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Playground;

/// <summary>The source-generated serializer of <see cref="PlaygroundSettings"/>, camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaygroundSettings))]
internal sealed partial class PlaygroundJsonContext : JsonSerializerContext;
