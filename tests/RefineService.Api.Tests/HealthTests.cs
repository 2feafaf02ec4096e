using System.Net;
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
        Assert.Equal("Healthy", (string?)(await response.ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task ReadinessAnswersHealthyWithTheCatalogVersionOnceLoaded()
    {
        using var response = await _client.GetPathAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("0.21.202609261", (string?)body["catalogVersion"]);
    }
}
