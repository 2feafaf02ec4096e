using System.Text.Json;
using RefineService.Api.Hosting;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Infrastructure;

public class ContentRootTests
{
    [Theory]
    [InlineData(new string[0], null, false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, null, false)]
    [InlineData(new[] { "--contentRoot=/srv/refine" }, null, true)]
    [InlineData(new[] { "--contentRoot", "/srv/refine" }, null, true)]
    [InlineData(new string[0], "ASPNETCORE_CONTENTROOT", true)]
    [InlineData(new string[0], "DOTNET_CONTENTROOT", true)]
    public void AContentRootGivenOnTheCommandLineOrInTheEnvironmentWins(string[] args, string? variable, bool given)
    {
        Assert.Equal(given, ContentRoot.IsGiven(args, name => name == variable ? "/srv/refine" : null));
    }

    [Fact]
    public async Task StartedFromAnotherDirectoryTheServiceStillReadsItsOwnConfiguration()
    {
        var elsewhere = Directory.CreateTempSubdirectory("refine-cwd-");
        try
        {
            await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>(), TestContext.Current.CancellationToken, elsewhere.FullName);
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            using var response = await client.GetAsync(new Uri("/v1/catalog", UriKind.Relative), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();

            // The log is written from a background thread: wait for this request's own line (readiness probes that
            // answered 503 during start-up have lines too), then read everything written before it.
            await service.WaitForLineAsync(line => IsJson(line) && IsRequestLineOf(Parse(line), "/v1/catalog"), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            // appsettings.json was read: JSON lines, the framework's per-request lines turned down to Warning.
            List<JsonElement> lines = [.. service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(IsJson).Select(Parse)];
            var root = Assert.Single(lines, line => line.TryGetProperty("ContentRoot", out _));
            Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(root.GetProperty("ContentRoot").GetString()!));
            Assert.Contains(lines, line => IsRequestLineOf(line, "/v1/catalog"));
            Assert.DoesNotContain(lines, line => line.TryGetProperty("SourceContext", out var source) && source.GetString()!.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    private static bool IsJson(string line) => line.StartsWith('{');

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static bool IsRequestLineOf(JsonElement line, string path) =>
        line.TryGetProperty("RequestPath", out var logged) && logged.GetString() == path;
}
