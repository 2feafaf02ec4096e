using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using RefineService.Core.Policies;

namespace RefineService.Api.Contracts;

/// <summary>
/// A policy document of IAM's authorization details, kept as the JSON it was sent as (an object, or URL-encoded JSON text)
/// and read into Core's model when a principal holding it is answered: an account holds thousands of documents, most
/// of them versions no one refines, and reading them with the body would keep the first principal's answer waiting.
/// </summary>
[JsonConverter(typeof(DeferredPolicyDocumentConverter))]
public sealed class DeferredPolicyDocument
{
    private readonly JsonElement _json;

    // How deep the document may nest: the body's levels above it count, as when it is read with the body.
    private readonly int _maxDepth;

    internal DeferredPolicyDocument(JsonElement json, int maxDepth)
    {
        _json = json;
        _maxDepth = maxDepth;
    }

    /// <summary>Reads the document, with the problems found while reading it (each at its path, relative to the document). Each call reads it anew.</summary>
    public PolicyDocument Read() => PolicyDocument.Read(JsonMarshal.GetRawUtf8Value(_json), _maxDepth);

    /// <summary>Writes the document as it was sent.</summary>
    public void WriteTo(Utf8JsonWriter writer) => _json.WriteTo(writer);
}

/// <summary>Keeps a document's JSON as it comes (one copy of its bytes), and writes it back as it was.</summary>
public sealed class DeferredPolicyDocumentConverter : JsonConverter<DeferredPolicyDocument>
{
    public override DeferredPolicyDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var maxDepth = PolicyLimits.MaxJsonDepth - reader.CurrentDepth;
        return new(JsonElement.ParseValue(ref reader), maxDepth);
    }

    public override void Write(Utf8JsonWriter writer, DeferredPolicyDocument value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
