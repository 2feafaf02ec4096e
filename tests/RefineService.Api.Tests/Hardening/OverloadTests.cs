using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RefineService.Api.Limits;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Hardening;

/// <summary>
/// The production defaults serve a pipeline at full speed, and a flood past the concurrency limit's queue is refused
/// with 503 problem details while the probes keep answering. The service is filled by the test itself, taking the
/// limiter's permits and queue places, so no timing decides what is refused.
/// </summary>
public sealed class OverloadTests
{
    private static readonly Dictionary<string, string?> Production = new() { ["environment"] = "Production" };

    [Fact]
    public async Task FiveThousandRequestsFromOneClientWithTheProductionSettingsGetNo429()
    {
        await using var service = await ConfiguredApiFactory.StartAsync(Production);
        Assert.Equal(Environments.Production, service.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
        using var client = service.CreateClient();
        var body = HttpClientExtensions.SeedRequest().ToJsonString();

        // One client address, 16 requests at a time, as a pipeline's worker pool would send them.
        var statuses = new HttpStatusCode[5_000];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < statuses.Length)
            {
                using var response = i % 5 == 0
                    ? await client.GetPathAsync("/v1/catalog")
                    : await client.PostJsonTextAsync("/v1/recommendations", body);
                statuses[i] = response.StatusCode;
            }
        }));

        Assert.Equal(5_000, statuses.Count(status => status == HttpStatusCode.OK));
    }

    [Fact]
    public async Task AFloodBeyondTheQueueGets503ProblemsWithRetryAfterWhileTheProbesAnswer()
    {
        await using var service = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?>(Production)
        {
            ["ConcurrencyLimit:PermitLimit"] = "2",
            ["ConcurrencyLimit:QueueLimit"] = "3",
        });
        using var client = service.CreateClient();
        var limit = service.Services.GetRequiredService<ServiceConcurrencyLimit>();
        var cancel = TestContext.Current.CancellationToken;

        // Every permit taken and every queue place waiting: the service is saturated.
        var held = new List<RateLimitLease> { await limit.AcquireAsync(cancel), await limit.AcquireAsync(cancel) };
        var waiting = Enumerable.Range(0, 3).Select(_ => limit.AcquireAsync(cancel).AsTask()).ToList();

        var flood = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var response = i % 2 == 0
                ? await client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest())
                : await client.GetPathAsync("/v1/catalog");
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.Delta, Problem: await response.ReadJsonAsync());
        }));
        using var live = await client.GetPathAsync("/health/live");
        using var ready = await client.GetPathAsync("/health/ready");
        using var metrics = await client.GetPathAsync("/metrics");

        Assert.All(flood, refused =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Delta);
            Assert.Equal("The service works on 2 requests at once and 3 are waiting; retry after 1 second.", (string?)refused.Problem["detail"]);
        });
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);

        // Once the load is gone the service answers again.
        held.ForEach(lease => lease.Dispose());
        foreach (var waiter in waiting)
        {
            using var lease = await waiter;
            Assert.True(lease.IsAcquired);
        }

        using var served = await client.GetPathAsync("/v1/catalog");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task ARequestThatFindsEveryPermitTakenWaitsInTheQueueAndIsServed()
    {
        await using var service = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?>(Production)
        {
            ["ConcurrencyLimit:PermitLimit"] = "1",
            ["ConcurrencyLimit:QueueLimit"] = "1",
        });
        using var client = service.CreateClient();
        var limit = service.Services.GetRequiredService<ServiceConcurrencyLimit>();
        var held = await limit.AcquireAsync(TestContext.Current.CancellationToken);

        var queued = client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest());
        while (limit.GetStatistics(null!)?.CurrentQueuedCount != 1)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        held.Dispose();
        using var response = await queued;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
