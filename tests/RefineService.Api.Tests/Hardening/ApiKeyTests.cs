using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Security;
using RefineService.Api.Tests.Fixtures;
using Serilog.Core;
using Serilog.Events;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests.Hardening;

/// <summary>Optional API keys: off unless configured; then every /v1 call needs a valid key in X-Api-Key, and the probes and documentation stay open.</summary>
public sealed class ApiKeyTests(ApiFactory factory) : IAsyncLifetime
{
    private const string PipelineKey = "pipeline-key-0123456789abcdef0123456789";
    private const string AuditKey = "audit-key-from-file-0123456789abcdef0123";

    private readonly string _keyFile = Path.GetTempFileName();
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private ConfiguredApiFactory? _keyed;

    private ConfiguredApiFactory Keyed => _keyed!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllLinesAsync(_keyFile, ["# client=key, one a line", string.Empty, $"audit = {AuditKey}"], TestContext.Current.CancellationToken);
        _keyed = await ConfiguredApiFactory.StartAsync(
            new Dictionary<string, string?>
            {
                ["ApiKeys:Clients:pipeline"] = PipelineKey,
                ["ApiKeys:File"] = _keyFile,
                ["Serilog:MinimumLevel:Default"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            },
            services => services.AddSingleton<ILogEventSink>(new Capture(_events)));
    }

    public async ValueTask DisposeAsync()
    {
        await Keyed.DisposeAsync();
        File.Delete(_keyFile);
    }

    private async Task<HttpResponseMessage> CatalogAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/catalog");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await Keyed.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WithoutConfiguredKeysTheApiIsOpen()
    {
        using var response = await factory.CreateClient().GetPathAsync("/v1/catalog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AV1CallWithoutAKeyGets401ProblemDetailsSayingWhereToSendIt()
    {
        using var response = await CatalogAsync(key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", response.Headers.WwwAuthenticate.ToString());
        // Problem details are read as untyped JSON: their wire form is what is checked.
        Assert.Equal("Send your API key in the X-Api-Key header.", (string?)(await response.ReadJsonAsync())["detail"]);
    }

    [Theory]
    [InlineData("pipeline-key-0123456789abcdef012345678")]
    [InlineData("pipeline-key-0123456789abcdef01234567890")]
    [InlineData("PIPELINE-KEY-0123456789ABCDEF0123456789")]
    public async Task AV1CallWithAWrongKeyGets401AndTheKeyIsNotEchoed(string key)
    {
        using var response = await CatalogAsync(key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("is not a key of this service", body, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AV1CallWithTheKeyOfAConfiguredClientIsServed()
    {
        using var response = await CatalogAsync(PipelineKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeysAreAlsoReadFromAMountedSecretFile()
    {
        using var response = await CatalogAsync(AuditKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EveryV1EndpointNeedsTheKey()
    {
        var client = Keyed.CreateClient();

        using var recommendations = await client.PostJsonAsync(Recommendations, SeedRequest());
        using var expand = await client.PostJsonTextAsync("/v1/actions/expand", """{ "patterns": ["s3:Get*"] }""");
        using var services = await client.GetPathAsync("/v1/catalog/services");
        using var service = await client.GetPathAsync("/v1/catalog/services/s3");

        Assert.All([recommendations, expand, services, service], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/")]
    [InlineData("/playground/playground.js")]
    [InlineData("/playground/config.json")]
    public async Task TheProbesTheDocumentationAndThePlaygroundPageStayOpen(string path)
    {
        using var response = await Keyed.CreateClient().GetPathAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheDocumentDeclaresTheKeySoSwaggerUiCanSendIt()
    {
        using var response = await Keyed.CreateClient().GetPathAsync("/swagger/v1/swagger.json");
        // The OpenAPI document is read as untyped JSON: its wire form is what is checked.
        var document = await response.ReadJsonAsync();

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        Assert.NotNull(document["security"]![0]!["ApiKey"]);
    }

    [Fact]
    public async Task NoKeyReachesTheLogsAtAnyLevel()
    {
        (await CatalogAsync(PipelineKey)).Dispose();
        (await CatalogAsync(AuditKey)).Dispose();
        (await CatalogAsync("wrong-key-0123456789abcdef0123456789abcd")).Dispose();

        var logged = _events.Select(e => e.RenderMessage() + string.Join(' ', e.Properties.Values) + e.Exception).ToList();
        Assert.NotEmpty(logged);
        Assert.DoesNotContain(logged, line => line.Contains("0123456789abcdef", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ApiKeys:Clients:short", "too-short-key", "client 'short' must have at least 32 characters")]
    [InlineData("ApiKeys:Clients:spaced", "a key with spaces 0123456789abcdef0123", "client 'spaced' must have at least 32 characters and no white space")]
    [InlineData("ApiKeys:File", "/no/such/key/file", "ApiKeys:File names '/no/such/key/file', which does not exist")]
    public void KeysThatCouldBeGuessedOrAMissingKeyFileStopTheServiceFromStartingWithoutSayingTheKey(string setting, string value, string reason)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddProblemDetails().AddApiKeyAuthentication().BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        if (setting.StartsWith("ApiKeys:Clients", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, failure.Message, StringComparison.Ordinal);
        }
    }

    private sealed class Capture(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}
