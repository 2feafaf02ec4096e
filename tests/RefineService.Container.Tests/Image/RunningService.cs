using DotNet.Testcontainers.Containers;

namespace RefineService.Container.Tests.Image;

/// <summary>One container of the service, started once and shared by the tests that only ask it questions.</summary>
public sealed class RunningService(ServiceImage image) : IAsyncLifetime
{
    private IContainer? _container;

    public IContainer Container => _container ?? throw new InvalidOperationException(image.SkipReason);

    public async ValueTask InitializeAsync()
    {
        if (image.SkipReason is not null)
        {
            return;
        }

        _container = ServiceContainers.Create(image.Name);
        await _container.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
