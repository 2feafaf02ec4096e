using System.Diagnostics;
using Docker.DotNet.Models;

namespace RefineService.Container.Tests.Image;

/// <summary>What an orchestrator sees when it stops the service: SIGTERM, then a clean exit in time.</summary>
[Collection(nameof(ServiceImageTests))]
public sealed class ShutdownTests(ServiceImage image)
{
    [Fact]
    public async Task SigtermStopsTheServiceCleanlyWithinItsShutdownTimeout()
    {
        Assert.SkipWhen(image.SkipReason is not null, image.SkipReason ?? string.Empty);
        var ct = TestContext.Current.CancellationToken;
        await using var container = ServiceContainers.Create(image.Name);
        await container.StartAsync(ct);
        using var docker = ServiceImage.CreateDockerClient();
        var shutdownTimeout = ServiceContainers.ShutdownTimeout();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(shutdownTimeout);

        var stopwatch = Stopwatch.StartNew();
        await docker.Containers.KillContainerAsync(container.Id, new ContainerKillParameters { Signal = "SIGTERM" }, ct);
        var exit = await docker.Containers.WaitContainerAsync(container.Id, deadline.Token);
        stopwatch.Stop();

        Assert.Equal(0, exit.StatusCode);
        Assert.True(stopwatch.Elapsed < shutdownTimeout, $"stopping took {stopwatch.Elapsed}");
        var (stdout, _) = await container.GetLogsAsync(ct: ct);
        Assert.Contains("Application is shutting down", stdout, StringComparison.Ordinal);
    }
}
