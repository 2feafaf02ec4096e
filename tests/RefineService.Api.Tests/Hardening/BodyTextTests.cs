using System.Net;
using System.Text;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests.Hardening;

/// <summary>Bodies whose text no string can hold are a client's mistake, answered 400 at the JSON path of the string at fault.</summary>
public class BodyTextTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private const string Unused = """ "unusedPermissions": [ { "serviceNamespace": "s3" } ] """;

    private async Task<KeyValuePair<string, string[]>> RefusedAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await _client.PostPathAsync(Recommendations, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return Assert.Single(await response.ReadErrorsAsync());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task BytesThatAreNotUtf8InAPolicyAreRefusedAtTheirPath()
    {
        byte[] body = [.. Utf8("""{ "policy": { "Statement": [ { "Effect": "Allow", "Action": ["s3:GetObject", "s3:"""), 0xFF, .. Utf8("""Get"] } ] }, """ + Unused + "}")];

        var (key, messages) = await RefusedAsync(body);

        Assert.Equal("$.policy.Statement[0].Action[1]", key);
        Assert.Equal("The text is not valid UTF-8; send the body as UTF-8.", Assert.Single(messages));
    }

    [Fact]
    public async Task AnEscapedSurrogateWithoutItsPairIsRefusedAtItsPath()
    {
        var (key, messages) = await RefusedAsync(Utf8("""{ "policy": { "Statement": { "Effect": "Allow", "Action": "s3:Get\ud800" } }, """ + Unused + "}"));

        Assert.Equal("$.policy.Statement.Action", key);
        Assert.StartsWith("The text holds an escaped surrogate", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyThatIsNotUnicodeTextIsRefusedAtItsObject()
    {
        var (key, messages) = await RefusedAsync(Utf8("""{ "policy": { "Statement": { "Effect": "Allow", "Action": "s3:Get", "Condition": { "\udc00": 1 } } }, """ + Unused + "}"));

        Assert.Equal("$.policy.Statement.Condition", key);
        Assert.StartsWith("A key holds an escaped surrogate", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASurrogateWithoutItsPairInADocumentGivenAsAStringIsRefusedAtTheDocument()
    {
        var (key, messages) = await RefusedAsync(Utf8("""{ "policy": "{ \"Statement\": { \"Effect\": \"Allow\", \"Action\": [\"s3:Get\", \"\\ud800\"] } }", """ + Unused + "}"));

        Assert.Equal("$.policy", key);
        Assert.EndsWith("(at $.Statement.Action[1] of the document the string holds).", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASurrogatePairIsTextAndGetsTheUsualCharacterRule()
    {
        var (key, messages) = await RefusedAsync(Utf8("""{ "policy": { "Statement": { "Effect": "Allow", "Action": "s3:Get", "Sid": "\ud83d\ude00" } }, """ + Unused + "}"));

        Assert.Equal("$.policy.Statement.Sid", key);
        Assert.Contains("IAM does not allow", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverOneMebibyteGets413AlsoOnAServerWithoutALimitOfItsOwn()
    {
        var request = SeedRequest().ToJsonString();
        using var content = new StringContent(request + new string(' ', (1024 * 1024) + 1 - request.Length), Encoding.UTF8, "application/json");

        using var response = await _client.PostPathAsync(Recommendations, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
