using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

        // The shipped catalog ages with the calendar: tests of anything but its freshness must not depend on the day
        // they run, so the stale warning waits ten years here (CatalogFreshnessTests set their own clock and limit).
        builder.UseSetting("Catalog:MaxAgeDays", "3650");
    }

    /// <summary>Starts the service; it reads its catalog before it answers.</summary>
    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
