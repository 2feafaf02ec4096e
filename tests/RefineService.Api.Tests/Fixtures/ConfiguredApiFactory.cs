using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>The service with settings of a test's own (and services replaced), for what configuration turns on.</summary>
public sealed class ConfiguredApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) : ApiFactory
{
    /// <summary>Starts the service and waits for its catalog.</summary>
    public static async Task<ConfiguredApiFactory> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var factory = new ConfiguredApiFactory(settings, services);
        await factory.InitializeAsync();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
