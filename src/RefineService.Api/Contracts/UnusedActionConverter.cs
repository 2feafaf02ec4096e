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
    public override UnusedAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new UnusedAction { Action = reader.GetString(), Form = UnusedActionForm.Name };
            case JsonTokenType.StartObject:
                var (action, lastAccessed, unknown) = ActionObjectReader.Read(ref reader, options);
                return new UnusedAction
                {
                    Action = action,
                    LastAccessed = lastAccessed,
                    UnknownMembers = unknown,
                    Form = action is null ? UnusedActionForm.Neither : UnusedActionForm.Object,
                };
            default:
                ActionObjectReader.Skip(ref reader);
                return new UnusedAction { Form = UnusedActionForm.Neither };
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
