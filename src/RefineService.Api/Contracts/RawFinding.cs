using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// One item of an account's <c>findings</c>: a whole GetFindingV2 answer (a <see cref="Finding"/>), kept as the JSON it was
/// sent as until its principal is answered. Only its <c>resource</c> is read with the body, to match it with the account's
/// principals; the rest is read and checked with the principal, in parallel with the others, so that the first principal's
/// answer need not wait for a thousand findings, and a finding that breaks the rules fails its principal alone.
/// </summary>
[JsonConverter(typeof(RawFindingConverter))]
public sealed class RawFinding
{
    internal RawFinding(JsonElement json)
    {
        Json = json;
        if (json.ValueKind == JsonValueKind.Object)
        {
            Resource = Text(json, "resource");
            Id = Text(json, "id");
        }
    }

    /// <summary>The finding as sent: any JSON value (the validator refuses what is not an object).</summary>
    public JsonElement Json { get; }

    /// <summary>The principal the finding names, if <c>resource</c> is a string.</summary>
    public string? Resource { get; }

    /// <summary>The finding's id, if <c>id</c> is a string.</summary>
    public string? Id { get; }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Keeps a finding's JSON as it comes (one copy of its bytes), and writes it back as it was.</summary>
public sealed class RawFindingConverter : JsonConverter<RawFinding>
{
    // A null item stays null, for the validator to refuse at its path.
    public override bool HandleNull => false;

    public override RawFinding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, RawFinding value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.Json.WriteTo(writer);
    }
}
