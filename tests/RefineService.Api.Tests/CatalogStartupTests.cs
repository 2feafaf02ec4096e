using System.Diagnostics;

namespace RefineService.Api.Tests;

public class CatalogStartupTests
{
    [Theory]
    [InlineData("corrupt", "not catalog JSON")]
    [InlineData("missing", "does not exist")]
    [InlineData("not-a-catalog", "missing required properties")]
    public async Task ABadCatalogFileStopsTheServiceBeforeItListensWithOneClearLogLine(string kind, string problem)
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
            Assert.DoesNotContain(output, l => l.Contains("Now listening on", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
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
}
