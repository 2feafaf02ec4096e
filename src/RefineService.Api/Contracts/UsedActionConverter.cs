using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// Reads a used action written as its name (<c>"s3:GetObject"</c>) or as an object (<c>{ "action": "s3:GetObject", "lastAccessed": "..." }</c>);
/// other members are kept by name for the validator to refuse, anything else is kept as <see cref="UnusedActionForm.Neither"/>. Writes the object form.
/// </summary>
public sealed class UsedActionConverter : JsonConverter<UsedAction>
{
    private static readonly AwsTimestampConverter Timestamps = new();

    public override UsedAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new UsedAction { Action = reader.GetString(), Form = UnusedActionForm.Name };
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

                        Skip(ref reader);
                    }
                }

                return new UsedAction
                {
                    Action = action,
                    LastAccessed = lastAccessed,
                    UnknownMembers = unknown,
                    Form = action is null ? UnusedActionForm.Neither : UnusedActionForm.Object,
                };
            default:
                Skip(ref reader);
                return new UsedAction { Form = UnusedActionForm.Neither };
        }
    }

    public override void Write(Utf8JsonWriter writer, UsedAction value, JsonSerializerOptions options)
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

    // The serializer hands a converter a reader that is not on the final block, though the whole value is there: Skip would refuse.
    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The JSON text ends inside the used action.");
        }
    }
}
