using System.Net;
using System.Text;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

public sealed class BodySizeLimitTests : IAsyncLifetime
{
    private readonly KestrelApiFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        return _factory.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static StringContent JsonOfLength(int length)
    {
        // A valid request padded with white space to the wanted length.
        var request = SeedRequest().ToJsonString();
        return new StringContent(request + new string(' ', length - Encoding.UTF8.GetByteCount(request)), Encoding.UTF8, "application/json");
    }

    [Fact]
    public async Task ABodyOverOneMebibyteGets413ProblemDetails()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostPathAsync(Recommendations, JsonOfLength((1024 * 1024) + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Problem details are read as untyped JSON: their wire form is what is checked.
        Assert.Contains("1 MiB", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOfExactlyOneMebibyteIsRead()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostPathAsync(Recommendations, JsonOfLength(1024 * 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
