using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Core.Catalog;

namespace RefineService.Api.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> serves the framework's HTTP metrics and each of the service's own instruments, with the counts of the
/// requests a test made. Each test has a service of its own, and runs alone: OpenTelemetry listens to meters by name,
/// process-wide, so a service started by another test at the same time would be counted too.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AfterAFewRequestsMetricsHoldTheRequestDurationsAndEveryInstrumentWithItsCount()
    {
        // A per-client limit of 5 at once on a clock that stands still: the sixth API request is refused.
        await using var service = await ConfiguredApiFactory.StartAsync(
            new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "true", ["RateLimiting:PermitsPerSecond"] = "1", ["RateLimiting:Burst"] = "5" },
            services => services.AddSingleton<TimeProvider>(_clock));
        using var client = service.CreateClient();
        var answers = new List<RecommendationResponse>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest());
            answers.Add(await response.ReadAnswerAsync<RecommendationResponse>());
        }

        using var expand = await client.PostJsonTextAsync("/v1/actions/expand", """{"patterns":["s3:Get*"]}""");
        using var catalog = await client.GetPathAsync("/v1/catalog");
        using var refused = await client.GetPathAsync("/v1/catalog");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // The framework records a request's duration as the request ends, after the client has its answer: wait for it.
        var metrics = await ScrapeUntilAsync(client, text => Value(text, "http_server_request_duration_seconds_count", "http_route=\"/v1/") == 6);

        var removed = answers.SelectMany(a => a.Recommendations).SelectMany(r => r.Summary.RemovedByAccessLevel)
            .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var catalogInForce = service.Services.GetRequiredService<RefineService.Api.Catalog.CurrentCatalog>().Catalog;
        Assert.Equal(3, Value(metrics, "refineservice_recommendations_total"));
        Assert.Equal(3, Value(metrics, "refineservice_policies_refined_total", "refineservice_recommended_action=\"CreatePolicy\""));
        Assert.Equal(3, Value(metrics, "refineservice_engine_duration_seconds_count"));
        Assert.Equal(3, Value(metrics, "refineservice_engine_duration_seconds_bucket", "le=\"+Inf\""));
        Assert.NotEmpty(removed);
        Assert.All(removed.Where(kv => kv.Value > 0), kv =>
            Assert.Equal(kv.Value, Value(metrics, "refineservice_actions_removed_total", $"refineservice_access_level=\"{kv.Key}\"")));
        Assert.Equal(1, Value(metrics, "refineservice_requests_refused_total", "refineservice_limit=\"client_rate\""));
        Assert.Equal(catalogInForce.Count, Value(metrics, "refineservice_catalog_actions", $"refineservice_catalog_version=\"{catalogInForce.Version}\""));
        Assert.Equal((_clock.GetUtcNow() - catalogInForce.DataDate!.Value).TotalSeconds,
            Value(metrics, "refineservice_catalog_age_seconds", $"refineservice_catalog_version=\"{catalogInForce.Version}\""), 3);
        Assert.Equal(3, Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/v1/recommendations/\"", "http_response_status_code=\"200\""));
        Assert.Equal(1, Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/v1/actions/expand\"", "http_response_status_code=\"200\""));
        Assert.Equal(1, Value(metrics, "http_server_request_duration_seconds_count", "http_response_status_code=\"429\""));
    }

    [Fact]
    public async Task MetricsCanBeTurnedOff()
    {
        await using var service = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?> { ["Telemetry:PrometheusEnabled"] = "false" });
        using var client = service.CreateClient();

        using var response = await client.GetPathAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // At most 100 scrapes 100 ms apart; the last is returned whatever it holds, for the assertions to say what is missing.
    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.GetPathAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (done(text) || attempt == 100)
            {
                return text;
            }

            // The exporter keeps a scrape's answer for a moment; ask again a little later.
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    // The sum of the samples of `name` whose labels include every one of `labels` (0 when none has).
    private static double Value(string metrics, string name, params string[] labels) =>
        Sample().Matches(metrics)
            .Where(m => m.Groups["name"].Value == name && labels.All(label => m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

/// <summary>Runs <see cref="MetricsTests"/> when no other test runs.</summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsTestsRunAlone;
