using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RefineService.Api.Contracts;

namespace RefineService.Api.Tests;

/// <summary>
/// A step's recommended policy is escaped once and its bytes written again for the step's second write: whatever the text,
/// encoder, layout and order of writes, the bytes must be those <see cref="Utf8JsonWriter.WriteString(string, string)"/> writes.
/// </summary>
public sealed class RecommendedPolicyTextWritingTests
{
    public static TheoryData<string> Texts => [.. AllTexts];

    private static readonly string[] AllTexts =
    [
        string.Empty,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\"],\"Resource\":\"*\"}]}",
        "plain text without anything to escape",
        "<script>&'\"+\\/\b\f\n\r\t\u0001\u001f\u007f",
        "non-ASCII: é ü ß 日本語 \u2028 \u2029 😀",
        new string('"', 3000) + new string('x', 3000),
    ];

    public static TheoryData<string, bool> Layouts => new()
    {
        { "default", false }, { "default", true }, { "relaxed", false }, { "relaxed", true }, { "none", false }, { "none", true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryTextIsWrittenAsTheWriterWritesItTwiceInARow(string encoder, bool indented)
    {
        var options = Options(encoder, indented);
        foreach (var text in AllTexts)
        {
            Assert.Equal(Plain(options, text, text), Cached(options, text, text));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TextsWrittenInTurnAreEachWrittenAsTheWriterWritesThem(string encoder, bool indented)
    {
        var options = Options(encoder, indented);
        var texts = AllTexts;
        for (var i = 0; i < texts.Length; i++)
        {
            // The same text as another instance, then the one before it again: the kept bytes are for one instance only.
            var again = new string(texts[i].AsSpan());
            Assert.Equal(Plain(options, texts[i], again, texts[(i + texts.Length - 1) % texts.Length]), Cached(options, texts[i], again, texts[(i + texts.Length - 1) % texts.Length]));
        }
    }

    [Fact]
    public void TheSameTextWithAnotherEncoderIsEscapedAgain()
    {
        const string text = "{\"a\":\"<b>\"}";
        var strict = Options("default", indented: false);
        var relaxed = Options("relaxed", indented: false);

        Assert.Equal(Plain(strict, text), Cached(strict, text));
        Assert.Equal(Plain(relaxed, text), Cached(relaxed, text));
        Assert.Equal(Plain(strict, text), Cached(strict, text));
        Assert.NotEqual(Plain(strict, text), Plain(relaxed, text));
    }

    private static JsonWriterOptions Options(string encoder, bool indented) => new()
    {
        Indented = indented,
        Encoder = encoder switch
        {
            "default" => JavaScriptEncoder.Default,
            "relaxed" => JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            _ => null,
        },
    };

    // Each text as a member's value, the one place a step's policy is written.
    private static string Plain(JsonWriterOptions options, params string[] texts) => Write(options, texts, (writer, text) => writer.WriteStringValue(text));

    private static string Cached(JsonWriterOptions options, params string[] texts) => Write(options, texts, RecommendedPolicyTextConverter.WriteValue);

    private static string Write(JsonWriterOptions options, string[] texts, Action<Utf8JsonWriter, string> value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            for (var i = 0; i < texts.Length; i++)
            {
                writer.WritePropertyName("recommendedPolicy" + i);
                value(writer, texts[i]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
