using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RefineService.Api.Tests.Accounts;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests.Hardening;

/// <summary>
/// Bodies sent compressed (<c>Content-Encoding: gzip</c> or <c>br</c>) are read on every endpoint, over a real server
/// (Kestrel), and the body limits count the decompressed bytes: a small body that expands past the limit is a 413.
/// </summary>
public sealed class RequestDecompressionTests : IAsyncLifetime
{
    private readonly KestrelApiFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        return _factory.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task ACompressedRecommendationRequestIsAnsweredAsThePlainOne(string encoding)
    {
        using var client = _factory.CreateClient();
        var text = SeedRequest().ToJsonString();

        using var plain = await client.PostJsonTextAsync(Recommendations, text);
        using var compressed = await client.PostPathAsync(Recommendations, Compressed(text, encoding));

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal((await plain.ReadJsonAsync())["recommendations"]!.ToJsonString(), (await compressed.ReadJsonAsync())["recommendations"]!.ToJsonString());
    }

    [Fact]
    public async Task ACompressedBodyThatExpandsPastOneMebibyteIs413()
    {
        using var client = _factory.CreateClient();

        // About 2 KB sent, 4 MiB decompressed.
        var bomb = SeedRequest().ToJsonString() + new string(' ', 4 * 1024 * 1024);
        using var response = await client.PostPathAsync(Recommendations, Compressed(bomb, "gzip"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("counted decompressed", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWholeAccountOverOneMebibyteIsReadUpToItsOwnLimit()
    {
        using var client = _factory.CreateClient();
        var text = AccountRecommendationsTests.ExampleRequest().ToJsonString();

        using var response = await client.PostJsonTextAsync(AccountRecommendationsTests.Accounts, text + new string(' ', 3 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ACompressedAccountIsRead()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostPathAsync(AccountRecommendationsTests.Accounts, Compressed(AccountRecommendationsTests.ExampleRequest().ToJsonString(), "br"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The body as a pipeline sends it: compressed, with its encoding declared.</summary>
    public static ByteArrayContent Compressed(string json, string encoding)
    {
        using var buffer = new MemoryStream();
        using (Stream compressor = encoding == "br" ? new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }
}

/// <summary>The account endpoint's own body limit, as configured: counted decompressed, like every limit.</summary>
public sealed class AccountBodyLimitTests
{
    [Fact]
    public async Task ACompressedAccountThatExpandsPastTheAccountLimitIs413()
    {
        await using var factory = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?> { ["AccountRequestLimit:MaxBodyBytes"] = "2097152" });
        using var client = factory.CreateClient();
        var text = AccountRecommendationsTests.ExampleRequest().ToJsonString();

        using var within = await client.PostJsonTextAsync(AccountRecommendationsTests.Accounts, text + new string(' ', 1024 * 1024));
        using var bomb = await client.PostPathAsync(AccountRecommendationsTests.Accounts, RequestDecompressionTests.Compressed(text + new string(' ', 3 * 1024 * 1024), "gzip"));

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        Assert.Contains("2097152 bytes (2 MiB, counted decompressed)", (string?)(await bomb.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }
}
