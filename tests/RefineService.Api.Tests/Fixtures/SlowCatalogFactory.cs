using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Catalog;
using RefineService.Core.Catalog;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>The service with a catalog that takes <paramref name="delay"/> to read, as on a slow disk or a cold start.</summary>
public sealed class SlowCatalogFactory(TimeSpan delay) : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ICatalogSource>(new SlowSource(delay)));
    }

    private sealed class SlowSource(TimeSpan delay) : ICatalogSource
    {
        public string Description => "a slow source";

        public async Task<ActionCatalog> LoadAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return ActionCatalog.LoadEmbedded();
        }
    }
}
