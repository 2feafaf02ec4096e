using System.Globalization;
using System.Text.Json.Nodes;
using static RefineService.Container.Tests.RepositoryFiles;

namespace RefineService.Container.Tests.Deployment;

/// <summary>docker-compose.yml runs the image as the image expects and as the issue asks: hardened, limited, checked.</summary>
public sealed class ComposeFileTests
{
    private static readonly JsonNode Service = ComposeService();

    [Fact]
    public void ComposePublishesTheContainerPort()
    {
        var ports = Service["ports"]!.AsArray().Select(Text).ToList();

        Assert.Contains(ports, p => p.EndsWith(":" + DockerfileEnvironment("ASPNETCORE_HTTP_PORTS"), StringComparison.Ordinal));
    }

    [Fact]
    public void ComposeHealthCheckIsTheImagesOwnProbe()
    {
        var test = Service["healthcheck"]!["test"]!.AsArray().Select(Text).ToList();

        Assert.Equal(["CMD", .. DockerfileHealthCheck()], test);
        Assert.Contains("--probe", test);
    }

    [Fact]
    public void ComposeRunsTheServiceHardenedAndLimited()
    {
        Assert.True(Bool(Service["read_only"]));
        Assert.Contains("no-new-privileges:true", Service["security_opt"]!.AsArray().Select(Text));
        Assert.Equal(["ALL"], Service["cap_drop"]!.AsArray().Select(Text));
        // The values docs/operations.md gives for Compose: 384 MiB of memory, one CPU, `restart: unless-stopped`.
        Assert.Equal("384m", Text(Service["mem_limit"]));
        Assert.Equal(1.0, double.Parse(Text(Service["cpus"]), CultureInfo.InvariantCulture));
        Assert.Equal(200, Int(Service["pids_limit"]));
        Assert.Equal("unless-stopped", Text(Service["restart"]));
        Assert.Equal("json", Text(Service["environment"]!["Serilog__ConsoleFormat"]));
        Assert.Equal("Production", Text(Service["environment"]!["ASPNETCORE_ENVIRONMENT"]));
    }

    [Fact]
    public void ComposeAllowsTheMemoryAndCpuThatTheKubernetesManifestsAllow()
    {
        var limits = KubernetesResource("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!["resources"]!["limits"]!;

        // 384m in Compose is 384 MiB, as 384Mi is in Kubernetes; docs/operations.md states both.
        Assert.Equal(Text(limits["memory"]), Text(Service["mem_limit"]).Replace("m", "Mi", StringComparison.Ordinal));
        Assert.Equal(double.Parse(Text(limits["cpu"]), CultureInfo.InvariantCulture), double.Parse(Text(Service["cpus"]), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ComposeWaitsLongerThanTheServiceShutdownTimeoutBeforeKilling()
    {
        var grace = Text(Service["stop_grace_period"]);
        var appSettings = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "src", "RefineService.Api", "appsettings.json")))!;

        Assert.EndsWith("s", grace, StringComparison.Ordinal);
        Assert.True(int.Parse(grace[..^1], CultureInfo.InvariantCulture) > Int(appSettings["shutdownTimeoutSeconds"]));
    }
}
