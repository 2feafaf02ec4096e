using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RefineService.Container.Tests.Readme;

/// <summary>
/// The README's container commands for a host without registry access work as written: each of its shell blocks that
/// starts with <c>deploy/local-base-images.sh</c> is read from README.md and run by bash, unchanged, from the repository's
/// root; the service it starts on port 8080 must answer the seed example with the article's recommended policy.
/// </summary>
/// <remarks>
/// Needs root and a Docker engine, or the means to start one (the script installs it), and a free port 8080, which
/// the README's commands publish; otherwise skipped, saying which is missing. Slow: the first block builds the image.
/// </remarks>
public sealed partial class ReadmeContainerCommandsTests
{
    private static readonly TimeSpan BuildAndStartWithin = TimeSpan.FromMinutes(20);

    /// <summary>The README's shell blocks for a host without registry access, in order.</summary>
    public static IReadOnlyList<string> Blocks { get; } =
        ShellBlock().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")))
            .Select(m => m.Groups["body"].Value)
            .Where(body => body.TrimStart().StartsWith("eval \"$(deploy/local-base-images.sh)\"", StringComparison.Ordinal))
            .ToList();

    [Fact]
    public void TheReadmeShowsABuildAndRunAndAComposeBlockForAHostWithoutARegistry()
    {
        Assert.Equal(2, Blocks.Count);
        Assert.Contains("docker build", Blocks[0], StringComparison.Ordinal);
        Assert.Contains("--build-arg SDK_IMAGE=\"$REFINESERVICE_SDK_IMAGE\"", Blocks[0], StringComparison.Ordinal);
        Assert.Contains("docker run", Blocks[0], StringComparison.Ordinal);
        Assert.Contains("up --build", Blocks[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReadmesBuildAndRunCommandsServeTheSeedExample()
    {
        SkipUnlessRunnable();
        await RunUntilServedAsync(Blocks[0], stop: "docker ps -q --filter ancestor=refineservice | xargs -r docker stop");
    }

    [Fact]
    public async Task TheReadmesComposeCommandsServeTheSeedExample()
    {
        SkipUnlessRunnable();
        await RunUntilServedAsync(Blocks[1], stop: "(docker compose version >/dev/null 2>&1 && docker compose down) || docker-compose down");
    }

    private static void SkipUnlessRunnable()
    {
        Assert.SkipWhen(Environment.UserName != "root" && !OperatingSystem.IsWindows(),
            "The README's commands for a host without registry access run deploy/local-base-images.sh as root (it may install and start a Docker engine); this test runs as " + Environment.UserName + ".");
        Assert.SkipUnless(Bash("command -v docker >/dev/null || command -v apt-get >/dev/null").ExitCode == 0,
            "Neither a docker client nor apt-get to install one is here, so the README's container commands cannot run.");
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, 8080);
            listener.Start();
        }
        catch (SocketException)
        {
            Assert.Skip("Port 8080, which the README's commands publish, is in use on this machine.");
        }
    }

    // Runs the block as written; once the service it starts answers, checks the seed example, then stops it.
    private static async Task RunUntilServedAsync(string block, string stop)
    {
        var ct = TestContext.Current.CancellationToken;
        using var commands = StartBash(block);
        var output = new StringBuilder();
        commands.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        commands.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        commands.BeginOutputReadLine();
        commands.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var deadline = DateTime.UtcNow + BuildAndStartWithin;
            while (!await ReadyAsync(client, ct))
            {
                Assert.False(commands.HasExited, $"The README's commands stopped (exit code {(commands.HasExited ? commands.ExitCode : 0)}) before the service answered:\n{output}");
                Assert.True(DateTime.UtcNow < deadline, $"The service did not answer within {BuildAndStartWithin}:\n{output}");
                await Task.Delay(1000, ct);
            }

            using var request = new StringContent(await File.ReadAllTextAsync(SeedFile("seed-request.json"), ct), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/v1/recommendations", UriKind.Relative), request, ct);
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
            var expected = JsonNode.Parse(await File.ReadAllTextAsync(SeedFile("seed-recommended-policy.json"), ct))!;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(JsonNode.DeepEquals(expected, answer["recommendations"]![0]!["recommendedPolicy"]), answer.ToJsonString());
        }
        finally
        {
            var stopped = Bash(stop);
            Assert.True(stopped.ExitCode == 0, "Stopping the service failed: " + stopped.Output);
            if (!commands.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                commands.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient client, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Process StartBash(string script)
    {
        var start = new ProcessStartInfo("bash", ["-e", "-c", script])
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
    }

    private static (int ExitCode, string Output) Bash(string script)
    {
        using var process = StartBash(script);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string SeedFile(string name) => Path.Combine(AppContext.BaseDirectory, "Seed", name);

    [GeneratedRegex(@"^```sh\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
