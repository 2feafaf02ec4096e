using System.Net;
using RefineService.Api.Health;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

public class HealthTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task LivenessAnswersHealthy()
    {
        using var response = await _client.GetPathAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.ReadAnswerAsync(HealthJsonContext.Default.HealthResponse)).Status);
    }

    [Fact]
    public async Task ReadinessAnswersHealthyWithTheCatalogVersionOnceLoaded()
    {
        using var response = await _client.GetPathAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.ReadAnswerAsync(HealthJsonContext.Default.HealthResponse);
        Assert.Equal("Healthy", health.Status);
        Assert.Equal("0.21.202609261", health.CatalogVersion);
    }
}
