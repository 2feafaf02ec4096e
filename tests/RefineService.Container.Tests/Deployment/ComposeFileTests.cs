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
        Assert.NotNull(Service["mem_limit"]);
        Assert.NotNull(Service["cpus"]);
        Assert.NotNull(Service["restart"]);
        Assert.Equal("json", Text(Service["environment"]!["Serilog__ConsoleFormat"]));
        Assert.Equal("Production", Text(Service["environment"]!["ASPNETCORE_ENVIRONMENT"]));
    }

    [Fact]
    public void ComposeWaitsLongerThanTheServiceShutdownTimeoutBeforeKilling()
    {
        var grace = Text(Service["stop_grace_period"]);
        var appSettings = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "src", "RefineService.Api", "appsettings.json")))!;

        Assert.EndsWith("s", grace, StringComparison.Ordinal);
        Assert.True(int.Parse(grace[..^1], System.Globalization.CultureInfo.InvariantCulture) > Int(appSettings["shutdownTimeoutSeconds"]));
    }
}
