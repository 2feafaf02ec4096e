using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// Reads a used action written as its name (<c>"s3:GetObject"</c>) or as an object (<c>{ "action": "s3:GetObject", "lastAccessed": "..." }</c>);
/// other members are kept by name for the validator to refuse, anything else is kept as <see cref="UnusedActionForm.Neither"/>. Writes the object form.
/// </summary>
public sealed class UsedActionConverter : JsonConverter<UsedAction>
{
    public override UsedAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new UsedAction { Action = reader.GetString(), Form = UnusedActionForm.Name };
            case JsonTokenType.StartObject:
                var (action, lastAccessed, unknown) = ActionObjectReader.Read(ref reader, options);
                return new UsedAction
                {
                    Action = action,
                    LastAccessed = lastAccessed,
                    UnknownMembers = unknown,
                    Form = action is null ? UnusedActionForm.Neither : UnusedActionForm.Object,
                };
            default:
                ActionObjectReader.Skip(ref reader);
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
}
