using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// Reads an unused action written as its name (<c>"GetObject"</c>, the seed article's shape) or as Access Analyzer's object
/// (<c>{ "action": "GetObject", "lastAccessed": "..." }</c>, other members tolerated and named); anything else is kept as
/// <see cref="UnusedActionForm.Neither"/> for the validator to name. Writes the object form.
/// </summary>
public sealed class UnusedActionConverter : JsonConverter<UnusedAction>
{
    private static readonly AwsTimestampConverter Timestamps = new();

    public override UnusedAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new UnusedAction { Action = reader.GetString(), Form = UnusedActionForm.Name };
            case JsonTokenType.StartObject:
                string? action = null;
                AwsTimestamp? lastAccessed = null;
                List<string>? unknown = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (string.Equals(name, "action", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.String)
                    {
                        action = reader.GetString();
                    }
                    else if (string.Equals(name, "lastAccessed", StringComparison.OrdinalIgnoreCase))
                    {
                        lastAccessed = reader.TokenType == JsonTokenType.Null ? null : Timestamps.Read(ref reader, typeof(AwsTimestamp), options);
                    }
                    else
                    {
                        if (!string.Equals(name, "action", StringComparison.OrdinalIgnoreCase))
                        {
                            (unknown ??= []).Add(name!);
                        }

                        SkipValue(ref reader);
                    }
                }

                return new UnusedAction
                {
                    Action = action,
                    LastAccessed = lastAccessed,
                    UnknownMembers = unknown,
                    Form = action is null ? UnusedActionForm.Neither : UnusedActionForm.Object,
                };
            default:
                SkipValue(ref reader);
                return new UnusedAction { Form = UnusedActionForm.Neither };
        }
    }

    // The serializer hands a converter a reader that is not on the final block, though the whole value is there: Skip would refuse.
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The JSON text ends inside the unused action.");
        }
    }

    public override void Write(Utf8JsonWriter writer, UnusedAction value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("action", value.Action);
        if (value.LastAccessed is { Value: { } at })
        {
            writer.WriteString("lastAccessed", AwsTimestampConverter.Format(at));
        }

        writer.WriteEndObject();
    }
}
