using System.Net;
using RefineService.Api.Contracts;
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
        var answer = await response.ReadAnswerAsync<ExpandActionsResponse>();
        Assert.Equal("0.21.202609261", answer.CatalogVersion);
        var patterns = answer.Patterns;
        Assert.Equal(["ec2:Describe?pcs", "S3:getobjectversion", "s3:NoSuch*"], patterns.Select(p => p.Pattern));
        Assert.Equal(["ec2:DescribeVpcs"], patterns[0].Actions.Select(a => a.Action));
        Assert.Equal(["s3:GetObjectVersion"], patterns[1].Actions.Select(a => a.Action));
        Assert.Equal("Read", patterns[1].Actions[0].AccessLevel);
        Assert.Equal(0, patterns[2].ActionCount);
    }

    [Fact]
    public async Task AStarMatchesEveryAction()
    {
        using var response = await _client.PostJsonTextAsync(Expand, """{ "patterns": ["*"] }""");

        Assert.Equal(22091, (await response.ReadAnswerAsync<ExpandActionsResponse>()).Patterns[0].ActionCount);
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
