using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>An item of a list of actions that may be written as its name or as <c>{ "action", "lastAccessed" }</c>: an unused action, or a used one.</summary>
internal interface IActionItem<TSelf>
    where TSelf : IActionItem<TSelf>
{
    string? Action { get; }

    AwsTimestamp? LastAccessed { get; }

    /// <summary>The item as read: its members, those the contract does not define, and how it was written.</summary>
    static abstract TSelf Create(string? action, AwsTimestamp? lastAccessed, IReadOnlyList<string>? unknownMembers, UnusedActionForm form);
}

/// <summary>
/// Reads an action item written as its name (<c>"GetObject"</c>, <c>"s3:GetObject"</c>) or as an object
/// (<c>{ "action": "GetObject", "lastAccessed": "..." }</c>; other members are kept by name, for the validator to refuse or
/// count as the item's contract says); anything else is kept as <see cref="UnusedActionForm.Neither"/> for the validator to
/// name. Writes the object form.
/// </summary>
internal sealed class ActionItemConverter<T> : JsonConverter<T>
    where T : class, IActionItem<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return T.Create(reader.GetString(), null, null, UnusedActionForm.Name);
            case JsonTokenType.StartObject:
                var (action, lastAccessed, unknown) = ActionObjectReader.Read(ref reader, options);
                return T.Create(action, lastAccessed, unknown, action is null ? UnusedActionForm.Neither : UnusedActionForm.Object);
            default:
                ActionObjectReader.Skip(ref reader);
                return T.Create(null, null, null, UnusedActionForm.Neither);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
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
