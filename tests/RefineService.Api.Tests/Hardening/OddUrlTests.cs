using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Hardening;

/// <summary>Odd text in the URL, sent to a real Kestrel server (the in-memory test server decodes URLs on the client side).</summary>
public sealed class OddUrlTests : IAsyncLifetime
{
    private readonly KestrelApiFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        return _factory.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task OddServicePrefixesGetAnAnswerOrANotFoundProblem()
    {
        using var client = _factory.CreateClient();
        var random = new Random(7);
        string[] prefixes = ["s3", "S3", "%FF%FE", "%ED%A0%80", "..%2F..%2Fetc", "a%2Fb", new string('x', 5_000), "%C3%A9", "%F0%9F%98%80", "*", "%3F", "%20", "%25"];
        var randomPrefixes = Enumerable.Range(0, 200).Select(_ => Uri.EscapeDataString(new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(1, 0xD800))])));

        foreach (var prefix in prefixes.Concat(randomPrefixes))
        {
            using var response = await client.GetPathAsync("/v1/catalog/services/" + prefix);

            Assert.Null(await FuzzTests.ProblemWithAsync(response, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task ANulInThePathIsRefusedByTheServerItselfWith400()
    {
        using var client = _factory.CreateClient();

        // Kestrel answers before the application sees the request, so this answer has no body.
        using var response = await client.GetPathAsync("/v1/catalog/services/%00");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
