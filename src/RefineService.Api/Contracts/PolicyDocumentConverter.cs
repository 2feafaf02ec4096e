using System.Text.Json;
using System.Text.Json.Serialization;
using RefineService.Core.Policies;

namespace RefineService.Api.Contracts;

/// <summary>
/// Reads a policy document straight from the request body into Core's model, in the one pass the body is read in: a JSON
/// object, or a string holding the JSON of one. What is wrong with it becomes the document's problems (the validator
/// reports them at their paths), never an exception. Writes the model back.
/// </summary>
public sealed class PolicyDocumentConverter : JsonConverter<PolicyDocument>
{
    public override PolicyDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        // The body's levels above the document count towards its depth limit, as they would for any other value.
        PolicyDocument.Read(ref reader, PolicyLimits.MaxJsonDepth - reader.CurrentDepth);

    public override void Write(Utf8JsonWriter writer, PolicyDocument value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
