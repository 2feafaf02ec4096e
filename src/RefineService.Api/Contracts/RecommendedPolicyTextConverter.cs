using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// Writes a step's recommended policy, a JSON document as text, escaped as the writer escapes any string, and keeps the
/// escaped bytes for the next write of the same text: an answer with a <c>findingRecommendation</c> writes each step twice,
/// and escaping the document's every quote was most of what writing it cost (docs/performance.md). Reads a string.
/// </summary>
internal sealed class RecommendedPolicyTextConverter : JsonConverter<string>
{
    // One text per thread: a step's second write follows its first within the same answer, on the same thread unless the
    // answer's writing was suspended in between, in which case the text is escaped again.
    [ThreadStatic]
    private static Escaped? t_last;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteValue(writer, value);
    }

    /// <summary>Writes <paramref name="text"/> as the value of the member just named, exactly as <see cref="Utf8JsonWriter.WriteStringValue(string)"/> writes it.</summary>
    /// <remarks>A member's value only: an indented writer does not indent a raw value that is an item of a list.</remarks>
    public static void WriteValue(Utf8JsonWriter writer, string text)
    {
        var last = t_last ??= new Escaped();
        if (!ReferenceEquals(last.Text, text) || !ReferenceEquals(last.Encoder, writer.Options.Encoder))
        {
            last.Escape(text, writer.Options.Encoder);
        }

        // The bytes are a string value as a writer with the same encoder wrote it: nothing to check again.
        writer.WriteRawValue(last.Bytes, skipInputValidation: true);
    }

    // Its writer writes to memory it owns and is flushed after each value: there is nothing to release.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The writer holds managed memory only and is flushed after each value.")]
    private sealed class Escaped
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private Utf8JsonWriter? _writer;

        public string? Text { get; private set; }

        public JavaScriptEncoder? Encoder { get; private set; }

        public ReadOnlySpan<byte> Bytes => _buffer.WrittenSpan;

        // The service's own writer, with the same encoder, writes the value: the escaping is the writer's, not a copy of it.
        public void Escape(string text, JavaScriptEncoder? encoder)
        {
            Text = null;
            _buffer.ResetWrittenCount();
            if (_writer is null || !ReferenceEquals(Encoder, encoder))
            {
                _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
            }
            else
            {
                _writer.Reset(_buffer);
            }

            _writer.WriteStringValue(text);
            _writer.Flush();
            Encoder = encoder;
            Text = text;
        }
    }
}
