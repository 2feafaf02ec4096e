using System.Diagnostics;
using System.Text.Json.Nodes;
using RefineService.Api.OpenApi;

namespace RefineService.Cli.Tests;

/// <summary>What one run of the tool gave: its exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs <c>refine</c> in process (its entry point with test streams) or as a real process, on input files written for the test.</summary>
public sealed class CliRun : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refine-cli-").FullName;

    /// <summary>The seed article's policy document, as a file.</summary>
    public string SeedPolicy => File(
        "policy.json", RequestExamples.Load(RequestExamples.Recommendation)["policy"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The seed article's unused permissions: the API's example request, which holds them.</summary>
    public string SeedUnused => File("request.json", RequestExamples.Load(RequestExamples.Recommendation).ToJsonString());

    /// <summary>The seed article's finding as the AWS CLI prints get-finding-v2.</summary>
    public static string SeedFinding => Path.Combine(AppContext.BaseDirectory, "Inputs", "seed-finding.json");

    /// <summary>The accounts endpoint's example request: an account's authorization details and its principals' findings.</summary>
    public static JsonObject ExampleAccount() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Inputs", "example-account.json")))!.AsObject();

    /// <summary>A path in the test's folder that nothing is written to yet.</summary>
    public string PathOf(string name) => Path.Combine(_folder, name);

    public string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public static JsonObject SeedRequest() => RequestExamples.Load(RequestExamples.Recommendation).AsObject();

    public static async Task<CliResult> InProcessAsync(string[] args, string standardInput = "", bool terminal = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await RefineCommand.RunAsync(args, new CliConsole(new StringReader(standardInput), output, error, terminal, terminal), TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The tool as a pipeline runs it: <c>dotnet RefineService.Cli.dll</c>, standard streams redirected.</summary>
    public static async Task<CliResult> ProcessAsync(string[] args, string? standardInput = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RefineService.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
