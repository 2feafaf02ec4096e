using System.Net;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

public sealed class CatalogLoadingTests : IAsyncDisposable
{
    private readonly LoadingCatalogFactory _factory = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("/v1/catalog")]
    [InlineData("/v1/catalog/services")]
    [InlineData("/v1/catalog/services/s3")]
    public async Task CatalogEndpointsAnswer503WhileTheCatalogLoads(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetPathAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RecommendationsAnswer503WhileTheCatalogLoads()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonAsync(Recommendations, SeedRequest());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("The action catalog is loading", (string?)(await response.ReadJsonAsync())["title"]);
    }

    [Fact]
    public async Task ExpansionAnswers503WhileTheCatalogLoads()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonTextAsync("/v1/actions/expand", """{ "patterns": ["s3:Get*"] }""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task ReadinessFailsWhileLivenessSucceeds()
    {
        using var client = _factory.CreateClient();

        using var live = await client.GetPathAsync("/health/live");
        using var ready = await client.GetPathAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", (string?)(await ready.ReadJsonAsync())["status"]);
    }
}
