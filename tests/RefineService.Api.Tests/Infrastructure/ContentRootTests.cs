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
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The service is stopped with SIGTERM, a POSIX signal, to read its whole log.");
        var elsewhere = Directory.CreateTempSubdirectory("refine-cwd-");
        try
        {
            await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>(), TestContext.Current.CancellationToken, elsewhere.FullName);
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            using var response = await client.GetAsync(new Uri("/v1/catalog", UriKind.Relative), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();

            // Stopped, so that its whole log has been written: until then no line says which others are out yet (the host
            // writes its start-up lines, the content root among them, while the first requests are being served).
            Assert.Equal(0, await service.StopAsync());

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
