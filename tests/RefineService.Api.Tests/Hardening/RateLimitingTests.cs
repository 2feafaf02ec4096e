using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Hardening;

/// <summary>
/// The per-client rate limit: off in Development, and when turned on, 429 problem details with Retry-After past a
/// client's burst. The limited services run on a fake clock that stands still unless a test moves it, so a slow machine
/// never gives a token back in the middle of a test.
/// </summary>
public sealed class RateLimitingTests(ApiFactory factory)
{
    private const string ClientKey = "ci-pipeline-0123456789abcdef0123456789";
    private const string OtherKey = "nightly-audit-0123456789abcdef012345678";

    private readonly FakeTimeProvider _clock = new();

    /// <summary>The service limited to one request a second after a burst of <paramref name="burst"/>, on the test's clock.</summary>
    private Task<ConfiguredApiFactory> StartLimitedAsync(int burst, bool keys = false) =>
        ConfiguredApiFactory.StartAsync(Limited(burst, keys), services => services.AddSingleton<TimeProvider>(_clock));

    private static Dictionary<string, string?> Limited(int burst, bool keys)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (keys)
        {
            settings["ApiKeys:Clients:ci-pipeline"] = ClientKey;
            settings["ApiKeys:Clients:nightly-audit"] = OtherKey;
        }

        return settings;
    }

    private static async Task<HttpStatusCode> CatalogAsync(HttpClient client, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/catalog");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task RequestsAreNotLimitedInDevelopment()
    {
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add(await CatalogAsync(client));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task AClientPastItsBurstGets429ProblemDetailsWithRetryAfter()
    {
        await using var limited = await StartLimitedAsync(burst: 3);
        using var client = limited.CreateClient();

        var served = new[] { await CatalogAsync(client), await CatalogAsync(client), await CatalogAsync(client) };
        using var refused = await client.GetPathAsync("/v1/catalog");

        Assert.All(served, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        // Problem details are read as untyped JSON: their wire form is what is checked.
        var problem = await refused.ReadJsonAsync();
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal("This client may make 1 requests a second (3 at once); retry after 1 seconds.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task ARefusedClientIsServedAgainOnceASecondHasGivenItATokenBack()
    {
        await using var limited = await StartLimitedAsync(burst: 1);
        using var client = limited.CreateClient();

        var first = await CatalogAsync(client);
        var refused = await CatalogAsync(client);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        var tooSoon = await CatalogAsync(client);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var again = await CatalogAsync(client);
        var then = await CatalogAsync(client);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [first, refused, tooSoon, again, then]);
    }

    [Fact]
    public async Task TheProbesAndTheDocumentationAreNotLimited()
    {
        await using var limited = await StartLimitedAsync(burst: 1);
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            foreach (var path in new[] { "/health/ready", "/health/live", "/swagger/v1/swagger.json" })
            {
                using var response = await client.GetPathAsync(path);
                statuses.Add(response.StatusCode);
            }
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task WithApiKeysEachClientHasItsOwnLimit()
    {
        await using var limited = await StartLimitedAsync(burst: 2, keys: true);
        using var client = limited.CreateClient();

        var first = new[] { await CatalogAsync(client, ClientKey), await CatalogAsync(client, ClientKey), await CatalogAsync(client, ClientKey) };
        var other = await CatalogAsync(client, OtherKey);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task GuessingKeysIsLimitedByAddress()
    {
        await using var limited = await StartLimitedAsync(burst: 2, keys: true);
        using var client = limited.CreateClient();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add(await CatalogAsync(client, $"guess-{i}-0123456789abcdef0123456789"));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], guesses);
    }
}
