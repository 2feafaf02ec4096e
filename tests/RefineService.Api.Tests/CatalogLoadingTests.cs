using System.Net;
using RefineService.Api.Contracts;
using RefineService.Api.Health;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

/// <summary>
/// The catalog is read before the service answers: however slowly it is read, the first request after a start is
/// answered from it, never with a 503 saying it is still loading. Each test starts a service of its own and sends its
/// first request.
/// </summary>
public sealed class CatalogLoadingTests : IAsyncDisposable
{
    // Long enough that a first request sent while the catalog loads in the background would surely arrive before it.
    private readonly SlowCatalogFactory _factory = new(TimeSpan.FromMilliseconds(500));

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("/v1/catalog")]
    [InlineData("/v1/catalog/services")]
    [InlineData("/v1/catalog/services/s3")]
    public async Task TheFirstCatalogRequestAfterAStartIsAnsweredFromTheCatalog(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetPathAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheFirstRecommendationAfterAStartIsAnswered()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonAsync(Recommendations, SeedRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0.21.202609261", (await response.ReadAnswerAsync<RecommendationResponse>()).CatalogVersion);
    }

    [Fact]
    public async Task TheFirstExpansionAfterAStartIsAnswered()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonTextAsync("/v1/actions/expand", """{ "patterns": ["s3:Get*"] }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheFirstReadinessProbeAfterAStartReportsTheCatalogVersion()
    {
        using var client = _factory.CreateClient();

        using var ready = await client.GetPathAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("0.21.202609261", (await ready.ReadAnswerAsync(HealthJsonContext.Default.HealthResponse)).CatalogVersion);
    }
}
