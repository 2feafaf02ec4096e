using System.Text;
using System.Text.Json;
using RefineService.Core.Policies;

namespace RefineService.Core.Tests.Policies;

/// <summary>Documents as IAM's query API and the SDKs built on it return them: JSON text, URL-encoded, inside a JSON string.</summary>
public sealed class UrlEncodedDocumentTests
{
    private const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"a+b c/%"}}}]}""";

    // The document given as the JSON string value the serializer reads it from.
    private static PolicyDocument ReadStringValue(string text)
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return PolicyDocument.Read(ref reader);
    }

    [Fact]
    public void AUrlEncodedDocumentIsReadAsTheDocumentItEncodes()
    {
        var document = ReadStringValue(Uri.EscapeDataString(Document));

        Assert.True(document.IsComplete);
        Assert.Equal(Document, document.ToCompactJson());
    }

    [Fact]
    public void APlusStaysAPlusAsIamEncodesASpaceAsPercentTwenty()
    {
        var encoded = Uri.EscapeDataString(Document);
        Assert.Contains("%2B", encoded, StringComparison.Ordinal);

        var document = ReadStringValue(encoded.Replace("%2B", "+", StringComparison.Ordinal));

        Assert.Contains("a+b c/%", document.ToCompactJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonTextIsNotDecoded()
    {
        // A '%' inside the JSON text is a character of the document, never an escape.
        Assert.Equal(Document, ReadStringValue(Document).ToCompactJson());
    }

    [Fact]
    public void AProblemInsideAUrlEncodedDocumentHasItsPathInTheDocument()
    {
        var document = ReadStringValue(Uri.EscapeDataString(Document.Replace("Allow", "Permit", StringComparison.Ordinal)));

        Assert.Equal("$.Statement[0].Effect", Assert.Single(document.Problems).Path);
    }
}
