using System.Net;
using System.Text;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

public class RequestBodyTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static async Task<KeyValuePair<string, string[]>> SingleErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return Assert.Single(await response.ReadErrorsAsync());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedWithLineAndPosition()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, "policy: yes");

        var (key, messages) = await SingleErrorAsync(response);
        Assert.Equal("$", key);
        Assert.StartsWith("The body is not valid JSON", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Contains("(line 1, position 1)", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenJsonInsideADocumentIsRefusedAtItsPathWithLineAndPosition()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, "{\n  \"policy\": {\n    \"Statement\": [,]\n  }\n}");

        var (key, messages) = await SingleErrorAsync(response);
        Assert.Equal("$.policy", key);
        Assert.Contains("(line 3, position", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFieldOfTheWrongTypeIsRefusedAtItsPath()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, """{ "policies": { "document": {} } }""");

        var (key, messages) = await SingleErrorAsync(response);
        Assert.Equal("$.policies", key);
        Assert.DoesNotContain("System.", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyGivenTwiceInADocumentIsRefusedNotGuessed()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, """{ "policy": { "Statement": [], "Statement": [] }, "unusedPermissions": [] }""");

        var (key, messages) = await SingleErrorAsync(response);
        Assert.Equal("$.policy", key);
        Assert.Contains("'Statement'", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyGivenTwiceInADocumentStringIsRefused()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, """{ "policy": "{ \"Statement\": [], \"Statement\": [] }", "unusedPermissions": [] }""");

        var (key, _) = await SingleErrorAsync(response);
        Assert.Equal("$.policy", key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task AnEmptyBodyIsRefusedAtTheRoot(string body)
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, body);

        var (key, messages) = await SingleErrorAsync(response);
        Assert.Equal("$", key);
        Assert.Equal("The request has no body; send a JSON object.", Assert.Single(messages));
    }

    [Fact]
    public async Task ABodyThatIsNotDeclaredAsJsonGets415()
    {
        using var response = await _client.PostPathAsync(Recommendations, new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Problem details are read as untyped JSON: their wire form is what is checked.
        Assert.Contains("Content-Type: application/json", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }
}
