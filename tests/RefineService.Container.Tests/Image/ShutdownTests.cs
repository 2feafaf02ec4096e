using Docker.DotNet.Models;

namespace RefineService.Container.Tests.Image;

/// <summary>What an orchestrator sees when it stops the service: SIGTERM, then a clean exit of its own.</summary>
/// <remarks>
/// How long the stop takes is not asserted: the service's own shutdown timeout bounds it, and on a loaded machine the
/// engine's part (the signal, the wait, the container's teardown) adds time of its own. The wait is a safety net only.
/// </remarks>
[Collection(nameof(ServiceImageTests))]
public sealed class ShutdownTests(ServiceImage image)
{
    [Fact]
    public async Task SigtermStopsTheServiceCleanly()
    {
        Assert.SkipWhen(image.SkipReason is not null, image.SkipReason ?? string.Empty);
        var ct = TestContext.Current.CancellationToken;
        await using var container = ServiceContainers.Create(image.Name);
        await container.StartAsync(ct);
        using var docker = ServiceImage.CreateDockerClient();
        using var safetyNet = CancellationTokenSource.CreateLinkedTokenSource(ct);
        safetyNet.CancelAfter(ServiceContainers.ShutdownTimeout() + TimeSpan.FromMinutes(2));

        await docker.Containers.KillContainerAsync(container.Id, new ContainerKillParameters { Signal = "SIGTERM" }, ct);
        var exit = await docker.Containers.WaitContainerAsync(container.Id, safetyNet.Token);

        Assert.Equal(0, exit.StatusCode);
        var (stdout, _) = await container.GetLogsAsync(ct: ct);
        Assert.Contains("Application is shutting down", stdout, StringComparison.Ordinal);
    }
}
