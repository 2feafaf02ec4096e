using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Catalog;
using RefineService.Core.Catalog;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>The service just after a start: its catalog never finishes loading.</summary>
public sealed class LoadingCatalogFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ICatalogSource, NeverLoadingSource>());
    }

    private sealed class NeverLoadingSource : ICatalogSource
    {
        public string Description => "a source that never answers";

        public async Task<ActionCatalog> LoadAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException();
        }
    }
}
