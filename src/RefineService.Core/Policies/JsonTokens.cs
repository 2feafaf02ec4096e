using System.Buffers;
using System.Text.Json;

namespace RefineService.Core.Policies;

/// <summary>
/// The tokens of a JSON text read once, kept so that any value of it can be written again with any writer's settings, as
/// the writer would write it: strings and keys re-escaped by its encoder, numbers exactly as given.
/// </summary>
/// <remarks>A start token knows the index of its end token, so a value is skipped in one step.</remarks>
internal sealed class JsonTokens
{
    // Rented while the tokens are read, then copied once into an array of the exact length (Seal).
    private JsonToken[] _items = ArrayPool<JsonToken>.Shared.Rent(64);
    private bool _sealed;

    public int Count { get; private set; }

    public JsonToken this[int index] => _items[index];

    /// <summary>Adds a token; returns its index.</summary>
    public int Add(JsonTokenType type, string? text = null)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<JsonToken>.Shared.Rent(2 * _items.Length);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<JsonToken>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }

        _items[Count] = new JsonToken(type, text, -1);
        return Count++;
    }

    /// <summary>Ends the reading: the tokens move into an array of their own, and the rented one goes back to the pool.</summary>
    public void Seal()
    {
        if (!_sealed)
        {
            var rented = _items;
            _items = rented.AsSpan(0, Count).ToArray();
            ArrayPool<JsonToken>.Shared.Return(rented, clearArray: true);
            _sealed = true;
        }
    }

    /// <summary>Closes the object or array that starts at <paramref name="start"/> with an end token.</summary>
    public void Close(int start, JsonTokenType type)
    {
        var end = Add(type);
        _items[start] = _items[start] with { End = end };
    }

    /// <summary>The index just after the value that starts at <paramref name="index"/>.</summary>
    public int After(int index) => _items[index].End >= 0 ? _items[index].End + 1 : index + 1;

    /// <summary>
    /// Writes an object of the document: its members in their order, each kept value as read, and the one member the model
    /// holds itself (its value -1) by <paramref name="writeOwn"/>.
    /// </summary>
    public void WriteObject<TState>(Utf8JsonWriter writer, IReadOnlyList<PolicyMember> members, TState state, Action<Utf8JsonWriter, TState> writeOwn)
    {
        writer.WriteStartObject();
        foreach (var member in members)
        {
            writer.WritePropertyName(member.Name);
            if (member.Value >= 0)
            {
                WriteValue(writer, member.Value);
            }
            else
            {
                writeOwn(writer, state);
            }
        }

        writer.WriteEndObject();
    }

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
