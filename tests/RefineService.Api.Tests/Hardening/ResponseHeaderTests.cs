using System.Net;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests.Hardening;

/// <summary>What the headers of answers say, on a real Kestrel server.</summary>
public sealed class ResponseHeaderTests : IAsyncLifetime
{
    private readonly KestrelApiFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        return _factory.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(string what)
    {
        var client = _factory.CreateClient();
        return what switch
        {
            "recommendation" => await client.PostJsonAsync(Recommendations, SeedRequest()),
            "refused recommendation" => await client.PostJsonTextAsync(Recommendations, """{ "policy": {} }"""),
            "unreadable recommendation" => await client.PostJsonTextAsync(Recommendations, "{"),
            "catalog" => await client.GetPathAsync("/v1/catalog"),
            "unknown route" => await client.GetPathAsync("/v1/nothing"),
            "readiness" => await client.GetPathAsync("/health/ready"),
            "playground" => await client.GetPathAsync("/"),
            "playground script" => await client.GetPathAsync("/playground/playground.js"),
            _ => await client.GetPathAsync("/swagger/v1/swagger.json"),
        };
    }

    [Theory]
    [InlineData("recommendation")]
    [InlineData("refused recommendation")]
    [InlineData("catalog")]
    [InlineData("unknown route")]
    [InlineData("readiness")]
    [InlineData("document")]
    [InlineData("playground")]
    [InlineData("playground script")]
    public async Task NoAnswerSaysWhichServerSentItAndEveryAnswerForbidsContentSniffing(string what)
    {
        using var response = await SendAsync(what);

        Assert.False(response.Headers.Contains("Server"), $"{what}: Server: {string.Join(", ", response.Headers.Server)}");
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("recommendation", HttpStatusCode.OK)]
    [InlineData("refused recommendation", HttpStatusCode.BadRequest)]
    [InlineData("unreadable recommendation", HttpStatusCode.BadRequest)]
    public async Task NoCacheMayStoreARecommendationAnswerNorItsErrors(string what, HttpStatusCode status)
    {
        using var response = await SendAsync(what);

        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{what}: Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task CatalogAnswersMayBeStored()
    {
        using var response = await SendAsync("catalog");

        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }
}
