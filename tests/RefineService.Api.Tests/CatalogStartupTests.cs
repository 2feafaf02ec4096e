using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Catalog;
using RefineService.Api.Tests.Fixtures;
using RefineService.Core.Catalog;

namespace RefineService.Api.Tests;

public class CatalogStartupTests
{
    [Fact]
    public async Task ReadinessFlipsFrom503To200WhenTheCatalogHasLoaded()
    {
        await using var factory = new GatedCatalogFactory();
        using var client = factory.CreateClient();

        using (var loading = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
        }

        factory.Release();

        using var ready = await WaitForReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(ActionCatalog.LoadEmbedded().Version, await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("corrupt", "not catalog JSON")]
    [InlineData("missing", "does not exist")]
    [InlineData("not-a-catalog", "missing required properties")]
    public async Task ABadCatalogFileStopsStartupWithOneClearLogLine(string kind, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{kind}-{Guid.NewGuid():N}.json.gz");
        byte[]? content = kind switch
        {
            "corrupt" => [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02],
            "not-a-catalog" => "{\"hello\":1}"u8.ToArray(),
            _ => null,
        };
        if (content is not null)
        {
            await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
        }

        try
        {
            var (exitCode, output) = await RunServiceAsync(("Catalog__Path", path));

            Assert.Equal(1, exitCode);
            var line = Assert.Single(output, l => l.Contains("Cannot load the action catalog", StringComparison.Ordinal));
            Assert.Contains(path, line, StringComparison.Ordinal);
            Assert.Contains(problem, line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<HttpResponseMessage> WaitForReadyAsync(HttpClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Runs the built service as a real process until it exits by itself (at most a minute).</summary>
    private static async Task<(int ExitCode, List<string> Output)> RunServiceAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "RefineService.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new List<string>();
        var stdout = ReadLinesAsync(process.StandardOutput, output);
        var stderr = ReadLinesAsync(process.StandardError, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output);
    }

    private static async Task ReadLinesAsync(StreamReader reader, List<string> into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Add(line);
            }
        }
    }

    /// <summary>The service whose catalog loads only when the test says so.</summary>
    private sealed class GatedCatalogFactory : ApiFactory
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.SetResult();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ICatalogSource>(new GatedSource(_gate.Task)));
        }

        private sealed class GatedSource(Task gate) : ICatalogSource
        {
            public string Description => "a gated source";

            public async Task<ActionCatalog> LoadAsync(CancellationToken cancellationToken)
            {
                await gate.WaitAsync(cancellationToken);
                return ActionCatalog.LoadEmbedded();
            }
        }
    }
}
