using System.Text.Json;

namespace RefineService.Core.Policies;

/// <summary>
/// The tokens of a JSON text read once, kept so that any value of it can be written again with any writer's settings, as
/// the writer would write it: strings and keys re-escaped by its encoder, numbers exactly as given.
/// </summary>
/// <remarks>A start token knows the index of its end token, so a value is skipped in one step.</remarks>
internal sealed class JsonTokens
{
    private readonly List<JsonToken> _items = [];

    public int Count => _items.Count;

    public JsonToken this[int index] => _items[index];

    /// <summary>Adds a token; returns its index.</summary>
    public int Add(JsonTokenType type, string? text = null)
    {
        _items.Add(new JsonToken(type, text, -1));
        return _items.Count - 1;
    }

    /// <summary>Closes the object or array that starts at <paramref name="start"/> with an end token.</summary>
    public void Close(int start, JsonTokenType type)
    {
        var end = Add(type);
        _items[start] = _items[start] with { End = end };
    }

    /// <summary>The index just after the value that starts at <paramref name="index"/>.</summary>
    public int After(int index) => _items[index].End >= 0 ? _items[index].End + 1 : index + 1;

    /// <summary>Writes the value that starts at <paramref name="index"/>.</summary>
    public void WriteValue(Utf8JsonWriter writer, int index)
    {
        var end = After(index);
        for (var i = index; i < end; i++)
        {
            var token = _items[i];
            switch (token.Type)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(token.Text!);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(token.Text);
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(token.Text!, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
    }
}

/// <summary>One token: its type, the text of a key, string or number, and for a start token the index of its end token.</summary>
internal readonly record struct JsonToken(JsonTokenType Type, string? Text, int End);
