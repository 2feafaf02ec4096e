using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static RefineService.Container.Tests.RepositoryFiles;

namespace RefineService.Container.Tests.Image;

/// <summary>The image built from the Dockerfile, running with the compose file's hardening, serves the service.</summary>
[Collection(nameof(ServiceImageTests))]
public sealed class ServiceContainerTests(ServiceImage image, RunningService service) : IClassFixture<RunningService>
{
    [Fact]
    public async Task SeedExampleIsAnsweredWithTheArticlesRecommendedPolicy()
    {
        Assert.SkipWhen(image.SkipReason is not null, image.SkipReason ?? string.Empty);
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient { BaseAddress = ServiceContainers.BaseAddress(service.Container) };
        using var request = new StringContent(await File.ReadAllTextAsync(SeedFile("seed-request.json"), ct), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/v1/recommendations", UriKind.Relative), request, ct);

        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /v1/recommendations answered {(int)response.StatusCode}: {body}");
        var recommendation = Assert.Single(JsonNode.Parse(body)!["recommendations"]!.AsArray())!;
        Assert.Equal("CREATE_POLICY", Text(recommendation["recommendedAction"]));
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(SeedFile("seed-recommended-policy.json"), ct))!;
        var actual = recommendation["recommendedPolicy"];
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected.ToJsonString()}\nbut got {actual?.ToJsonString()}");
        // DeepEquals ignores the order of keys; the recommended policy keeps the input's.
        Assert.Equal(expected.ToJsonString(), actual!.ToJsonString());
    }

    [Fact]
    public async Task ServiceProcessRunsAsTheNonRootAppUser()
    {
        Assert.SkipWhen(image.SkipReason is not null, image.SkipReason ?? string.Empty);
        var ct = TestContext.Current.CancellationToken;

        var status = await service.Container.ExecAsync(["cat", "/proc/1/status"], ct);

        Assert.Equal(0, status.ExitCode);
        var fields = status.Stdout.Split('\n').Select(line => line.Split(':', 2)).Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1].Trim());
        // PID 1 is the service itself: the exec-form ENTRYPOINT starts no shell in between.
        Assert.Equal("dotnet", fields["Name"]);
        var uid = Assert.Single(fields["Uid"].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Distinct());
        Assert.NotEqual("0", uid);
        var passwd = Encoding.UTF8.GetString(await service.Container.ReadFileAsync("/etc/passwd", ct));
        var user = passwd.Split('\n').Select(line => line.Split(':')).Single(f => f.Length > 2 && f[2] == uid)[0];
        Assert.Equal("app", user);
    }

    [Fact]
    public async Task ImageHealthCheckFindsTheRunningServiceHealthy()
    {
        Assert.SkipWhen(image.SkipReason is not null, image.SkipReason ?? string.Empty);
        var ct = TestContext.Current.CancellationToken;
        using var docker = ServiceImage.CreateDockerClient();
        var healthCheck = (await docker.Images.InspectImageAsync(image.Name, ct)).Config?.Healthcheck;
        var command = healthCheck?.Test ?? [];
        Assert.Equal("CMD", command.FirstOrDefault());

        var probe = await service.Container.ExecAsync(command.Skip(1).ToList(), ct);

        Assert.True(probe.ExitCode == 0, "the health check failed: " + probe.Stdout + probe.Stderr);
        Assert.StartsWith("200 ", probe.Stdout, StringComparison.Ordinal);
    }

    private static string SeedFile(string name) => Path.Combine(AppContext.BaseDirectory, "Seed", name);
}
