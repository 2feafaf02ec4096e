using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Catalog;

[assembly: AssemblyFixture(typeof(RefineService.Api.Tests.Fixtures.ApiFactory))]

namespace RefineService.Api.Tests.Fixtures;

/// <summary>The service in memory with the shipped catalog loaded, shared by every test that needs nothing special.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Tests read answers, not logs; warnings and errors still show.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:ConsoleFormat", "text");
    }

    public async ValueTask InitializeAsync()
    {
        var state = Services.GetRequiredService<CatalogState>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (state.Catalog is null)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
