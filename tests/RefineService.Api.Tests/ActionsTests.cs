using System.Net;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

public class ActionsTests(ApiFactory factory)
{
    private const string Expand = "/v1/actions/expand";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EachPatternExpandsToTheCatalogActionsItMatches()
    {
        using var response = await _client.PostJsonTextAsync(Expand, """{ "patterns": ["ec2:Describe?pcs", "S3:getobjectversion", "s3:NoSuch*"] }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("0.21.202609261", (string?)body["catalogVersion"]);
        var patterns = body["patterns"]!.AsArray();
        Assert.Equal(["ec2:Describe?pcs", "S3:getobjectversion", "s3:NoSuch*"], patterns.Select(p => (string)p!["pattern"]!));
        Assert.Equal(["ec2:DescribeVpcs"], patterns[0]!["actions"]!.AsArray().Select(a => (string)a!["action"]!));
        Assert.Equal(["s3:GetObjectVersion"], patterns[1]!["actions"]!.AsArray().Select(a => (string)a!["action"]!));
        Assert.Equal("Read", (string?)patterns[1]!["actions"]![0]!["accessLevel"]);
        Assert.Equal(0, (int)patterns[2]!["actionCount"]!);
    }

    [Fact]
    public async Task AStarMatchesEveryAction()
    {
        using var response = await _client.PostJsonTextAsync(Expand, """{ "patterns": ["*"] }""");

        Assert.Equal(22091, (int)(await response.ReadJsonAsync())["patterns"]![0]!["actionCount"]!);
    }

    [Theory]
    [InlineData("""{ }""", "$.patterns")]
    [InlineData("""{ "patterns": [] }""", "$.patterns")]
    [InlineData("""{ "patterns": ["s3:Get*", "Get*"] }""", "$.patterns[1]")]
    [InlineData("""{ "patterns": ["s3:Get Object"] }""", "$.patterns[0]")]
    [InlineData("""{ "patterns": [null] }""", "$.patterns[0]")]
    public async Task PatternsThatAreMissingOrNotActionPatternsAreRefused(string body, string key)
    {
        using var response = await _client.PostJsonTextAsync(Expand, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([key], (await response.ReadErrorsAsync()).Keys);
    }

    [Fact]
    public async Task MoreThanAHundredPatternsAreRefused()
    {
        var patterns = string.Join(", ", Enumerable.Repeat("\"s3:Get*\"", 101));

        using var response = await _client.PostJsonTextAsync(Expand, $$"""{ "patterns": [{{patterns}}] }""");

        Assert.Equal(["$.patterns"], (await response.ReadErrorsAsync()).Keys);
    }
}
