using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RefineService.Playground.Tests;

/// <summary>The service on a real Kestrel server at a random loopback port, where a browser can reach it.</summary>
public class PlaygroundServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PlaygroundServer() : this(new Dictionary<string, string?>())
    {
    }

    protected PlaygroundServer(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Tests read the page, not logs; warnings and errors still show.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:ConsoleFormat", "text");

        // The shipped catalog ages with the calendar; its stale warning must not depend on the day the tests run.
        builder.UseSetting("Catalog:MaxAgeDays", "3650");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public ValueTask InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::1]", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/");
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The service with API keys configured, so that the page asks for one.</summary>
public sealed class PlaygroundServerWithKeys() : PlaygroundServer(new Dictionary<string, string?> { ["ApiKeys:Clients:playground"] = Key })
{
    /// <summary>The one client's key.</summary>
    public const string Key = "playground-test-key-0123456789abcdef";
}
