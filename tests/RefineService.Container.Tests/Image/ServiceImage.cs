using Docker.DotNet;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;

namespace RefineService.Container.Tests.Image;

/// <summary>The service's image, built once per test run from the repository's own Dockerfile.</summary>
/// <remarks>
/// Shared by the <see cref="ServiceImageTests"/> collection, so that a failed build fails the container tests only.
/// The Dockerfile is found from the test binaries' folder rather than from the source path, which deterministic
/// CI builds rewrite.
/// Environment: <c>REFINESERVICE_SDK_IMAGE</c> and <c>REFINESERVICE_RUNTIME_IMAGE</c> replace the official base
/// images (the Dockerfile's build arguments) and <c>REFINESERVICE_BUILD_NETWORK</c> names the network the build
/// restores packages through; deploy/local-base-images.sh sets all three on a host without registry access.
/// </remarks>
public sealed class ServiceImage : IAsyncLifetime
{
    public const string Tag = "refineservice:container-tests";

    private IFutureDockerImage? _image;

    /// <summary>Why the container tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public string Name => _image?.FullName ?? throw new InvalidOperationException(SkipReason);

    public async ValueTask InitializeAsync()
    {
        var builder = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(RepositoryFiles.Root)
            .WithDockerfile("Dockerfile")
            .WithName(Tag)
            .WithCleanUp(false);
        foreach (var (argument, variable) in new[] { ("SDK_IMAGE", "REFINESERVICE_SDK_IMAGE"), ("RUNTIME_IMAGE", "REFINESERVICE_RUNTIME_IMAGE") })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image)
            {
                builder = builder.WithBuildArgument(argument, image);
            }
        }

        if (Environment.GetEnvironmentVariable("REFINESERVICE_BUILD_NETWORK") is { Length: > 0 } network)
        {
            builder = builder.WithCreateParameterModifier(parameters => parameters.NetworkMode = network);
        }

        try
        {
            _image = builder.Build();
            await _image.CreateAsync();
        }
        catch (DockerUnavailableException ex)
        {
            SkipReason = "No Docker engine answers, so the image cannot be built or run here (an engine older than "
                + "API 1.44 answers only when DOCKER_API_VERSION names its version): " + ex.Message;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A client of the engine that Testcontainers uses, for what Testcontainers does not expose.</summary>
    public static IDockerClient CreateDockerClient() =>
        TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder(ResourceReaper.DefaultSessionId).Build();
}

/// <summary>The tests that run containers of the service's image; they share one build of it.</summary>
[CollectionDefinition(nameof(ServiceImageTests))]
public sealed class ServiceImageTests : ICollectionFixture<ServiceImage>;
